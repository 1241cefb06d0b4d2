import { describe, expect, it } from "vitest";
import { refuseCrossSite } from "@/lib/http";

const request = (headers: Record<string, string>) => new Request("http://lore.test/api/admin/people/import", { method: "POST", headers });
const verdict = (headers: Record<string, string>) => {
  try {
    refuseCrossSite(request(headers), "people-import");
    return "passes";
  } catch (error) {
    return `${(error as { code: string }).code}: ${(error as Error).message}`;
  }
};

describe("refusing requests another site made a browser send", () => {
  it("lets the app's own pages and cookie-less clients through", () => {
    expect(verdict({ host: "lore.test", "sec-fetch-site": "same-origin", origin: "http://lore.test" })).toBe("passes");
    expect(verdict({ host: "lore.test", origin: "http://lore.test" })).toBe("passes");
    expect(verdict({ host: "lore.test" })).toBe("passes");
    // Behind a proxy the browser's Origin names the public host, which the proxy passes on.
    expect(verdict({ host: "10.0.0.5:3000", "x-forwarded-host": "lore.example.com", origin: "https://lore.example.com" })).toBe("passes");
  });

  it("refuses cross-site and same-site-but-other-origin requests, and opaque origins", () => {
    expect(verdict({ host: "lore.test", "sec-fetch-site": "cross-site", origin: "https://evil.example" })).toBe("forbidden:people-import: This request came from another site and was refused.");
    expect(verdict({ host: "lore.test", "sec-fetch-site": "same-site", origin: "http://other.lore.test" })).toMatch(/^forbidden/);
    expect(verdict({ host: "lore.test", origin: "https://evil.example" })).toMatch(/^forbidden/);
    expect(verdict({ host: "lore.test", origin: "null" })).toMatch(/^forbidden/);
  });
});
