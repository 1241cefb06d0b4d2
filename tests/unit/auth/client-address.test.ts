import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/client-address";

// Lore's server appends the connection's address to X-Forwarded-For (scripts/server.mjs), as each
// proxy in front of it appends the address it was reached from.
const chain = (value: string) => new Headers({ "x-forwarded-for": value });

describe("the client's address", () => {
  it("with no proxy in front, is the connection's own, whatever the client wrote", () => {
    expect(clientAddress(chain("127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientAddress(chain("203.0.113.66, 198.51.100.1, 127.0.0.1"), 0)).toBe("127.0.0.1");
  });

  it("behind proxies, is what the outermost trusted proxy saw, not what the client wrote before it", () => {
    // client wrote 203.0.113.66; the proxy saw 198.51.100.9 and appended it; the server appended the proxy (10.0.0.2)
    expect(clientAddress(chain("203.0.113.66, 198.51.100.9, 10.0.0.2"), 1)).toBe("198.51.100.9");
    // two proxies: the outer one (10.0.0.3) saw 198.51.100.9, the inner one saw the outer
    expect(clientAddress(chain("203.0.113.66, 198.51.100.9, 10.0.0.3, 10.0.0.2"), 2)).toBe("198.51.100.9");
  });

  it("reached around the proxies, falls back to the connection's own address", () => {
    expect(clientAddress(chain("192.0.2.5"), 1)).toBe("192.0.2.5");
    expect(clientAddress(chain(" 203.0.113.66 ,, 192.0.2.5"), 3)).toBe("192.0.2.5");
  });

  it("is unknown without the header (a server other than scripts/server.mjs that sets none)", () => {
    expect(clientAddress(new Headers(), 0)).toBeNull();
  });
});
