import { BlockList, isIP } from 'node:net';

// Addresses a mail's reader cannot open from their own device: loopback, private networks, link-local, CGNAT.
const UNREACHABLE = new BlockList();
UNREACHABLE.addSubnet('127.0.0.0', 8, 'ipv4');
UNREACHABLE.addSubnet('10.0.0.0', 8, 'ipv4');
UNREACHABLE.addSubnet('172.16.0.0', 12, 'ipv4');
UNREACHABLE.addSubnet('192.168.0.0', 16, 'ipv4');
UNREACHABLE.addSubnet('169.254.0.0', 16, 'ipv4');
UNREACHABLE.addSubnet('100.64.0.0', 10, 'ipv4');
UNREACHABLE.addSubnet('0.0.0.0', 8, 'ipv4');
UNREACHABLE.addAddress('::1', 'ipv6');
UNREACHABLE.addAddress('::', 'ipv6');
UNREACHABLE.addSubnet('fc00::', 7, 'ipv6');
UNREACHABLE.addSubnet('fe80::', 10, 'ipv6');

const LOCAL_NAME = /(^|\.)(localhost|local|internal|lan|home\.arpa)$/i;

/**
 * Why links in mails would not open for their readers, or null when PUBLIC_URL looks reachable: mails are read
 * elsewhere, later, so the request's own host (what invite links fall back to) is no good for them.
 */
export function publicUrlProblem(publicUrl: string | null): string | null {
  if (publicUrl === null) {
    return 'PUBLIC_URL is not set: links in mails would use the address of the request that queued them';
  }
  const host = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '');
  const family = isIP(host);
  if (family !== 0) {
    const mapped = host.toLowerCase().startsWith('::ffff:') && isIP(host.slice(7)) === 4;
    const [address, type] = mapped
      ? [host.slice(7), 'ipv4' as const]
      : [host, family === 4 ? ('ipv4' as const) : ('ipv6' as const)];
    return UNREACHABLE.check(address, type)
      ? `PUBLIC_URL (${publicUrl}) is a loopback or private address: links in mails would not open elsewhere`
      : null;
  }
  return LOCAL_NAME.test(host) || !host.includes('.')
    ? `PUBLIC_URL (${publicUrl}) names a local host: links in mails would not open elsewhere`
    : null;
}
