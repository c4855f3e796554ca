/** How segments, numbers and countdowns are written on screen, the same in both languages. */
import type { SegmentView } from '../../../shared/game/game-view';

/** "SYN,ACK seq=5000 ack=1001 len=7": ack only when the ACK flag makes it meaningful, len only when there is data. */
export function segmentLabel(s: SegmentView): string {
  const flags = s.flags.length ? s.flags.join(',') : '—';
  return `${flags} ${segmentNumbers(s)}`;
}

/** The numbers of a segment on a second line (for the packets on the wire). */
export function segmentNumbers(s: SegmentView): string {
  const parts = [`seq=${s.seq}`];
  if (s.flags.includes('ACK')) parts.push(`ack=${s.ack}`);
  if (s.len > 0) parts.push(`len=${s.len}`);
  return parts.join(' ');
}

/** Seconds left, one decimal under ten seconds, never negative. */
export function secondsLeft(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  return s < 10 ? s.toFixed(1) : String(Math.ceil(s));
}

/** A record value: -1 means not known yet. */
export function recordValue(n: number, unknown: string): string {
  return n < 0 ? unknown : String(n);
}

/** The short part of a state's display name: "SYN_SENT (SYN sent)" gives "SYN sent". */
export function stateGloss(name: string): string {
  const m = /[（(](.+)[）)]\s*$/.exec(name);
  return m?.[1] ?? '';
}

/** The connection-record fields a player sees of its own side, with their RFC names. */
export const RECORD_FIELDS = [
  ['iss', 'ISS'],
  ['sndUna', 'SND.UNA'],
  ['sndNxt', 'SND.NXT'],
  ['sndWnd', 'SND.WND'],
  ['irs', 'IRS'],
  ['rcvNxt', 'RCV.NXT'],
  ['rcvWnd', 'RCV.WND'],
] as const;
