import { describe, expect, it } from "vitest";
import { clientAddress, rateLimitAddress } from "./client-address";

describe("clientAddress", () => {
  it("trusts only the TCP peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.7", "198.51.100.1", 0)).toBe("203.0.113.7");
    expect(clientAddress("::ffff:127.0.0.1", ["1.2.3.4", "5.6.7.8"], 0)).toBe("127.0.0.1");
    expect(clientAddress("::1", undefined, 0)).toBe("::1");
  });

  it("behind one proxy, takes the address that proxy appended, not what the client prepended", () => {
    // The client forged "6.6.6.6"; the proxy (peer 10.0.0.2) appended the real client 203.0.113.9.
    expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", "203.0.113.9", 1)).toBe("203.0.113.9");
  });

  it("behind two proxies, skips both", () => {
    expect(clientAddress("10.0.0.3", "6.6.6.6, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
  });

  it("falls back to the peer when the header is missing, short or not an address", () => {
    expect(clientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "not an ip", 1)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.3", "203.0.113.9", 3)).toBe("10.0.0.3");
  });

  it("returns nothing for a missing or malformed peer", () => {
    expect(clientAddress(undefined, undefined, 0)).toBeUndefined();
    expect(clientAddress("<script>", undefined, 0)).toBeUndefined();
  });
});

describe("rateLimitAddress", () => {
  it("keeps IPv4 addresses whole", () => {
    expect(rateLimitAddress("203.0.113.7")).toBe("203.0.113.7");
  });

  it("counts IPv6 addresses by their /64, however they are written", () => {
    expect(rateLimitAddress("2001:db8:abcd:12:1:2:3:4")).toBe("2001:db8:abcd:12::/64");
    expect(rateLimitAddress("2001:0DB8:ABCD:0012:ffff::1")).toBe("2001:db8:abcd:12::/64");
    expect(rateLimitAddress("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(rateLimitAddress("::1")).toBe("0:0:0:0::/64");
  });
});
