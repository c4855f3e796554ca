/**
 * The capture mode of the judge: what a real stack is allowed to do that the game's judge refuses,
 * because a capture shows what one point of a real path saw, not what each end received. The game
 * never calls this module; shared/trace/replay.ts does, for traces and captures.
 *
 * Each function first asks the game's strict judge (send.ts, arrive.ts). Only when it refuses does
 * the capture mode look for a reason a correct stack would have sent the segment anyway (a
 * keep-alive, Fast Open data, an old ACK overtaken on the way, bytes the capture missed, a
 * retransmission packed differently, an RST answering data after close(), a segment above 65,535
 * bytes), and accepts it with a note saying why. A receiver here also keeps out-of-order data
 * until the gap before it is filled, as every real stack does.
 */
import type { ArrivalNoteCode, CaptureNoteCode } from './codes';
import { judgeArrival } from './arrive';
import { refuse, type JudgeError } from './judge-error';
import { aborted, judgeSend, MAX_SEGMENT_LEN, MAX_WINDOW, type SendVerdict } from './send';
import { isUint32, seqAdd, seqGe, seqGt, seqInWindow, seqLe, seqLt } from './seq';
import type { SendKind } from './transitions';
import {
  ACK,
  FIN,
  PSH,
  RST,
  SYN,
  DEFAULT_WINDOW,
  SYNCHRONIZED_STATES,
  copyTcb,
  segmentSpace,
  type Segment,
  type Tcb,
  type TcpState,
} from './types';

/** Out-of-order data a receiver holds: [start, end), a FIN at end when `fin`, and the segment's ack. */
export interface HeldRange {
  readonly start: number;
  readonly end: number;
  readonly fin: boolean;
  readonly ack: number;
  readonly win: number;
}

/** Sequence numbers a side sent that the capture never saw: [start, end), noticed at segment `at`. */
export interface SendGap {
  readonly start: number;
  readonly end: number;
  readonly at: number;
}

/** One side as the judge of a capture sees it: the RFC record plus what a real stack also keeps. */
export interface CaptureSide {
  readonly tcb: Tcb;
  /** The reassembly queue: data that arrived beyond a gap, sorted by start. */
  readonly held: readonly HeldRange[];
  /** The highest ack this side has put on the wire; -1 before its first ACK. */
  readonly maxAck: number;
  /** Data that came on the peer's SYN, neither taken nor refused yet (Fast Open). */
  readonly synData: { readonly start: number; readonly end: number } | null;
  /**
   * When the last segment that arrived here carried data after this side had closed: its ack (the
   * seq of the RST a real stack answers it with); -1 otherwise.
   */
  readonly closedDataAck: number;
  /** Bytes of its own this side sent that the capture missed, until a later segment covers them. */
  readonly gaps: readonly SendGap[];
  /**
   * Data this side held out of order and then took in order, not acknowledged yet. A receiver may
   * still drop it (RFC 2018 lets it renege on what it has not acknowledged); its ack then shows it.
   */
  readonly absorbed: readonly HeldRange[];
}

/** A capture note with, where it helps, the index of the segment it refers to. */
export interface CaptureNote {
  readonly code: CaptureNoteCode;
  readonly ref?: number;
}

export type CaptureSendVerdict =
  | {
      readonly ok: true;
      readonly side: CaptureSide;
      readonly kind: SendKind;
      readonly retransmission: boolean;
      readonly notes: CaptureNote[];
      /**
       * How much the acceptance asks the reader to believe: 0 when the game's judge accepts it too,
       * more for each inference. The replay picks the explanation that costs least.
       */
      readonly cost: number;
    }
  | { readonly ok: false; readonly error: JudgeError };

/** What the capture mode needs to know beyond the segment: where the capture shows missed bytes. */
export interface CaptureContext {
  /** Index of the segment being judged. */
  readonly index: number;
  /** Index of a later segment from the same side that covers sequence number `seq`, or null. */
  readonly coveredLater: (seq: number) => number | null;
  /** The SACK blocks the segment carries, [left, right) pairs. */
  readonly sack?: readonly (readonly [number, number])[];
  /** Whether this side's SND.NXT had the value `seq` after one of its earlier segments. */
  readonly wasSndNxt?: (seq: number) => boolean;
}

