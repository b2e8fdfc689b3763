import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { type InterfaceTable, lanAddresses } from './addresses';

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  netmask: '255.255.255.0',
  family: 'IPv4',
  mac: '00:00:00:00:00:00',
  internal,
  cidr: `${address}/24`,
});
const v6 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  netmask: 'ffff:ffff:ffff:ffff::',
  family: 'IPv6',
  mac: '00:00:00:00:00:00',
  internal,
  cidr: `${address}/64`,
  scopeid: 0,
});

/** Tables as os.networkInterfaces() reports them on a community centre's laptops. */
const WINDOWS: InterfaceTable = {
  'vEthernet (WSL)': [v6('fe80::1c2b:3a4d:5e6f:7081'), v4('172.23.96.1')],
  Ethernet: [v6('fe80::a1b2:c3d4:e5f6:1234'), v4('169.254.12.7')],
  'VirtualBox Host-Only Network': [v4('192.168.56.1')],
  'VMware Network Adapter VMnet8': [v4('192.168.142.1')],
  WLAN: [v6('2a02:8108:1234:5600::7'), v6('fe80::9d4c:1e2f:3a4b:5c6d'), v4('192.168.178.34')],
  'Bluetooth-Netzwerkverbindung': [v4('169.254.88.1')],
  'Loopback Pseudo-Interface 1': [v6('::1', true), v4('127.0.0.1', true)],
};

const MACOS: InterfaceTable = {
  lo0: [v4('127.0.0.1', true), v6('::1', true), v6('fe80::1', true)],
  anpi0: [v6('fe80::b8e1:ffff:fe00:1')],
  en0: [v6('fe80::18d2:7aff:fe3c:9a11'), v4('10.0.1.23'), v6('fd4e:1a2b:3c4d::1f')],
  awdl0: [v6('fe80::a4c1:2dff:fe6b:77')],
  llw0: [v6('fe80::a4c1:2dff:fe6b:78')],
  utun0: [v6('fe80::5a1e:9cbb:2d1a:33')],
  utun3: [v4('100.101.102.103')],
  bridge100: [v4('192.168.2.1')],
};

const LINUX: InterfaceTable = {
  lo: [v4('127.0.0.1', true), v6('::1', true)],
  enp0s31f6: [v4('10.20.0.15')],
  wlp2s0: [v4('192.168.1.20'), v6('fe80::7c4a:1bff:fe2d:3e4f')],
  docker0: [v4('172.17.0.1')],
  'br-3f2a9c1d4e5b': [v4('172.18.0.1')],
  virbr0: [v4('192.168.122.1')],
  tailscale0: [v4('100.90.12.4'), v6('fd7a:115c:a1e0::1')],
};

const addresses = (table: InterfaceTable) => lanAddresses(table).map((a) => `${a.address} ${a.adapter}`);

describe('the addresses phones might reach this laptop at', () => {
  it('Windows: the Wi-Fi adapter, without WSL, VirtualBox, VMware, Bluetooth and link-local addresses', () => {
    expect(addresses(WINDOWS)).toEqual(['192.168.178.34 WLAN', '2a02:8108:1234:5600::7 WLAN']);
  });

  it('macOS: en0 and the Internet Sharing hotspot, without AirDrop, VPN tunnels and link-local addresses', () => {
    expect(addresses(MACOS)).toEqual(['10.0.1.23 en0', '192.168.2.1 bridge100', 'fd4e:1a2b:3c4d::1f en0']);
  });

  it('Linux: Wi-Fi before Ethernet, without Docker, libvirt and Tailscale', () => {
    expect(addresses(LINUX)).toEqual(['192.168.1.20 wlp2s0', '10.20.0.15 enp0s31f6']);
  });

  it('ranks a non-private IPv4 address after private ones and before IPv6', () => {
    const table: InterfaceTable = {
      eth1: [v6('2001:db8::5')],
      eth0: [v4('100.64.3.9')],
      eth2: [v4('172.31.4.2')],
    };
    expect(addresses(table)).toEqual(['172.31.4.2 eth2', '100.64.3.9 eth0', '2001:db8::5 eth1']);
  });

  it('finds nothing on a laptop without a network', () => {
    expect(lanAddresses({ lo: [v4('127.0.0.1', true), v6('::1', true)] })).toEqual([]);
    expect(lanAddresses({ Ethernet: [v4('169.254.3.4')], eth0: undefined })).toEqual([]);
    expect(lanAddresses({})).toEqual([]);
  });
});
