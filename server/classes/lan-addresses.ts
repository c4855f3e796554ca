/**
 * The addresses phones in the classroom can open this server at, when the teacher's console was
 * opened on localhost: the machine's non-loopback IPv4 addresses, the likeliest first. The
 * interfaces are read through an injectable source, so tests give a fixed list.
 */
import type { NetworkInterfaceInfo } from 'node:os';
import type { LanAddress, LanInfo } from '../../shared/protocol/events';

/** What os.networkInterfaces() returns. */
export type InterfaceMap = NodeJS.Dict<NetworkInterfaceInfo[]>;
/** Reads the machine's network interfaces (os.networkInterfaces, or a fixed list in tests). */
export type InterfaceSource = () => InterfaceMap;

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
/** Interfaces of containers, virtual machines and VPNs: a phone on the school Wi-Fi seldom reaches them. */
const VIRTUAL =
  /^(docker|br-|veth|virbr|vmnet|vboxnet|vethernet|utun|tun|tap|tailscale|zt|wg|lxc|lxd|cni|flannel|cali|podman|awdl|llw|ham|bridge|anpi)/i;

/** Whether a listening host accepts loopback connections only. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

function octets(address: string): number[] | null {
  const m = IPV4.exec(address);
  if (!m) return null;
  const o = m.slice(1).map(Number);
  return o.every((x) => x <= 255) ? o : null;
}

/** 0: a private LAN range (192.168/16, 10/8, 172.16/12); 1: any other routable address. */
function rank(o: number[]): number {
  const [a, b] = o as [number, number];
  const lan = a === 192 ? b === 168 : a === 10 || (a === 172 && b >= 16 && b <= 31);
  return lan ? 0 : 1;
}

/**
 * The IPv4 addresses of `ifaces` a phone could reach, given the host the server listens on: none
 * if it listens on loopback only, only that address if it listens on one address, otherwise
 * every external one (no loopback, no link-local 169.254/16), private LAN ranges before others and
 * virtual interfaces last, each address once.
 */
export function lanAddresses(ifaces: InterfaceMap, host: string): Omit<LanInfo, 'publicUrl'> {
  if (isLoopbackHost(host)) return { addresses: [], loopbackOnly: true };
  const only = octets(host.trim()) && host.trim() !== '0.0.0.0' ? host.trim() : null;
  const found: (LanAddress & { order: number })[] = [];
  for (const [name, list] of Object.entries(ifaces)) {
    for (const info of list ?? []) {
      // Node 18.0 to 18.3 gave the family as a number
      const family = String(info.family);
      if ((family !== 'IPv4' && family !== '4') || info.internal) continue;
      const o = octets(info.address);
      if (!o || o[0] === 127 || o[0] === 0 || (o[0] === 169 && o[1] === 254)) continue;
      if (only !== null && info.address !== only) continue;
      if (found.some((x) => x.address === info.address)) continue;
      const virtual = VIRTUAL.test(name);
      found.push({ name, address: info.address, virtual, order: (virtual ? 2 : 0) + rank(o) });
    }
  }
  // a stable sort: the system's order within each rank
  found.sort((a, b) => a.order - b.order);
  return {
    addresses: found.map(({ name, address, virtual }) => ({ name, address, virtual })),
    loopbackOnly: false,
  };
}