export interface CaptureArrival {
  readonly side: CaptureSide;
  readonly notes: Array<ArrivalNoteCode | CaptureNoteCode>;
}

/** A side that starts with a record and nothing else. */
export function captureSide(tcb: Tcb): CaptureSide {
  return {
    tcb,
    held: NO_HELD,
    maxAck: -1,
    synData: null,
    closedDataAck: -1,
    gaps: NO_GAPS,
    absorbed: NO_HELD,
  };
}

const NO_HELD: readonly HeldRange[] = [];
const NO_GAPS: readonly SendGap[] = [];

/** A copy of a side with a new record and, where given, other fields changed (written out: hot path). */
function make(c: CaptureSide, tcb: Tcb, change?: Partial<Omit<CaptureSide, 'tcb'>>): CaptureSide {
  if (!change) {
    return {
      tcb,
      held: c.held,
      maxAck: c.maxAck,
      synData: c.synData,
      closedDataAck: c.closedDataAck,
      gaps: c.gaps,
      absorbed: c.absorbed,
    };
  }
  return {
    tcb,
    held: change.held ?? c.held,
    maxAck: change.maxAck ?? c.maxAck,
    synData: 'synData' in change ? (change.synData ?? null) : c.synData,
    closedDataAck: change.closedDataAck ?? c.closedDataAck,
    gaps: change.gaps ?? c.gaps,
    absorbed: change.absorbed ?? c.absorbed,
  };
}

function withTcb(c: CaptureSide, tcb: Tcb): CaptureSide {
  return make(c, tcb);
}

// ---------------------------------------------------------------------------------------------
// Sending

/**
 * True when captureSend refuses s from c or accepts it only at a cost of 2 or more, known without
 * judging it: a pure ACK (no SYN, RST or FIN, no data) at SND.NXT whose ack is not RCV.NXT, where
 * the excuses that cost 1 cannot apply. The replay uses it to skip such sides while looking for a
 * delivery with which the segment costs 1.
 *
 * Why, following captureSend: the game's judge refuses it (a pure ACK needs ack = RCV.NXT,
 * send.ts); it is neither RST nor SYN, so only syncedExcuse or earlierConnection may accept it.
 * In syncedExcuse, fastOpenEarlyData needs data; renege needs something absorbed and an ack below
 * RCV.NXT; the old ack needs an ack below RCV.NXT and below the highest one this side has sent;
 * without either, a segment at SND.NXT returns null. earlierConnection costs 3. Keep this in step
 * with those functions.
 */
export function costsTwoAtLeast(c: CaptureSide, s: Segment): boolean {
  const t = c.tcb;
  if (s.len !== 0 || !(s.flags & ACK) || s.flags & (SYN | RST | FIN)) return false;
  if (s.seq !== t.sndNxt || s.ack === t.rcvNxt) return false;
  if (!seqLt(s.ack, t.rcvNxt)) return true;
  return c.absorbed.length === 0 && (c.maxAck === -1 || !seqLt(s.ack, c.maxAck));
}

/** Judges a segment a side sent, as seen in a capture; accepted segments come with their reasons. */
export function captureSend(c: CaptureSide, s: Segment, ctx: CaptureContext): CaptureSendVerdict {
  if (s.len > MAX_SEGMENT_LEN) return sendBig(c, s, ctx);
  const strict = judgeSend(c.tcb, s);
  if (strict.ok) return acceptedStrict(c, s, strict);
  if (s.flags & RST) return rstAfterClose(c, s) ?? strict;
  if (s.flags & SYN) return synExcuse(c, s, strict.error, ctx) ?? strict;
  return syncedExcuse(c, s, ctx) ?? earlierConnection(c, s) ?? strict;
}

