/** How segments, numbers and countdowns are written on screen, the same in both languages. */
import type { SegmentView } from '../../../shared/game/game-view';
import type { Side } from '../../../shared/tcp/types';
import { numText, type Numbering } from './numbering';

/**
 * "SYN,ACK seq=5000 ack=1001 len=7": ack only when the ACK flag makes it meaningful, len only when
 * there is data. Given its sender and a relative numbering: "SYN,ACK seq=y ack=x+1".
 */
export function segmentLabel(s: SegmentView, from?: Side, num?: Numbering): string {
  return `${segmentFlags(s)} ${segmentNumbers(s, from, num)}`;
}

/** The flags of a segment as people write them ("SYN,ACK"), or a dash for none. */
export function segmentFlags(s: SegmentView): string {
  return s.flags.length ? s.flags.join(',') : '—';
}

/** The numbers of a segment ("seq=x+1 ack=y+1 len=7"), relative when a numbering and sender are given. */
export function segmentNumbers(s: SegmentView, from?: Side, num?: Numbering): string {
  return segmentNumberParts(s, from, num).join(' ');
}

/** The numbers of a segment one by one: seq, then ack when the ACK flag is set, then len when > 0. */
export function segmentNumberParts(s: SegmentView, from?: Side, num?: Numbering): string[] {
  const peer: Side | undefined = from === undefined ? undefined : from === 'client' ? 'server' : 'client';
  const n = (v: number, owner: Side | undefined) =>
    num && owner !== undefined ? numText(num, v, owner) : String(v);
  const parts = [`seq=${n(s.seq, from)}`];
  if (s.flags.includes('ACK')) parts.push(`ack=${n(s.ack, peer)}`);
  if (s.len > 0) parts.push(`len=${s.len}`);
  return parts;
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

/** Which side's numbering each sequence-space field of a record counts in: its own, or its peer's. */
export const RECORD_NUMBERING: Readonly<Record<RecordField, 'own' | 'peer' | null>> = {
  iss: 'own',
  sndUna: 'own',
  sndNxt: 'own',
  sndWnd: null,
  irs: 'peer',
  rcvNxt: 'peer',
  rcvWnd: null,
};

/** A field of a side's record as shown in a numbering ("x+1", or "1001"); -1 is unknown. */
export function recordText(
  field: RecordField,
  n: number,
  side: Side,
  num: Numbering | undefined,
  unknown: string,
): string {
  if (n < 0) return unknown;
  const which = RECORD_NUMBERING[field];
  if (!num || which === null) return String(n);
  return numText(num, n, which === 'own' ? side : side === 'client' ? 'server' : 'client');
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

export type RecordField = (typeof RECORD_FIELDS)[number][0];
