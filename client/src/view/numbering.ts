/**
 * Sequence numbers as the textbooks write them: the client's initial sequence number is x, the
 * server's y, and every other number an offset from one of them (x+1, y+1, x+1+len...), all modulo
 * 2^32. The game judges absolute numbers only: what is shown relative is converted back before it
 * is sent. A number far from both ISNs (an old connection's segment) stays absolute.
 */
import type { GameView, LogView } from '../../../shared/game/game-view';
import type { Side } from '../../../shared/tcp/types';

export type NumberMode = 'relative' | 'absolute';

/** Each side's initial sequence number, null while not known. */
export interface Isns {
  client: number | null;
  server: number | null;
}

/** How numbers are written: the mode, and the ISNs relative numbers count from. */
export interface Numbering {
  mode: NumberMode;
  isn: Isns;
}

export const ABSOLUTE: Numbering = { mode: 'absolute', isn: { client: null, server: null } };

/** The textbooks' names for the two ISNs. */
export const ISN_LETTER: Readonly<Record<Side, 'x' | 'y'>> = { client: 'x', server: 'y' };

const MOD = 2 ** 32;
const HALF = 2 ** 31;
/** Offsets up to this far from an ISN are written relative to it; further ones stay absolute. */
export const NEAR = 2 ** 20;

/** a + n modulo 2^32 (n may be negative). */
export function seqAdd(a: number, n: number): number {
  return (((a + n) % MOD) + MOD) % MOD;
}

/** The offset of n from base, modulo 2^32, as a signed number in (-2^31, 2^31]. */
export function seqOffset(n: number, base: number): number {
  const d = seqAdd(n, -base);
  return d > HALF ? d - MOD : d;
}

function other(side: Side): Side {
  return side === 'client' ? 'server' : 'client';
}

/** "x", "x+1", "y-3": an offset from a side's ISN. */
export function offsetText(side: Side, off: number): string {
  const l = ISN_LETTER[side];
  return off === 0 ? l : off > 0 ? `${l}+${off}` : `${l}-${-off}`;
}

/**
 * The text of a sequence-space number that belongs to `owner`'s numbering (the seq of the
 * segments it sends, the ack of the segments its peer sends): relative to that side's ISN, or to
 * the other side's when nearer to it (a seq taken from the wrong numbering), or absolute when far
 * from both (a segment of an old connection).
 */
export function numText(num: Numbering, n: number, owner: Side): string {
  if (num.mode === 'absolute') return String(n);
  let best: { side: Side; off: number } | null = null;
  for (const side of [owner, other(owner)]) {
    const base = num.isn[side];
    if (base === null) continue;
    const off = seqOffset(n, base);
    if (Math.abs(off) <= NEAR && (!best || Math.abs(off) < Math.abs(best.off))) best = { side, off };
  }
  return best ? offsetText(best.side, best.off) : String(n);
}

/** The first SYN each side sent, from the log (an injected segment has no send entry). */
export function isnsFromLog(log: readonly LogView[]): Isns {
  const isn: Isns = { client: null, server: null };
  for (const e of log) {
    if (e.type !== 'send' || !e.segment.flags.includes('SYN')) continue;
    if (isn[e.side] === null) isn[e.side] = e.segment.seq;
  }
  return isn;
}

/**
 * Both ISNs as a view shows them: the first SYN of each side in its log, else (a log cut at its
 * size limit) the player's own ISS, and the peer's ISN as the IRS of a synchronized record.
 */
export function isnsOf(v: Pick<GameView, 'log' | 'role' | 'you'>): Isns {
  const isn = isnsFromLog(v.log);
  const me = v.role;
  const r = v.you.record;
  if (isn[me] === null && r.iss >= 0) isn[me] = r.iss;
  const peer = other(me);
  if (isn[peer] === null && r.irs >= 0 && r.state !== 'SYN_RCVD') isn[peer] = r.irs;
  return isn;
}

export type ParsedNumber =
  | {
      ok: true;
      value: number;
      /** the ISN chosen for the player, when "x" named one not chosen yet */ picked?: number;
    }
  | { ok: false; problem: 'syntax' | 'range' | 'unknown'; letter?: 'x' | 'y' };

/**
 * Reads what a player typed for seq or ack: a plain number (absolute, 0 to 2^32-1), or an ISN's
 * letter with offsets ("x+1", "y + 1 + 7", "X＋1" from a Chinese keyboard). `pick` gives the
 * player's own ISN when its letter is used before it was chosen (the opening SYN's seq = x).
 */
export function parseNumber(
  text: string,
  isn: Isns,
  own: Side | null = null,
  pick?: () => number,
): ParsedNumber {
  const s = text.normalize('NFKC').replace(/\s+/g, '').toLowerCase().replace(/[−–—]/g, '-');
  const m = /^([xy]|\d+)((?:[+-]\d+)*)$/.exec(s);
  if (!m) return { ok: false, problem: 'syntax' };
  const head = m[1]!;
  const terms = (m[2]!.match(/[+-]\d+/g) ?? []).map(Number);
  if (terms.some((t) => Math.abs(t) >= MOD)) return { ok: false, problem: 'range' };
  let base: number;
  let picked: number | undefined;
  if (head === 'x' || head === 'y') {
    const side: Side = head === 'x' ? 'client' : 'server';
    const known = isn[side];
    if (known !== null) base = known;
    else if (side === own && pick) base = picked = pick();
    else return { ok: false, problem: 'unknown', letter: head };
  } else {
    base = Number(head);
    if (base >= MOD) return { ok: false, problem: 'range' };
    // a plain number is absolute and must be one as it stands
    if (terms.length === 0) return { ok: true, value: base };
  }
  const value = terms.reduce((a, t) => seqAdd(a, t), base);
  return picked === undefined ? { ok: true, value } : { ok: true, value, picked };
}

/** The numbering a view is shown in. */
export function numberingOf(v: Pick<GameView, 'log' | 'role' | 'you'>, mode: NumberMode): Numbering {
  return { mode, isn: mode === 'absolute' ? ABSOLUTE.isn : isnsOf(v) };
}