/**
 * A segment whose numbers all lie before this side's ISN, farther than any window of this
 * connection reaches: a side never sends below its ISN, so it is a segment of an earlier
 * connection on the same ports that the network kept (RFC 9293 section 3.4.1: ISNs are chosen so
 * that such a segment falls outside the window). Nobody here sent it, so the record is unchanged;
 * its receiver drops it and answers with an ACK.
 */
function earlierConnection(c: CaptureSide, s: Segment): CaptureSendVerdict | null {
  const t = c.tcb;
  if (t.iss === -1) return null;
  const reach = Math.max(t.sndWnd, DEFAULT_WINDOW);
  if (!seqLt(seqAdd(s.seq, segmentSpace(s) + reach), t.iss)) return null;
  return {
    ok: true,
    side: c,
    kind: 'ACK',
    retransmission: false,
    notes: [{ code: 'CAP_EARLIER_CONNECTION' }],
    cost: 3,
  };
}

function acceptedStrict(c: CaptureSide, s: Segment, v: SendVerdict & { ok: true }): CaptureSendVerdict {
  const notes: CaptureNote[] = [];
  let side = sent(c, v.tcb, s);
  if (c.synData && s.flags & SYN && s.flags & ACK) {
    // the SYN,ACK acknowledges only the SYN: the data on it was not taken (no valid cookie)
    notes.push({ code: 'CAP_FAST_OPEN_REFUSED' });
    side = make(side, side.tcb, { synData: null });
  }
  const filled = fillGaps(side, s);
  if (filled) {
    notes.push(filled.note);
    side = filled.side;
  }
  return { ok: true, side, kind: v.kind, retransmission: v.retransmission && !filled, notes, cost: 0 };
}

/** The side after it sent s with the record `tcb`: its highest ack noted. */
function sent(c: CaptureSide, tcb: Tcb, s: Segment): CaptureSide {
  if (s.flags & ACK && (c.maxAck === -1 || seqGt(s.ack, c.maxAck))) {
    // what it acknowledges can no longer be dropped
    const absorbed = c.absorbed.length ? c.absorbed.filter((r) => seqGt(r.end, s.ack)) : c.absorbed;
    return make(c, tcb, { maxAck: s.ack, absorbed });
  }
  return make(c, tcb);
}

/** A segment that covers the start of a gap the capture missed: the missing bytes, late. */
function fillGaps(c: CaptureSide, s: Segment): { side: CaptureSide; note: CaptureNote } | null {
  if (c.gaps.length === 0 || s.flags & (SYN | RST)) return null;
  const end = seqAdd(s.seq, segmentSpace(s));
  let note: CaptureNote | null = null;
  const gaps: SendGap[] = [];
  for (const g of c.gaps) {
    if (seqLt(s.seq, g.end) && seqGt(end, g.start)) {
      note ??= { code: 'CAP_FILLS_GAP', ref: g.at };
      // what this segment does not cover stays missing
      if (seqLt(g.start, s.seq)) gaps.push({ start: g.start, end: s.seq, at: g.at });
      if (seqLt(end, g.end)) gaps.push({ start: end, end: g.end, at: g.at });
    } else gaps.push(g);
  }
  return note ? { side: make(c, c.tcb, { gaps }), note } : null;
}

function ok(
  c: CaptureSide,
  tcb: Tcb,
  s: Segment,
  kind: SendKind,
  retransmission: boolean,
  notes: CaptureNote[],
  cost: number,
): CaptureSendVerdict {
  return { ok: true, side: sent(c, tcb, s), kind, retransmission, notes, cost };
}

/** An RST answering data that arrived after this side's application had closed (RFC 9293 3.6.1). */
function rstAfterClose(c: CaptureSide, s: Segment): CaptureSendVerdict | null {
  if (c.closedDataAck === -1 || c.closedDataAck !== s.seq || s.flags & (SYN | FIN)) return null;
  return {
    ok: true,
    side: withTcb(c, aborted(c.tcb)),
    kind: 'RST',
    retransmission: false,
    notes: [{ code: 'CAP_RST_AFTER_CLOSE' }],
    cost: 1,
  };
}

