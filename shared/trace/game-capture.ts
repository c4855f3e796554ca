/**
 * A game as a capture file: its segments as IPv4 TCP between two documentation addresses (RFC
 * 5737), client 192.0.2.1 and server 192.0.2.2, at the game's own times, each with a comment that
 * gives the game's verdict and what the segment did at its receiver, in the player's language.
 *
 * The capture point is the sender's: a segment is written when it was sent, so a lost one is in
 * the file although its receiver never acknowledges it, and a copy the network made right after
 * the segment it repeats. A segment nobody in the game sent (an old SYN, a segment of an earlier
 * connection) is written when it arrived. A refused move never reached the wire: it is a comment
 * on the next packet, not a packet. The ISNs and numbers are the game's own, absolute; the window
 * is each segment's (scaled, with the window-scale option on the SYNs, only when one exceeds 16
 * bits). The game's records have no MSS, so no SYN carries the MSS option.
 */
import { captureText } from '../i18n/capture-texts';
import { errorText, noteText, type Lang } from '../i18n';
import { FLAG_BITS, FLAG_NAMES, SYN, peerOf, type FlagName, type Segment, type Side } from '../tcp/types';
import { replayTrace } from './replay';
import type { Trace } from './trace-format';
import { ipv4TcpPacket, writePcapng, type PcapngPacket } from './pcapng-writer';
import { LOG_LIMIT } from '../game/game-engine';
import type { Game, LogEntry } from '../game/game-types';
import { logFor } from '../game/game-view';
import { replayRecord } from '../game/record-history';

export const CAPTURE_ADDRESSES: Readonly<Record<Side, readonly number[]>> = {
  client: [192, 0, 2, 1],
  server: [192, 0, 2, 2],
};
export const CAPTURE_PORTS: Readonly<Record<Side, number>> = { client: 49152, server: 4000 };

/** Where a segment written to the capture came from. */
/**
 * sent: a player's (or the bot's) accepted segment; trap: a deliberately wrong segment of the
 * catch-the-error bot; injected: an old segment nobody in the game sent; copy: one the network made.
 */
export type CapturedKind = 'sent' | 'trap' | 'injected' | 'copy';

/** One segment of the capture, with its comment. */
export interface CapturedSegment {
  readonly kind: CapturedKind;
  readonly segmentId: number;
  readonly from: Side;
  readonly segment: Segment;
  /** Server time in ms. */
  readonly t: number;
  /** A retransmission, as the game judged it. */
  readonly retransmission: boolean;
  readonly comment: string;
}

type Arrival = Extract<LogEntry, { type: 'arrive' }>;
type Refusal = Extract<LogEntry, { type: 'refused' }>;

/** "SYN,ACK seq=1000 ack=5001 len=0 win=65535", as a comment names a segment. */
function describe(s: Segment): string {
  return `${flagNames(s) || '(none)'} seq=${s.seq >>> 0} ack=${s.ack >>> 0} len=${s.len} win=${s.win}`;
}

function flagList(s: Segment): FlagName[] {
  return FLAG_NAMES.filter((f) => s.flags & FLAG_BITS[f]);
}

function flagNames(s: Segment): string {
  return flagList(s).join(',');
}

function sideName(lang: Lang, side: Side): string {
  return captureText(lang, side);
}

/** The receiver's state and RCV.NXT after an arrival, which the log does not carry. */
interface After {
  readonly state: string;
  readonly rcvNxt: number;
}

/** What happened to a segment at its receiver: its arrival's notes, its loss, or nothing yet. */
function fate(
  lang: Lang,
  to: Side,
  arrival: Arrival | undefined,
  lost: boolean,
  after: After | undefined,
): string {
  if (lost) return captureText(lang, 'lost', { to: sideName(lang, to) });
  if (!arrival) return captureText(lang, 'inFlight');
  const s = arrival.segment;
  const params = {
    seq: s.seq,
    ack: s.ack,
    len: s.len,
    flags: flagNames(s),
    state: after?.state,
    rcvNxt: after?.rcvNxt,
  };
  return arrival.notes
    .map((code) => {
      const t = noteText(lang, code, params);
      return captureText(lang, 'arrived', { to: sideName(lang, to), message: t.message, explain: t.explain });
    })
    .join('\n');
}

function refusalText(lang: Lang, r: Refusal): string {
  const t = errorText(lang, r.error);
  const params = { from: sideName(lang, r.side), message: t.message, explain: t.explain };
  return r.segment
    ? captureText(lang, 'refused', { ...params, segment: describe(r.segment) })
    : captureText(lang, 'refusedCall', params);
}

/** A segment of the capture before its comment is written. */
interface Pending {
  readonly base: Omit<CapturedSegment, 'comment'>;
  /** Refused moves since the previous packet. */
  readonly refused: string[];
  readonly verdict: string;
  readonly arrival: Arrival | undefined;
  readonly lost: boolean;
}

type NetworkMade = Extract<LogEntry, { type: 'arrive' | 'lost' }>;

