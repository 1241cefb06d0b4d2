import { describe, expect, it } from "vitest";
import { crossSiteReason } from "@/lib/http/same-origin";

const request = (method: string, headers: Record<string, string>) =>
  new Request("http://lore.test:3000/api/policies", { method, headers: { host: "lore.test:3000", ...headers } });

describe("cross-site request refusal", () => {
  it("lets reads through from anywhere", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"])
      expect(crossSiteReason(request(method, { origin: "http://evil.test", "sec-fetch-site": "cross-site" }), null)).toBeNull();
  });

  it("lets through state-changing requests from the app's own pages and from clients that are not browsers", () => {
    expect(crossSiteReason(request("POST", { origin: "http://lore.test:3000", "sec-fetch-site": "same-origin" }), null)).toBeNull();
    expect(crossSiteReason(request("DELETE", { origin: "http://LORE.test:3000" }), null)).toBeNull();
    expect(crossSiteReason(request("POST", {}), null)).toBeNull();
    // Behind a proxy the browser's origin is the proxy's host.
    expect(crossSiteReason(request("PUT", { origin: "https://lore.example.com", "x-forwarded-host": "lore.example.com" }), null)).toBeNull();
  });

  it("refuses another port of the same host, another site, an opaque origin, and what Sec-Fetch-Site says is not same-origin", () => {
    expect(crossSiteReason(request("POST", { origin: "http://lore.test:3001" }), null)).toBe("another origin (http://lore.test:3001)");
    expect(crossSiteReason(request("POST", { origin: "http://lore.test:3001", "sec-fetch-site": "same-site" }), null)).toBe(
      "another site on this host or domain",
    );
    expect(crossSiteReason(request("POST", { origin: "http://evil.test", "sec-fetch-site": "cross-site" }), null)).toBe("another site");
    expect(crossSiteReason(request("POST", { "sec-fetch-site": "cross-site" }), null)).toBe("another site");
    expect(crossSiteReason(request("POST", { "sec-fetch-site": "none" }), null)).toBe("outside Lore's pages");
    expect(crossSiteReason(request("POST", { origin: "null" }), null)).toBe("a page without an origin");
    expect(crossSiteReason(request("POST", { origin: "not a url" }), null)).toBe("another origin (not a url)");
  });

  it("with APP_ORIGIN, accepts exactly that origin whatever the Host header says", () => {
    const appOrigin = "https://lore.example.com";
    expect(crossSiteReason(request("POST", { origin: "https://lore.example.com" }), appOrigin)).toBeNull();
    expect(crossSiteReason(request("POST", { origin: "http://lore.example.com" }), appOrigin)).toBe("another origin (http://lore.example.com)");
    expect(crossSiteReason(request("POST", { origin: "http://lore.test:3000" }), appOrigin)).toBe("another origin (http://lore.test:3000)");
  });
});