/** A SYN or SYN,ACK that carries data (Fast Open), or a SYN,ACK that takes the data of the peer's SYN. */
function synExcuse(
  c: CaptureSide,
  s: Segment,
  error: JudgeError,
  ctx: CaptureContext,
): CaptureSendVerdict | null {
  const t = c.tcb;
  if (s.len > 0) {
    // judge the SYN as if it had no data, then count the data as sent after it
    const head = { flags: s.flags, seq: s.seq, ack: s.ack, len: 0, win: s.win };
    const v = captureSend(c, head, ctx);
    if (!v.ok) return null;
    const n = copyTcb(v.side.tcb);
    const dataEnd = seqAdd(s.seq, 1 + s.len);
    if (!v.retransmission) n.sndNxt = dataEnd;
    else if (seqGt(dataEnd, n.sndNxt)) n.sndNxt = dataEnd;
    return {
      ok: true,
      side: withTcb(v.side, n),
      kind: v.kind,
      retransmission: v.retransmission,
      notes: [...v.notes, { code: 'CAP_SYN_DATA' }],
      cost: v.cost + 1,
    };
  }
  // a SYN,ACK that acknowledges the data of the peer's SYN as well: the listener took it
  const d = c.synData;
  if (d && s.flags & ACK && error.field === 'ack' && s.ack === d.end && t.state === 'SYN_RCVD') {
    const n = copyTcb(t);
    n.rcvNxt = d.end;
    const v = judgeSend(n, s);
    if (!v.ok) return null;
    return ok(
      make(c, c.tcb, { synData: null }),
      v.tcb,
      s,
      v.kind,
      v.retransmission,
      [{ code: 'CAP_FAST_OPEN_TAKEN' }],
      1,
    );
  }
  return null;
}

/** Everything after the handshake: keep-alives, old segments, missed bytes, repacketized retransmissions. */
function syncedExcuse(c: CaptureSide, s: Segment, ctx: CaptureContext): CaptureSendVerdict | null {
  const t = c.tcb;
  const f = s.flags;
  if (!(f & ACK) || t.iss === -1 || t.irs === -1) return null;
  if (t.state === 'CLOSED' || t.state === 'LISTEN' || t.state === 'SYN_SENT') return null;
  if (t.state === 'SYN_RCVD') return fastOpenEarlyData(c, s);

  const reneged = renege(c, s, ctx);
  if (reneged) return reneged;

  const notes: CaptureNote[] = [];
  let cost = 0;
  // an ack below RCV.NXT, although this side has already sent a higher one: the segment left
  // before those and was overtaken on its way to the capture point
  let ack = s.ack;
  let oldAck = false;
  if (
    ack !== t.rcvNxt &&
    seqLt(ack, t.rcvNxt) &&
    seqGt(ack, t.irs) &&
    c.maxAck !== -1 &&
    seqLt(ack, c.maxAck)
  ) {
    ack = t.rcvNxt;
    oldAck = true;
    notes.push({ code: 'CAP_OLD_SEGMENT' });
    cost += 1;
  }
  const space = s.len + (f & FIN);

  if (s.seq === t.sndNxt) {
    if (!oldAck) return null; // the game's judge already said why
    return judged(c, t, { ...s, ack }, notes, cost, s);
  }

  if (space === 0) {
    // a keep-alive (or zero-window probe): SND.NXT - 1 with nothing in flight, no data or one byte
    // is handled below with data; a pure ACK from an earlier SND.NXT is an old segment
    if (s.seq === seqAdd(t.sndNxt, -1) && t.sndUna === t.sndNxt) {
      return keepAlive(c, s, ack, notes, cost);
    }
    // an old pure ACK carries an SND.NXT this side once had: the end of one of its segments
    if (seqGt(s.seq, t.iss) && seqLt(s.seq, t.sndNxt) && (ctx.wasSndNxt?.(s.seq) ?? true)) {
      const v = judgeSend(t, { flags: f, seq: t.sndNxt, ack, len: 0, win: s.win });
      if (!v.ok) return null;
      if (!oldAck) notes.push({ code: 'CAP_OLD_SEGMENT' });
      // an old segment tells nothing new: the record stays as it was. A seq from the past is a
      // stronger claim than an old ack alone (a keep-alive, say, explains it more simply)
      return ok(c, t, s, 'ACK', false, notes, oldAck ? cost + 1 : cost + 2);
    }
    if (seqGt(s.seq, t.sndNxt)) return gap(c, s, ack, notes, cost, ctx);
    return null;
  }

  if (s.len === 1 && !(f & FIN) && s.seq === seqAdd(t.sndNxt, -1) && t.sndUna === t.sndNxt) {
    return keepAlive(c, s, ack, notes, cost);
  }
  if (seqGt(s.seq, t.sndNxt)) return gap(c, s, ack, notes, cost, ctx);
  return resent(c, s, ack, notes, cost);
}