/** The side that sent a segment an arrival or loss entry names. */
function senderOf(e: NetworkMade): Side {
  return e.type === 'arrive' ? peerOf(e.side) : e.side;
}

/**
 * The game's segments in capture order, with the verdict of each and the refusals before it. A
 * copy the network made is written right after the segment it repeats (the capture point is past
 * the place where it was copied); an injected old segment where it arrived.
 */
function pendingSegments(g: Game, lang: Lang): { pending: Pending[]; trailing: string[] } {
  const arrivals = new Map<number, Arrival>();
  const lost = new Set<number>();
  const sent = new Set<number>();
  for (const e of g.log) {
    if (e.type === 'arrive') arrivals.set(e.segmentId, e);
    else if (e.type === 'lost') lost.add(e.segmentId);
    else if (e.type === 'send') sent.add(e.segmentId);
  }
  const copies = new Map<number, NetworkMade[]>();
  const copied = new Set<number>();
  for (const e of g.log) {
    if ((e.type !== 'arrive' && e.type !== 'lost') || sent.has(e.segmentId) || copied.has(e.segmentId))
      continue;
    if (e.type === 'arrive' && e.injected) continue;
    const of = copyOf(g.log, e);
    if (of === undefined) continue;
    copies.set(of, [...(copies.get(of) ?? []), e]);
    copied.add(e.segmentId);
  }
  // the catch-the-error bot's wrong segments: answered (caught or missed) or still open
  const traps = new Set([
    ...g.traps.map((x) => x.segmentId),
    ...g.log.flatMap((e) => (e.type === 'caught' ? [e.segmentId] : [])),
  ]);
  const pending: Pending[] = [];
  let refused: string[] = [];
  for (const e of g.log) {
    if (e.type === 'refused') refused.push(refusalText(lang, e));
    else if (e.type === 'send' && traps.has(e.segmentId)) {
      const { segmentId, side: from, segment, t } = e;
      pending.push({
        base: { kind: 'trap', segmentId, from, segment, t, retransmission: false },
        refused,
        verdict: captureText(lang, 'trap', { to: sideName(lang, peerOf(from)) }),
        arrival: arrivals.get(segmentId),
        lost: lost.has(segmentId),
      });
      refused = [];
    } else if (e.type === 'send') {
      const verdict = captureText(lang, e.retransmission ? 'retransmission' : 'accepted');
      const auto = e.auto ? `, ${captureText(lang, 'auto', { from: sideName(lang, e.side) })}` : '';
      const { segmentId, side: from, segment, t, retransmission } = e;
      pending.push({
        base: { kind: 'sent', segmentId, from, segment, t, retransmission },
        refused,
        verdict: verdict + auto,
        arrival: arrivals.get(segmentId),
        lost: lost.has(segmentId),
      });
      refused = [];
      for (const c of copies.get(segmentId) ?? []) {
        pending.push({
          base: { kind: 'copy', segmentId: c.segmentId, from, segment, t, retransmission: false },
          refused: [],
          verdict: captureText(lang, 'copy', { of: segmentId }),
          arrival: c.type === 'arrive' ? c : undefined,
          lost: c.type === 'lost',
        });
      }
    } else if (e.type === 'arrive' && !sent.has(e.segmentId) && !copied.has(e.segmentId)) {
      // nobody in this game sent it: an old segment the network delivered
      const { segmentId, segment, t } = e;
      pending.push({
        base: { kind: 'injected', segmentId, from: peerOf(e.side), segment, t, retransmission: false },
        refused,
        verdict: captureText(lang, 'injected', { to: sideName(lang, e.side) }),
        arrival: e,
        lost: false,
      });
      refused = [];
    }
  }
  return { pending, trailing: refused };
}

/** The game's segments as a trace of the team's format (times in seconds from the first). */
function toTrace(g: Game, segments: readonly { from: Side; segment: Segment; t: number }[]): Trace {
  const t0 = segments[0]?.t ?? 0;
  return {
    name: g.id,
    segments: segments.map(({ from, segment: s, t }) => ({
      from,
      flags: flagList(s),
      seq: s.seq >>> 0,
      ack: s.ack >>> 0,
      len: s.len,
      win: s.win,
      t: (t - t0) / 1000,
    })),
  };
}

/** The game's segments in the order the capture holds them, as a trace (for the replay judge). */
export function captureTrace(g: Game): Trace {
  return toTrace(
    g,
    pendingSegments(g, 'en').pending.map((p) => p.base),
  );
}

/**
 * The segments of a game in the order the capture holds them, each with its comment in `lang`:
 * verdict, what it did at the receiver, and the refused moves since the previous packet.
 */
