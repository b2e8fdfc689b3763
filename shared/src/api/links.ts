/**
 * Whether the links a server hands out (invites, the projector's QR code, device links) can be opened from
 * another device. `loopback`: they name this machine only (127.0.0.0/8, ::1, localhost, 0.0.0.0), or no address
 * at all, so a phone cannot open them; `network`: any other host, which may be reachable.
 */
export const LINK_REACHES = ['loopback', 'network'] as const;
export type LinkReach = (typeof LINK_REACHES)[number];

export const isLinkReach = (value: unknown): value is LinkReach => LINK_REACHES.includes(value as LinkReach);

const LOOPBACK_IPV4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
// An IPv4-mapped 127.x address as the URL parser writes it ([::ffff:127.0.0.1] becomes [::ffff:7f00:1]).
const LOOPBACK_MAPPED = /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/;
// ::1, and the unspecified addresses, which a browser on this machine opens as this machine.
const OTHER_LOCAL = new Set(['[::1]', '0.0.0.0', '[::]', '[::ffff:0:0]']);

/** A URL's `hostname` (lower case, IPv6 in brackets, IPv4 in dotted form, as WHATWG URL normalises it). */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.replace(/\.$/, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    LOOPBACK_IPV4.test(host) ||
    LOOPBACK_MAPPED.test(host) ||
    OTHER_LOCAL.has(host)
  );
}

/** The reach of links built on `origin` (e.g. `http://192.168.1.20:8787`); one that does not parse reaches nobody. */
export function linkReachOf(origin: string): LinkReach {
  try {
    return isLoopbackHostname(new URL(origin).hostname) ? 'loopback' : 'network';
  } catch {
    return 'loopback';
  }
}