/**
 * An ack below RCV.NXT, but at or above everything this side has acknowledged, where the data in
 * between came out of order: the receiver dropped it (RFC 2018 allows reneging on data not yet
 * acknowledged, and Linux prunes its out-of-order queue when memory runs short). What its SACK
 * blocks still name is held again; the rest will come again.
 */
function renege(c: CaptureSide, s: Segment, ctx: CaptureContext): CaptureSendVerdict | null {
  const t = c.tcb;
  const ack = s.ack;
  if (c.absorbed.length === 0 || !seqLt(ack, t.rcvNxt)) return null;
  if (c.maxAck !== -1 && seqLt(ack, c.maxAck)) return null;
  // every number from the ack to RCV.NXT must have come out of order
  let at = ack;
  for (const r of [...c.absorbed].sort((a, b) => (seqLt(a.start, b.start) ? -1 : 1))) {
    if (seqGt(r.start, at)) break;
    if (seqGt(r.end, at)) at = r.end;
  }
  if (seqLt(at, t.rcvNxt)) return null;
  const n = copyTcb(t);
  n.rcvNxt = ack;
  const v = judgeSend(n, s);
  if (!v.ok) return null;
  const sack = ctx.sack ?? [];
  let held: HeldRange[] = [...c.held];
  for (const r of c.absorbed) {
    const start = seqLt(r.start, ack) ? ack : r.start;
    if (!seqLt(start, r.end)) continue;
    if (sack.some(([left, right]) => seqLe(left, start) && seqLe(r.end, right))) {
      held = hold(held, { ...r, start });
    }
  }
  const after = sent(make(c, v.tcb, { held, absorbed: NO_HELD }), v.tcb, s);
  return {
    ok: true,
    side: after,
    kind: v.kind,
    retransmission: false,
    notes: [{ code: 'CAP_RENEGED' }],
    cost: 1,
  };
}

/** Judges a normalized segment with the game's judge and carries the capture notes along. */
function judged(
  c: CaptureSide,
  t: Tcb,
  s: Segment,
  notes: CaptureNote[],
  cost: number,
  original: Segment,
): CaptureSendVerdict | null {
  const v = judgeSend(t, s);
  if (!v.ok) return null;
  return ok(c, v.tcb, original, v.kind, v.retransmission, notes, cost);
}

function keepAlive(c: CaptureSide, s: Segment, ack: number, notes: CaptureNote[], cost: number) {
  const t = c.tcb;
  const v = judgeSend(t, { flags: ACK, seq: t.sndNxt, ack, len: 0, win: s.win });
  if (!v.ok) return null;
  return ok(c, v.tcb, s, 'ACK', false, [...notes, { code: 'CAP_KEEPALIVE' }], cost + 1);
}

/** A segment that starts beyond SND.NXT: the bytes before it exist only if the capture shows them later. */
function gap(
  c: CaptureSide,
  s: Segment,
  ack: number,
  notes: CaptureNote[],
  cost: number,
  ctx: CaptureContext,
): CaptureSendVerdict | null {
  const t = c.tcb;
  if (t.finSeq !== -1) return null; // nothing is sent after the FIN
  const later = ctx.coveredLater(t.sndNxt);
  if (later === null) return null;
  const n = copyTcb(t);
  const start = t.sndNxt;
  n.sndNxt = s.seq;
  const v = judgeSend(n, { ...s, ack });
  if (!v.ok) return null;
  const after = sent(c, v.tcb, s);
  const side = make(after, after.tcb, { gaps: [...c.gaps, { start, end: s.seq, at: ctx.index }] });
  return {
    ok: true,
    side,
    kind: v.kind,
    retransmission: false,
    notes: [...notes, { code: 'CAP_NOT_CAPTURED', ref: later }],
    cost: cost + 2,
  };
}

