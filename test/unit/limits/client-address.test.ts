import { describe, expect, it } from "vitest";
import { clientAddressOf } from "../../../shared/limits/client-address";

describe("the client address, from X-Forwarded-For", () => {
  it("takes the right-most entry: the address the platform's front end saw connect, which the front end appends", () => {
    expect(clientAddressOf("203.0.113.9:51234", 0)).toBe("203.0.113.9");
    expect(clientAddressOf("198.51.100.7, 203.0.113.9:51234", 0)).toBe("203.0.113.9");
  });

  it("never trusts what a client wrote on the left", () => {
    expect(clientAddressOf("1.2.3.4, 5.6.7.8, 203.0.113.9", 0)).toBe("203.0.113.9");
  });

  it("skips as many entries as there are trusted proxies of one's own in front (Front Door: 1)", () => {
    expect(clientAddressOf("forged, 198.51.100.7, 203.0.113.9:443", 1)).toBe("198.51.100.7");
    expect(clientAddressOf("198.51.100.7:1111, 10.0.0.1, 203.0.113.9", 2)).toBe("198.51.100.7");
  });

  it("keys an IPv6 client on its /64, since one subscriber holds the whole prefix", () => {
    expect(clientAddressOf("[2001:db8:1:2:3:4:5:6]:443", 0)).toBe("2001:db8:1:2::/64");
    expect(clientAddressOf("2001:db8:1:2::9", 0)).toBe("2001:db8:1:2::/64");
    expect(clientAddressOf("2001:DB8:1:2:ffff::1", 0)).toBe("2001:db8:1:2::/64");
  });

  it("reads an IPv4 address mapped into IPv6 as the IPv4 address", () => {
    expect(clientAddressOf("::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
    expect(clientAddressOf("[::ffff:203.0.113.9]:80", 0)).toBe("203.0.113.9");
  });

  it("gives one shared 'unknown' client when the header is missing, too short or not an address", () => {
    expect(clientAddressOf(null, 0)).toBe("unknown");
    expect(clientAddressOf("", 0)).toBe("unknown");
    expect(clientAddressOf("203.0.113.9", 1)).toBe("unknown");
    expect(clientAddressOf("not-an-address", 0)).toBe("unknown");
    expect(clientAddressOf("1.2.3.4, <script>", 0)).toBe("unknown");
  });
});
