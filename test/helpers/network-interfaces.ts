/** Made-up network interfaces for the LAN join link's tests (the server reads them injected). */
import type { NetworkInterfaceInfo } from 'node:os';

/** An IPv4 interface with `address` (internal: a loopback one). */
export function v4(address: string, internal = false): NetworkInterfaceInfo {
  return {
    address,
    netmask: '255.255.255.0',
    family: 'IPv4',
    mac: '00:00:00:00:00:00',
    internal,
    cidr: null,
  };
}