/**
 * Data or a FIN from below SND.NXT that the game's judge does not take as an exact retransmission:
 * bytes already acknowledged (the ACK had not reached the sender), or a retransmission that also
 * carries bytes never sent before (packed differently, or the capture missed the originals).
 */
function resent(
  c: CaptureSide,
  s: Segment,
  ack: number,
  notes: CaptureNote[],
  cost: number,
): CaptureSendVerdict | null {
  const t = c.tcb;
  if (!seqGt(s.seq, t.iss)) return null;
  const f = s.flags;
  const dataEnd = seqAdd(s.seq, s.len);
  const sentEnd = t.finSeq !== -1 ? t.finSeq : t.sndNxt;
  let tcb = t;
  let kind: SendKind = f & FIN ? 'FIN' : 'DATA';
  let retransmission = true;
  if (seqGt(dataEnd, sentEnd) || (f & FIN && t.finSeq === -1)) {
    // the part from SND.NXT on is new: judge it as new data (and FIN) sent at SND.NXT
    if (t.finSeq !== -1 || seqLt(dataEnd, t.sndNxt)) return null;
    const fresh = { flags: f, seq: t.sndNxt, ack, len: dataEnd - t.sndNxt, win: s.win };
    if (fresh.len === 0 && !(f & FIN)) return null;
    const v = judgeSend(t, fresh);
    if (!v.ok) return null;
    tcb = v.tcb;
    kind = v.kind;
    notes.push({ code: 'CAP_REPACKETIZED' });
    cost += 1;
    if (seqLt(s.seq, t.sndUna)) {
      notes.push({ code: 'CAP_ALREADY_ACKED' });
      cost += 1;
    }
    retransmission = false;
  } else if (seqLt(s.seq, t.sndUna)) {
    // resends bytes the peer has acknowledged (in the capture): its ACK had not reached the sender
    const v = judgeSend(t, { flags: ACK, seq: t.sndNxt, ack, len: 0, win: s.win });
    if (!v.ok) return null;
    if (f & FIN && seqAdd(s.seq, s.len) !== t.finSeq) return null;
    notes.push({ code: 'CAP_ALREADY_ACKED' });
    cost += 2;
  } else {
    // within [SND.UNA, SND.NXT): only the ack made the game's judge refuse it
    const v = judgeSend(t, { ...s, ack });
    if (!v.ok) return null;
    tcb = v.tcb;
    kind = v.kind;
    retransmission = v.retransmission;
  }
  if (notes.length === 0) return null;
  let side = sent(c, tcb, s);
  const filled = fillGaps(side, s);
  if (filled) {
    side = filled.side;
    notes.push(filled.note);
    retransmission = false;
  }
  return { ok: true, side, kind, retransmission, notes, cost };
}

/** A listener that took Fast Open data may send before the handshake completes (RFC 7413 section 4.2.2). */
function fastOpenEarlyData(c: CaptureSide, s: Segment): CaptureSendVerdict | null {
  const t = c.tcb;
  if (t.iss === -1 || t.rcvNxt === seqAdd(t.irs, 1) || s.len === 0) return null;
  const open = copyTcb(t);
  open.state = 'ESTABLISHED';
  const v = judgeSend(open, s);
  if (!v.ok) return null;
  const n = copyTcb(v.tcb);
  if (n.state === 'ESTABLISHED') n.state = 'SYN_RCVD';
  return ok(c, n, s, v.kind, v.retransmission, [{ code: 'CAP_FAST_OPEN_EARLY_DATA' }], 1);
}

