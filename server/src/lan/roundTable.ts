import net from 'node:net';
import qrcode from 'qrcode-terminal';
import { type InterfaceTable, type LanAddress, lanAddresses } from './addresses';

/** Where round-table mode sends phones, and what else the laptop could offer. */
export interface RoundTablePlan {
  /** The origin for links (PUBLIC_URL, the chosen address, or the best LAN address); null = no network found. */
  readonly publicUrl: string | null;
  /** Where that origin came from, for the terminal. */
  readonly source: 'PUBLIC_URL' | 'chosen' | LanAddress | null;
  /** The other LAN addresses, for a laptop in several networks. */
  readonly others: readonly LanAddress[];
}

const hostPart = (address: string): string => (address.includes(':') ? `[${address}]` : address);
export const originOn = (address: string, port: number, secure = false): string =>
  `${secure ? 'https' : 'http'}://${hostPart(address)}:${port}`;

/** PUBLIC_URL wins (a venue's own name), then an address given at start, then the best one found. */
export function planRoundTable(options: {
  publicUrl: string | null;
  address: string | null;
  port: number;
  interfaces: InterfaceTable;
  /** TLS_CERT/TLS_KEY are set: phones join over https. */
  secure?: boolean;
}): RoundTablePlan {
  const found = lanAddresses(options.interfaces);
  if (options.publicUrl) return { publicUrl: options.publicUrl, source: 'PUBLIC_URL', others: found };
  if (options.address) {
    const others = found.filter((candidate) => candidate.address !== options.address);
    return { publicUrl: originOn(options.address, options.port, options.secure), source: 'chosen', others };
  }
  const [best, ...others] = found;
  return best
    ? { publicUrl: originOn(best.address, options.port, options.secure), source: best, others }
    : { publicUrl: null, source: null, others: [] };
}

/** A port nobody listens on: the join address must name the port before the server listens on it. */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

const qr = (text: string): string => {
  let drawn = '';
  qrcode.generate(text, { small: true }, (code) => {
    drawn = code;
  });
  return drawn;
};

/** What the person at the laptop reads in the terminal: where to open the board, where phones join, what else. */
export function roundTableBanner(plan: RoundTablePlan, laptopUrl: string): string {
  const lines = ['', 'Round table: the board is open to the local network.', ''];
  lines.push(`  On this laptop, open   ${laptopUrl}`);
  if (!plan.publicUrl) {
    lines.push(
      '',
      '  No local network found: phones cannot reach this laptop, and invite links would point at it alone.',
      '  Connect the laptop to the Wi-Fi (or switch on its hotspot), then start `npm run round-table` again.',
      '',
    );
    return lines.join('\n');
  }
  const via =
    plan.source === 'PUBLIC_URL'
      ? ' (PUBLIC_URL)'
      : plan.source === 'chosen'
        ? ''
        : ` (${plan.source?.adapter})`;
  lines.push(`  Phones join at         ${plan.publicUrl}${via}`, '', qr(plan.publicUrl));
  lines.push(
    '  Scan this code with a phone on the same Wi-Fi: if it shows the start page, phones reach this laptop.',
    "  Invite links and the projector's QR code use this address. If the firewall asks, allow private networks.",
  );
  if (plan.others.length > 0) {
    lines.push('', '  If phones cannot open it, the Wi-Fi may be another of this laptop’s networks:');
    for (const other of plan.others) {
      lines.push(`    ${other.adapter}: ${other.address}   →  npm run round-table -- ${other.address}`);
    }
  }
  lines.push('');
  return lines.join('\n');
}