export function captureSegments(g: Game, lang: Lang): CapturedSegment[] {
  const { pending, trailing } = pendingSegments(g, lang);
  // the log has no receiver's state after an arrival: each side's record replayed through the rules
  // finds it (a bot's wrong segment changes nothing, as in the game)
  const records = {
    client: replayRecord(
      g.log.map((e) => logFor(e, 'client')),
      'client',
    ),
    server: replayRecord(
      g.log.map((e) => logFor(e, 'server')),
      'server',
    ),
  };
  const after = (a: Arrival | undefined): After | undefined => {
    const r = a && records[a.side][g.log.indexOf(a)]?.after;
    return r && { state: r.state, rcvNxt: r.rcvNxt };
  };
  // what is wrong with a bot's deliberately wrong segment, as the replay judges it
  const replay = replayTrace(
    toTrace(
      g,
      pending.map((p) => p.base),
    ),
  );
  const out = pending.map((p, i): CapturedSegment => {
    const c = p.base;
    const to = peerOf(c.from);
    const head = captureText(lang, 'segment', {
      id: c.segmentId,
      from: sideName(lang, c.from),
      to: sideName(lang, to),
      segment: describe(c.segment),
    });
    const detail = fate(lang, to, p.arrival, p.lost, after(p.arrival));
    // what is wrong with a trap, in the judge's words (the replay stops at the first one)
    const error = c.kind === 'trap' ? replay.steps[i]?.error : undefined;
    const wrong = error ? [captureText(lang, 'trapWhy', { ...errorText(lang, error) })] : [];
    return { ...c, comment: [...p.refused, `${head}: ${p.verdict}`, ...wrong, detail].join('\n') };
  });
  const last = out[out.length - 1];
  if (trailing.length > 0 && last)
    out[out.length - 1] = { ...last, comment: [last.comment, ...trailing].join('\n') };
  return out;
}

/** The id of the sent segment a network copy repeats (the latest one before it with the same numbers). */
function copyOf(log: readonly LogEntry[], copy: NetworkMade): number | undefined {
  const from = senderOf(copy);
  let id: number | undefined;
  for (const e of log) {
    if (e === copy) break;
    if (e.type === 'send' && e.side === from && sameSegment(e.segment, copy.segment)) id = e.segmentId;
  }
  return id;
}

function sameSegment(a: Segment, b: Segment): boolean {
  return a.flags === b.flags && a.seq === b.seq && a.ack === b.ack && a.len === b.len && a.win === b.win;
}

/**
 * The window-scale shift that makes every window fit in 16 bits (0 when they all do). A SYN's
 * window is never scaled (RFC 7323 section 2.2), so SYNs do not count.
 */
function windowShift(segments: readonly CapturedSegment[]): number {
  const max = Math.max(0, ...segments.filter((c) => !(c.segment.flags & SYN)).map((c) => c.segment.win));
  let shift = 0;
  while (max >>> shift > 0xffff && shift < 14) shift++;
  return shift;
}

/** The game as a pcapng file (see the top of this file), its comments in `lang`. */
export function gamePcapng(g: Game, lang: Lang): Uint8Array {
  return pcapngOf(g, captureSegments(g, lang), lang);
}

/** The game's capture file: its name, its bytes and how many packets it holds. */
export function gameCaptureFile(
  g: Game,
  lang: Lang,
): { filename: string; bytes: Uint8Array; packets: number } {
  const segments = captureSegments(g, lang);
  return { filename: captureFilename(g), bytes: pcapngOf(g, segments, lang), packets: segments.length };
}

function pcapngOf(g: Game, segments: readonly CapturedSegment[], lang: Lang): Uint8Array {
  const shift = windowShift(segments);
  const ipIds: Record<Side, number> = { client: 1, server: 1 };
  const packets: PcapngPacket[] = segments.map((c) => {
    const to = peerOf(c.from);
    const s = c.segment;
    const syn = (s.flags & SYN) !== 0;
    const data = ipv4TcpPacket({
      srcIp: CAPTURE_ADDRESSES[c.from],
      dstIp: CAPTURE_ADDRESSES[to],
      srcPort: CAPTURE_PORTS[c.from],
      dstPort: CAPTURE_PORTS[to],
      flags: s.flags,
      seq: s.seq,
      ack: s.ack,
      window: syn ? Math.min(s.win, 0xffff) : Math.min(s.win >>> shift, 0xffff),
      len: s.len,
      ...(syn && shift > 0 ? { windowScale: shift } : {}),
      ipId: ipIds[c.from]++,
    });
    return { timeMs: c.t, data, comment: c.comment };
  });
  const comments = [
    captureText(lang, 'title', {
      scenario: g.scenarioId,
      client: CAPTURE_ADDRESSES.client.join('.'),
      server: CAPTURE_ADDRESSES.server.join('.'),
    }),
  ];
  // the log keeps its last LOG_LIMIT entries: a game that long has lost its first ones
  if (g.log.length >= LOG_LIMIT) comments.push(captureText(lang, 'cut', { n: LOG_LIMIT }));
  return writePcapng(packets, { application: 'Handshake Arena', interfaceName: 'handshake-arena', comments });
}

/** The file name a game's capture is saved under: handshake-arena-<scenario>-<YYYY-MM-DD>.pcapng. */
export function captureFilename(g: Pick<Game, 'scenarioId' | 'createdAt'>): string {
  return `handshake-arena-${g.scenarioId}-${new Date(g.createdAt).toISOString().slice(0, 10)}.pcapng`;
}