/** A segment above 65,535 bytes (offload, BIG TCP, a jumbogram): judged as the pieces the wire carried. */
function sendBig(c: CaptureSide, s: Segment, ctx: CaptureContext): CaptureSendVerdict {
  if (!Number.isInteger(s.len) || s.len > MAX_WINDOW || !isUint32(s.seq)) {
    return refuse('BAD_SEGMENT', c.tcb.state, 'len', `0..${MAX_WINDOW}`, String(s.len));
  }
  let side = c;
  const notes: CaptureNote[] = [];
  let cost = 0;
  let kind: SendKind = 'DATA';
  let retransmission = true;
  for (const piece of pieces(s)) {
    const v = captureSend(side, piece, ctx);
    if (!v.ok) return v;
    side = v.side;
    kind = v.kind;
    retransmission &&= v.retransmission;
    cost = Math.max(cost, v.cost);
    for (const n of v.notes) if (!notes.some((m) => m.code === n.code)) notes.push(n);
  }
  notes.push({ code: 'CAP_BIG_SEGMENT' });
  return { ok: true, side, kind, retransmission, notes, cost };
}

/** Cuts a segment into pieces of at most 65,535 bytes: SYN on the first, PSH and FIN on the last. */
function pieces(s: Segment): Segment[] {
  const out: Segment[] = [];
  let seq = s.seq;
  let left = s.len;
  let first = true;
  while (left > 0) {
    const len = Math.min(left, MAX_SEGMENT_LEN);
    left -= len;
    let flags = s.flags & ~(FIN | PSH | SYN);
    if (first) flags |= s.flags & SYN;
    if (left === 0) flags |= s.flags & (FIN | PSH);
    out.push({ flags, seq, ack: s.ack, len, win: s.win });
    seq = seqAdd(seq, len + (first && s.flags & SYN ? 1 : 0));
    first = false;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Arrival

/** A receiver holds out-of-order data in the synchronized states (RFC 9293 3.10.7.4). */
const HOLDING_STATES: ReadonlySet<TcpState> = new Set(SYNCHRONIZED_STATES);

/** A segment arrives at a side: the game's arrival, plus a reassembly queue and data on a SYN. */
export function captureArrive(c: CaptureSide, s: Segment): CaptureArrival {
  if (s.len > MAX_SEGMENT_LEN) {
    let side = c;
    const notes: Array<ArrivalNoteCode | CaptureNoteCode> = [];
    for (const piece of pieces(s)) {
      const a = captureArrive(side, piece);
      side = a.side;
      for (const n of a.notes) if (!notes.includes(n)) notes.push(n);
    }
    return { side, notes };
  }
  const t = c.tcb;
  const f = s.flags;
  // data arriving after this side closed: a real stack may answer it with an RST, seq = its ack
  const afterClose = t.finSeq !== -1 || t.state === 'TIME_WAIT' || t.state === 'CLOSED';
  const closedDataAck = s.len > 0 && afterClose && f & ACK ? s.ack : -1;

  if (f & SYN && s.len > 0 && !(f & RST)) return arriveSynWithData(c, s, closedDataAck);

  const space = segmentSpace(s);
  if (
    space > 0 &&
    !(f & (RST | SYN)) &&
    HOLDING_STATES.has(t.state) &&
    seqGt(s.seq, t.rcvNxt) &&
    t.rcvWnd > 0 &&
    seqInWindow(s.seq, t.rcvNxt, t.rcvWnd)
  ) {
    // beyond a gap: a real receiver keeps it and answers with a duplicate ACK (and SACK)
    const notes: Array<ArrivalNoteCode | CaptureNoteCode> = [];
    let tcb = t;
    if (f & ACK) {
      const a = judgeArrival(t, { flags: ACK, seq: s.seq, ack: s.ack, len: 0, win: s.win });
      tcb = a.tcb;
      for (const n of a.notes) if (n !== 'RCV_ACK') notes.push(n);
    }
    if (tcb.state === t.state || HOLDING_STATES.has(tcb.state)) {
      const n = copyTcb(tcb);
      if (n.owed === 'none') n.owed = 'ack';
      notes.push('CAP_HELD');
      const held = hold(c.held, {
        start: s.seq,
        end: seqAdd(s.seq, s.len),
        fin: (f & FIN) !== 0,
        ack: s.ack,
        win: s.win,
      });
      return { side: make(c, n, { held, closedDataAck }), notes };
    }
    return { side: make(c, tcb, { closedDataAck }), notes };
  }

  const a = judgeArrival(t, s);
  let side = closedDataAck === c.closedDataAck ? make(c, a.tcb) : make(c, a.tcb, { closedDataAck });
  const notes: Array<ArrivalNoteCode | CaptureNoteCode> = a.notes;
  if (side.held.length > 0) {
    if (!HOLDING_STATES.has(side.tcb.state)) side = make(side, side.tcb, { held: NO_HELD });
    else if (side.tcb.rcvNxt !== t.rcvNxt) side = absorb(side, notes);
  }
  return { side, notes };
}

function arriveSynWithData(c: CaptureSide, s: Segment, closedDataAck: number): CaptureArrival {
  const t = c.tcb;
  const a = judgeArrival(t, { flags: s.flags, seq: s.seq, ack: s.ack, len: 0, win: s.win });
  const notes: Array<ArrivalNoteCode | CaptureNoteCode> = [...a.notes];
  let side = make(c, a.tcb, { closedDataAck });
  const start = seqAdd(s.seq, 1);
  if (t.state === 'LISTEN' && a.tcb.state === 'SYN_RCVD') {
    // whether the listener takes the data shows in its SYN,ACK (Fast Open cookie checked or not)
    side = make(side, side.tcb, { synData: { start, end: seqAdd(start, s.len) } });
    notes.push('CAP_SYN_DATA_WAITS');
  } else if (t.state === 'SYN_SENT' && a.tcb.state === 'ESTABLISHED') {
    const rest = captureArrive(side, {
      flags: ACK | (s.flags & (PSH | FIN)),
      seq: start,
      ack: s.ack,
      len: s.len,
      win: s.win,
    });
    side = rest.side;
    notes.push(...rest.notes);
  }
  return { side, notes };
}

/** Adds a range to the reassembly queue, kept sorted by start. */
function hold(held: readonly HeldRange[], r: HeldRange): HeldRange[] {
  const out = [...held];
  let i = out.length;
  while (i > 0 && seqGt(out[i - 1]!.start, r.start)) i--;
  out.splice(i, 0, r);
  return out;
}

/** Takes in held data that the last arrival made contiguous, as the in-order segments it now is. */
function absorb(c: CaptureSide, notes: Array<ArrivalNoteCode | CaptureNoteCode>): CaptureSide {
  let side = c;
  for (;;) {
    const t = side.tcb;
    if (!HOLDING_STATES.has(t.state)) return make(side, t, { held: NO_HELD });
    const i = side.held.findIndex((r) => seqLe(r.start, t.rcvNxt));
    if (i < 0) return side;
    const r = side.held[i]!;
    const held = [...side.held.slice(0, i), ...side.held.slice(i + 1)];
    side = make(side, t, { held });
    const len = seqGt(r.end, t.rcvNxt) ? r.end - t.rcvNxt : 0;
    if (len === 0 && !(r.fin && r.end === t.rcvNxt)) continue; // nothing new in it
    const a = judgeArrival(t, { flags: ACK | (r.fin ? FIN : 0), seq: t.rcvNxt, ack: r.ack, len, win: r.win });
    // data taken this way may still be dropped; a FIN may not (the state has changed)
    const absorbed = r.fin ? NO_HELD : [...side.absorbed, { ...r, start: t.rcvNxt }];
    side = make(side, a.tcb, { absorbed });
    if (!notes.includes('CAP_GAP_FILLED')) notes.push('CAP_GAP_FILLED');
    for (const n of a.notes) if (!notes.includes(n)) notes.push(n);
  }
}

/** True when sequence number x lies in [start, start + space). */
export function covers(start: number, space: number, x: number): boolean {
  return seqGe(x, start) && seqLt(x, seqAdd(start, space));
}
