/**
 * A join link phones can open: a console opened on localhost or 127.0.0.1 would print a link to the
 * teacher's own machine, so it takes the machine's address on the local network (class:lan)
 * instead, with the page's own protocol and port. Pure: no DOM, no socket.
 */
import type { LanAddress } from '../../../shared/protocol/events';
import { joinLink } from './class-route';

/** The storage key of the address the teacher picked. */
export const LAN_ADDRESS_KEY = 'handshake-arena.lan-address';

/** Whether a page's hostname is this machine only (no phone can open it). */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** The address to use: the one the teacher picked if it is still there, else the likeliest. */
export function pickAddress(addresses: readonly LanAddress[], remembered: string | null): LanAddress | null {
  return addresses.find((a) => a.address === remembered) ?? addresses[0] ?? null;
}

/** The join link at `address`, with the page's protocol and port (`location` as window.location). */
export function lanJoinLink(
  location: { protocol: string; port: string },
  address: string,
  code: string,
): string {
  const port = location.port ? `:${location.port}` : '';
  return joinLink(`${location.protocol}//${address}${port}`, code);
}
