import type { NetworkInterfaceInfo } from 'node:os';

/** One address other devices on the local network might reach this laptop at. */
export interface LanAddress {
  readonly address: string;
  readonly family: 'IPv4' | 'IPv6';
  /** The adapter's name as the system calls it (`wlan0`, `en0`, `WLAN`, `Ethernet 2`). */
  readonly adapter: string;
}

/** What `os.networkInterfaces()` returns. */
export type InterfaceTable = NodeJS.Dict<readonly NetworkInterfaceInfo[]>;

/**
 * Adapters of virtual machines, containers and VPNs: phones on the venue's Wi-Fi cannot reach their addresses.
 * Linux (docker0, br-…, veth…, virbr0, lxcbr0, tailscale0, wg0, tun0, zt…), macOS (utun, awdl, llw, vmenet,
 * anpi; not bridge100, which Internet Sharing's hotspot uses) and Windows ("vEthernet (WSL)", "VirtualBox Host-Only Network", "VMware Network Adapter VMnet8",
 * "Hyper-V", "Bluetooth-Netzwerkverbindung", "Npcap Loopback", VPN clients).
 */
const VIRTUAL_ADAPTER =
  /^(docker|br-|veth|virbr|lxc|lxd|cni|flannel|cali|podman|vboxnet|vmnet|vmenet|utun|awdl|llw|anpi|tun|tap|wg|zt|tailscale|ham)|vethernet|virtualbox|vmware|hyper-v|bluetooth|npcap|loopback|tailscale|zerotier|openvpn|wireguard|nordlynx|vpn|pseudo/i;

/** Names of wireless adapters: phones join the Wi-Fi, so its address comes first when the laptop has several. */
const WIRELESS_ADAPTER = /^wl|wi-?fi|wlan|wireless|drahtlos/i;

const isLinkLocal = (info: NetworkInterfaceInfo): boolean =>
  info.family === 'IPv4' ? info.address.startsWith('169.254.') : /^fe[89ab]/i.test(info.address);

/** 10/8, 172.16/12 and 192.168/16: the addresses a venue's router hands out. */
const isPrivateIPv4 = (address: string): boolean => {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
};

/** Lower ranks first: private IPv4 on Wi-Fi, other private IPv4, other IPv4 (e.g. 100.64/10 of a VPN), IPv6. */
function rank(candidate: LanAddress): number {
  if (candidate.family === 'IPv6') return 3;
  if (!isPrivateIPv4(candidate.address)) return 2;
  return WIRELESS_ADAPTER.test(candidate.adapter) ? 0 : 1;
}

/**
 * The addresses phones might reach this laptop at, the most likely first: no loopback, no link-local address
 * (169.254/16, fe80::/10: no router handed it out) and no adapter of a virtual machine, container or VPN.
 * Otherwise in the system's order, which is stable.
 */
export function lanAddresses(table: InterfaceTable): LanAddress[] {
  const candidates: LanAddress[] = [];
  for (const [adapter, infos = []] of Object.entries(table)) {
    if (VIRTUAL_ADAPTER.test(adapter)) continue;
    for (const info of infos) {
      if (info.internal || isLinkLocal(info)) continue;
      candidates.push({ address: info.address, family: info.family, adapter });
    }
  }
  return candidates
    .map((candidate, order) => ({ candidate, order }))
    .sort((x, y) => rank(x.candidate) - rank(y.candidate) || x.order - y.order)
    .map(({ candidate }) => candidate);
}
