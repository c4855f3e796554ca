/**
 * Which of the machine's addresses a join link may use (lanAddresses), from interface lists as
 * os.networkInterfaces() gives them: a laptop on the school Wi-Fi with Docker and a VPN, a machine
 * with no network, a server listening on loopback or on one address.
 */
import type { NetworkInterfaceInfo } from 'node:os';
import { isLoopbackHost, lanAddresses, type InterfaceMap } from '../../../server/classes/lan-addresses';
import { v4 } from '../../helpers/network-interfaces';

function v6(address: string, internal = false): NetworkInterfaceInfo {
  return {
    address,
    netmask: 'ffff:ffff:ffff:ffff::',
    family: 'IPv6',
    mac: '00:00:00:00:00:00',
    internal,
    cidr: null,
    scopeid: 0,
  };
}

const LAPTOP: InterfaceMap = {
  lo: [v4('127.0.0.1', true), v6('::1', true)],
  docker0: [v4('172.17.0.1')],
  utun3: [v4('100.101.102.103')],
  wlan0: [v4('192.168.31.20'), v6('fe80::1')],
  eth0: [v4('10.12.0.7')],
  'vEthernet (WSL)': [v4('172.29.160.1')],
};

test('a laptop: the Wi-Fi and Ethernet LAN addresses first, virtual and VPN interfaces last, no loopback or IPv6', () => {
  expect(lanAddresses(LAPTOP, '0.0.0.0')).toEqual({
    loopbackOnly: false,
    addresses: [
      { name: 'wlan0', address: '192.168.31.20', virtual: false },
      { name: 'eth0', address: '10.12.0.7', virtual: false },
      { name: 'docker0', address: '172.17.0.1', virtual: true },
      { name: 'vEthernet (WSL)', address: '172.29.160.1', virtual: true },
      { name: 'utun3', address: '100.101.102.103', virtual: true },
    ],
  });
  // an IPv6 wildcard listens on IPv4 too
  expect(lanAddresses(LAPTOP, '::').addresses).toHaveLength(5);
});

test('a public address comes after the private LAN ranges; link-local and odd entries are left out', () => {
  const ifaces: InterfaceMap = {
    ens3: [v4('203.0.113.9')],
    ens4: [v4('172.20.1.5')],
    ens5: [v4('169.254.10.2')],
    ens6: [v4('not-an-address'), v4('300.1.1.1'), v4('0.0.0.0')],
    ens7: [{ ...v4('192.168.0.9'), family: 4 as unknown as 'IPv4' }],
    dup: [v4('172.20.1.5')],
    gone: undefined,
  };
  expect(lanAddresses(ifaces, '0.0.0.0').addresses.map((a) => a.address)).toEqual([
    '172.20.1.5',
    '192.168.0.9',
    '203.0.113.9',
  ]);
});

test('no network: no address; listening on loopback: none, said so', () => {
  expect(lanAddresses({ lo: [v4('127.0.0.1', true)] }, '0.0.0.0')).toEqual({
    addresses: [],
    loopbackOnly: false,
  });
  expect(lanAddresses({}, '0.0.0.0')).toEqual({ addresses: [], loopbackOnly: false });
  for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3'])
    expect(lanAddresses(LAPTOP, host)).toEqual({ addresses: [], loopbackOnly: true });
});

test('listening on one address: only that one', () => {
  expect(lanAddresses(LAPTOP, '10.12.0.7').addresses).toEqual([
    { name: 'eth0', address: '10.12.0.7', virtual: false },
  ]);
  expect(lanAddresses(LAPTOP, '192.168.99.99').addresses).toEqual([]);
});

test('isLoopbackHost', () => {
  expect(['127.0.0.1', 'LOCALHOST', '::1', '[::1]'].map(isLoopbackHost)).toEqual([true, true, true, true]);
  expect(['0.0.0.0', '::', '192.168.1.2', 'example.org'].map(isLoopbackHost)).toEqual([
    false,
    false,
    false,
    false,
  ]);
});
