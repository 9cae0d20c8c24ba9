/**
 * Who is calling, for the limits on anonymous endpoints (Contact me). On Azure the Functions front end (the App
 * Service front end) appends the address that connected to it, with its port, to `X-Forwarded-For`; whatever
 * the client sent itself stays on the left of it. So the right-most entry is the only one the platform vouches
 * for: a client can write anything it likes further left. With proxies of one's own in front (Front Door, an
 * Application Gateway), each appends the address it saw, and the client is as many entries further left as there
 * are such proxies (`CLIENT_ADDRESS_PROXY_HOPS`). An IPv6 client is keyed on its /64, since one subscriber
 * commonly holds the whole prefix. The local host sets the header the same way (local/host/http-mapping.ts).
 */
import { isIPv4, isIPv6 } from "node:net";

/** The one client every request without a usable address shares: still limited, never unlimited. */
export const unknownClient = "unknown";

export function clientAddressOf(forwardedFor: string | null | undefined, proxyHops: number): string {
  const entries = (forwardedFor ?? "").split(",").map((entry) => entry.trim());
  const entry = entries[entries.length - 1 - proxyHops];
  return (entry && normalise(withoutPort(entry))) || unknownClient;
}

function withoutPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return bracketed[1] as string;
  const ipv4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  return ipv4WithPort ? (ipv4WithPort[1] as string) : entry;
}

function normalise(address: string): string | undefined {
  if (isIPv4(address)) return address;
  const bare = address.split("%")[0] as string;
  if (!isIPv6(bare)) return undefined;
  const groups = ipv6Groups(bare.toLowerCase());
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [high, low] = [groups[6] as number, groups[7] as number];
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a trailing dotted IPv4 part converted). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array.from({ length: 8 - headGroups.length - tailGroups.length }, () => "0");
  return [...headGroups, ...zeros, ...tailGroups].map((group) => parseInt(group, 16));
}
