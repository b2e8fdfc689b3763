import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { InterfaceTable } from './addresses';
import { planRoundTable, roundTableBanner } from './roundTable';

const info = (address: string, family: 'IPv4' | 'IPv6'): NetworkInterfaceInfo =>
  family === 'IPv4'
    ? { address, family, netmask: '255.255.255.0', mac: '', internal: false, cidr: null }
    : { address, family, netmask: 'ffff::', mac: '', internal: false, cidr: null, scopeid: 0 };
const interfaces: InterfaceTable = { wlan0: [info('192.168.1.20', 'IPv4')], eth0: [info('fd00::7', 'IPv6')] };
const plan = (publicUrl: string | null, address: string | null, table = interfaces) =>
  planRoundTable({ publicUrl, address, port: 8787, interfaces: table });

describe('where round-table mode sends phones', () => {
  it('takes PUBLIC_URL first, then the address given, then the best one found', () => {
    expect(plan('https://tisch.example.org', '10.0.0.5').publicUrl).toBe('https://tisch.example.org');
    expect(plan(null, '10.0.0.5')).toMatchObject({ publicUrl: 'http://10.0.0.5:8787', source: 'chosen' });
    expect(plan(null, 'fd00::7')).toMatchObject({ publicUrl: 'http://[fd00::7]:8787' });
    expect(plan(null, '192.168.1.20').others.map((o) => o.address)).toEqual(['fd00::7']);
    expect(plan(null, null)).toMatchObject({
      publicUrl: 'http://192.168.1.20:8787',
      source: { adapter: 'wlan0' },
      others: [{ address: 'fd00::7' }],
    });
  });

  it('says plainly when there is no network, instead of linking to this laptop', () => {
    const none = plan(null, null, { wlan0: [] });
    expect(none.publicUrl).toBeNull();
    const text = roundTableBanner(none, 'http://127.0.0.1:8787');
    expect(text).toContain('No local network found');
    expect(text).not.toContain('Phones join at');
  });

  it('lists the other addresses with the command that picks each', () => {
    const text = roundTableBanner(plan(null, null), 'http://127.0.0.1:8787');
    expect(text).toContain('Phones join at         http://192.168.1.20:8787 (wlan0)');
    expect(text).toContain('eth0: fd00::7   →  npm run round-table -- fd00::7');
  });
});
