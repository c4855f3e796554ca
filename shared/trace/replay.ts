/**
 * Replaying a trace through the judge. A trace lists segments in capture order: what one point of
 * the path saw, which is not always what each side received, nor when. Before a side's segment is
 * judged, what the peer sent earlier is delivered to it: all of it, unless the segment shows that
 * some was still in flight (then the longest prefix with which the segment is correct). What is
 * left in flight arrives at the end.
 *
 * Two modes. The capture mode (the default) judges what a real stack at that vantage point saw: it
 * accepts what correct stacks do beyond the textbook (keep-alives, Fast Open, old ACKs, offload,
 * repacketized retransmissions, resets after close(), segments above 65,535 bytes), each with a
 * note saying why, and it learns what arrived from the receiver's own behaviour: an ack that stops
 * short of a captured segment, or inside it, shows that the segment was lost after the capture
 * point or cut in pieces on the way (shared/tcp/capture.ts). The strict mode replays with the
 * game's own judge, which carries every segment itself and so calls all of these wrong.
 */
import {
  captureArrive,
  captureSend,
  captureSide,
  costsTwoAtLeast,
  covers,
  type CaptureContext,
  type CaptureNote,
  type CaptureSendVerdict,
  type CaptureSide,
} from '../tcp/capture';
import type { ArrivalNoteCode, CaptureNoteCode } from '../tcp/codes';
import { judgeArrival } from '../tcp/arrive';
import { judgeCall } from '../tcp/calls';
import type { JudgeError } from '../tcp/judge-error';
import { judgeSend, MAX_SEGMENT_LEN } from '../tcp/send';
import { seqAdd, seqGe, seqGt, seqLe, seqLt } from '../tcp/seq';
import {
  ACK,
  DEFAULT_WINDOW,
  FIN,
  PSH,
  RST,
  SYN,
  closedTcb,
  peerOf,
  segmentSpace,
  type Segment,
  type Side,
  type TcpState,
} from '../tcp/types';
import type { Trace, TraceSegment } from './trace-format';

export type ReplayNoteCode = ArrivalNoteCode | CaptureNoteCode;

export interface ReplayArrival {
  /** Index in the trace of the segment that arrived. */
  readonly index: number;
  readonly to: Side;
  readonly notes: ReplayNoteCode[];
  /** The receiver's state and RCV.NXT after it processed the segment. */
  readonly state: TcpState;
  readonly rcvNxt: number;
  /** Only this part of the segment arrived here (the rest before or after): the network cut it. */
  readonly part?: { readonly seq: number; readonly len: number };
}

export interface ReplayStep {
  readonly index: number;
  readonly from: Side;
  readonly segment: Segment;
  readonly verdict: 'accepted' | 'retransmission' | 'refused' | 'skipped';
  readonly error?: JudgeError;
  /** Why the capture mode accepted a segment the game's judge refuses, or what it inferred. */
  readonly notes: readonly CaptureNote[];
  /** Segments that arrived at the sender just before it sent this one. */
  readonly arrivalsBefore: readonly ReplayArrival[];
  readonly clientState: TcpState;
  readonly serverState: TcpState;
}

export interface ReplayResult {
  readonly name: string;
  readonly steps: ReplayStep[];
  /** Arrivals after the last segment (everything still in flight). */
  readonly finalArrivals: ReplayArrival[];
  /** Captured segments that never arrived (lost after the capture point), by index: the index of their resend. */
  readonly lost: ReadonlyMap<number, number>;
  readonly clientFinal: TcpState;
  readonly serverFinal: TcpState;
  readonly firstRejected: number | null;
  /** Whether the trace met its expect (true when it has none and nothing was refused). */
  readonly expectMet: boolean;
  readonly expectProblems: string[];
}

export interface ReplayOptions {
  /** Judge with the game's own judge only: no capture mode (what the game would call wrong). */
  readonly strict?: boolean;
}

/** A segment on its way to a side. */
interface InFlight {
  readonly index: number;
  readonly segment: Segment;
  /** The receiver's own ACKs showed that it had not arrived when later ones had. */
  readonly missing: boolean;
  /** The rest of a segment whose first part has arrived. */
  readonly part: boolean;
}

const BIT_OF: Readonly<Record<string, number>> = { SYN, ACK, FIN, RST, PSH, URG: 0x20 };

/** Converts a trace segment to the judge's segment. */
export function toSegment(s: TraceSegment): Segment {
  let flags = 0;
  for (const name of s.flags) flags |= BIT_OF[name] ?? 0;
  return {
    flags,
    seq: s.seq,
    ack: s.ack,
    len: s.len,
    win: s.win ?? DEFAULT_WINDOW,
  };
}

type Sides = Record<Side, CaptureSide>;

const NO_SACK: readonly SackBlock[] = [];
const NONE: readonly never[] = [];

interface Mode {
  send(side: CaptureSide, s: Segment, ctx: CaptureContext): CaptureSendVerdict;
  arrive(side: CaptureSide, s: Segment): { side: CaptureSide; notes: ReplayNoteCode[] };
}

const CAPTURE: Mode = { send: captureSend, arrive: captureArrive };

/** The game's judge behind the same interface: no notes, nothing excused, no reassembly. */
const STRICT: Mode = {
  send(side, s) {
    const v = judgeSend(side.tcb, s);
    if (!v.ok) return v;
    const next = captureSide(v.tcb);
    return { ok: true, side: next, kind: v.kind, retransmission: v.retransmission, notes: [], cost: 0 };
  },
  arrive(side, s) {
    const a = judgeArrival(side.tcb, s);
    return { side: captureSide(a.tcb), notes: a.notes };
  },
};

/** One way the in-flight segments may have arrived before a side sent its segment. */
interface Delivery {
  /** Entries of the queue consumed (delivered, or found lost / cut), counted from its start. */
  readonly taken: number;
  readonly side: CaptureSide;
  /**
   * The arrivals, the queue entries left (in order, replacing the first `taken` ones) and the
   * notes: the first `counts` entries of lists shared by all deliveries of one pass, so that
   * trying every prefix of a long queue costs no copies.
   */
  readonly arrivals: readonly ReplayArrival[];
  readonly leftover: readonly InFlight[];
  readonly notes: readonly CaptureNote[];
  readonly counts: readonly [arrivals: number, leftover: number, notes: number];
  readonly cost: number;
  /** The receiver said (SACK blocks, duplicate ACKs) that it holds data beyond a missing segment. */
  readonly evidence: boolean;
}

/** Judges every segment of a trace and checks its expect. */
export function replayTrace(trace: Trace, options: ReplayOptions = {}): ReplayResult {
  const mode = options.strict ? STRICT : CAPTURE;
  const segs = trace.segments.map(toSegment);
  const sacks = trace.segments.map((s) => s.sack);
  const sides: Sides = { client: captureSide(closedTcb()), server: captureSide(closedTcb()) };
  // a side whose first segment answers a SYN with SYN,ACK had called listen()
  for (const side of ['client', 'server'] as const) {
    const first = trace.segments.find((s) => s.from === side);
    if (first && first.flags.includes('SYN') && first.flags.includes('ACK')) {
      const v = judgeCall(sides[side].tcb, { call: 'listen' });
      if (v.ok) sides[side] = captureSide(v.tcb);
    }
  }
  const queues: Record<Side, InFlight[]> = { client: [], server: [] }; // keyed by receiver
  const steps: ReplayStep[] = [];
  const lost = new Map<number, number>();
  // every SND.NXT each side has had, for old segments that carry one
  const sndNxts: Record<Side, number[]> = { client: [], server: [] };
  let firstRejected: number | null = null;
  // one context for the whole trace, pointed at each segment in turn (the excuses that read it
  // are rare; building it per segment is not)
  const ctx = {
    index: 0,
    from: 'client' as Side,
    sack: NO_SACK,
    coveredLater(seq: number): number | null {
      return coveredLater(trace, segs, this.index, this.from, seq);
    },
    wasSndNxt(seq: number): boolean {
      return sndNxts[this.from].includes(seq);
    },
  };

  for (let i = 0; i < segs.length; i++) {
    const from = trace.segments[i]!.from;
    const segment = segs[i]!;
    if (firstRejected !== null) {
      steps.push({
        index: i,
        from,
        segment,
        verdict: 'skipped',
        notes: [],
        arrivalsBefore: [],
        clientState: sides.client.tcb.state,
        serverState: sides.server.tcb.state,
      });
      continue;
    }
    const sack = sacks[i] ?? NO_SACK;
    ctx.index = i;
    ctx.from = from;
    ctx.sack = sack;
    const chosen = choose(
      mode,
      from,
      sides[from],
      queues[from],
      segment,
      sacks[i] ?? NO_SACK,
      ctx,
      !options.strict,
    );
    const queue = queues[from];
    if (chosen.ok) {
      const d = chosen.delivery;
      queues[from] = rest(d, queue);
      const v = chosen.verdict;
      sides[from] = v.side;
      const nxt = v.side.tcb.sndNxt;
      const seen = sndNxts[from];
      if (nxt !== -1 && seen[seen.length - 1] !== nxt) seen.push(nxt);
      const notes = d.counts[2] === 0 ? v.notes.slice() : d.notes.slice(0, d.counts[2]).concat(v.notes);
      // a resend of a segment the receiver's ACKs showed missing: that one was lost on the way
      if (!options.strict && segmentSpace(segment) > 0 && queues[peerOf(from)].some((q) => q.missing)) {
        const peer = peerOf(from);
        const keep: InFlight[] = [];
        for (const q of queues[peer]) {
          if (q.missing && covers(segment.seq, segmentSpace(segment), q.segment.seq)) {
            lost.set(q.index, i);
            notes.push({ code: 'CAP_RESENDS_LOST', ref: q.index });
          } else keep.push(q);
        }
        queues[peer] = keep;
      }
      queues[peerOf(from)].push({ index: i, segment, missing: false, part: false });
      steps.push({
        index: i,
        from,
        segment,
        verdict: v.retransmission ? 'retransmission' : 'accepted',
        notes: notes.length === 0 ? NONE : dedupe(notes),
        arrivalsBefore: d.counts[0] === 0 ? NONE : d.arrivals.slice(0, d.counts[0]),
        clientState: sides.client.tcb.state,
        serverState: sides.server.tcb.state,
      });
    } else {
      const d = chosen.delivery;
      queues[from] = rest(d, queue);
      sides[from] = d.side;
      firstRejected = i;
      steps.push({
        index: i,
        from,
        segment,
        verdict: 'refused',
        error: chosen.error,
        notes: [],
        arrivalsBefore: d.arrivals.slice(0, d.counts[0]),
        clientState: sides.client.tcb.state,
        serverState: sides.server.tcb.state,
      });
    }
  }

  // whatever is still in flight arrives, in capture order
  const finalArrivals: ReplayArrival[] = [];
  if (queues.client.length + queues.server.length > 0) {
    // built with plain pushes: spreading mapped arrays here made V8 drop its optimized replayTrace
    // once per trace (a wrong-map deopt), which cost more than the rest of the replay
    const rest: { q: InFlight; to: Side }[] = [];
    for (const q of queues.client) rest.push({ q, to: 'client' });
    for (const q of queues.server) rest.push({ q, to: 'server' });
    rest.sort((a, b) => a.q.index - b.q.index);
    for (const { q, to } of rest) {
      const a = mode.arrive(sides[to], q.segment);
      sides[to] = a.side;
      finalArrivals.push(arrival(q, to, a));
    }
  }

  const problems: string[] = [];
  const e = trace.expect;
  if (e?.first_rejected !== undefined) {
    if (firstRejected !== e.first_rejected)
      problems.push(
        `expected segment ${e.first_rejected} to be the first refused, got ${firstRejected ?? 'none'}`,
      );
  } else if (firstRejected !== null) {
    problems.push(`segment ${firstRejected} was refused (${steps[firstRejected]?.error?.code ?? ''})`);
  }
  const client = sides.client.tcb.state;
  const server = sides.server.tcb.state;
  if (e?.client_final !== undefined && e.client_final !== client)
    problems.push(`client ends in ${client}, expected ${e.client_final}`);
  if (e?.server_final !== undefined && e.server_final !== server)
    problems.push(`server ends in ${server}, expected ${e.server_final}`);

  return {
    name: trace.name,
    steps,
    finalArrivals,
    lost,
    clientFinal: client,
    serverFinal: server,
    firstRejected,
    expectMet: problems.length === 0,
    expectProblems: problems,
  };
}

function arrival(
  q: InFlight,
  to: Side,
  a: { side: CaptureSide; notes: ReplayNoteCode[] },
  piece?: Segment,
): ReplayArrival {
  const part = piece ?? (q.part ? q.segment : undefined);
  const t = a.side.tcb;
  // written out, not spread: copying the object to add `part` cost more than the arrival's judging
  if (part) {
    return {
      index: q.index,
      to,
      notes: a.notes,
      state: t.state,
      rcvNxt: t.rcvNxt,
      part: { seq: part.seq, len: part.len },
    };
  }
  return { index: q.index, to, notes: a.notes, state: t.state, rcvNxt: t.rcvNxt };
}

/** What is left in flight after a delivery: its leftover entries, then the queue beyond what it took. */
function rest(d: Delivery, queue: readonly InFlight[]): InFlight[] {
  if (d.counts[1] === 0) return d.taken === queue.length ? [] : queue.slice(d.taken);
  return d.leftover.slice(0, d.counts[1]).concat(queue.slice(d.taken));
}

function dedupe(notes: CaptureNote[]): CaptureNote[] {
  const out: CaptureNote[] = [];
  for (const n of notes) if (!out.some((m) => m.code === n.code && m.ref === n.ref)) out.push(n);
  return out;
}

/** Index of a later segment from `from` whose data covers `seq`, or null. */
function coveredLater(
  trace: Trace,
  segs: readonly Segment[],
  i: number,
  from: Side,
  seq: number,
): number | null {
  for (let j = i + 1; j < segs.length; j++) {
    if (trace.segments[j]!.from !== from) continue;
    const s = segs[j]!;
    if (s.flags & (SYN | RST)) continue;
    if (covers(s.seq, s.len, seq)) return j;
  }
  return null;
}

type Choice =
  | { ok: true; delivery: Delivery; verdict: CaptureSendVerdict & { ok: true } }
  | { ok: false; delivery: Delivery; error: JudgeError };

/**
 * Which in-flight segments had arrived when a side sent its segment. First as sent: each prefix of
 * the queue, the longest first; the game's judge accepting wins at once, otherwise the cheapest
 * capture-mode explanation. Then, in capture mode and when that needed an excuse, as the side's
 * ack says: segments it had not received (lost after the capture point, or still on their way)
 * are passed over, and one its ack falls inside arrived in part.
 */
function choose(
  mode: Mode,
  to: Side,
  start: CaptureSide,
  queue: readonly InFlight[],
  segment: Segment,
  sack: readonly SackBlock[],
  ctx: CaptureContext,
  inferLoss: boolean,
): Choice {
  // first as sent: everything in flight arrives in capture order, and the side's state after
  // each arrival is kept for the shorter prefixes
  const sides: CaptureSide[] = [start];
  const arrivals: ReplayArrival[] = [];
  let side = start;
  for (const q of queue) {
    const a = mode.arrive(side, q.segment);
    side = a.side;
    sides.push(side);
    arrivals.push(arrival(q, to, a));
  }
  const full = mode.send(side, segment, ctx);
  // SACK blocks and duplicate ACKs say what arrived beyond a gap: worth a second look even when
  // the plain deliveries fit
  const guess = inferLoss && segment.flags & ACK && queue.length > 0;
  const telling = guess && (sack.length > 0 || (segment.len === 0 && start.maxAck === segment.ack));
  if (full.ok && full.cost === 0 && !telling) {
    return { ok: true, delivery: plain(sides, arrivals, queue.length), verdict: full };
  }
  // the verdict for each side tried, by identity: the judge is pure, and many deliveries leave the
  // side as another left it (the full one, a segment passed over as missing or still on its way)
  const verdicts = new Map<CaptureSide, CaptureSendVerdict>();
  verdicts.set(side, full);
  const send = (at: CaptureSide): CaptureSendVerdict => {
    let v = verdicts.get(at);
    if (!v) {
      v = mode.send(at, segment, ctx);
      verdicts.set(at, v);
    }
    return v;
  };
  // the game's judge takes a segment with ACK (no SYN, no RST, not above 65,535 bytes) only with
  // ack = RCV.NXT (send.ts); with any other RCV.NXT it costs an excuse at least
  const anyAck =
    (segment.flags & ACK) === 0 || (segment.flags & (SYN | RST)) !== 0 || segment.len > MAX_SEGMENT_LEN;
  const mayBeFree = (at: CaptureSide) => anyAck || at.tcb.rcvNxt === segment.ack;
  const plainOnes = sides.map((_, k) => plain(sides, arrivals, k));
  // sides with which the capture mode cannot accept the segment at a cost below 2 (capture.ts)
  // are judged only when no delivery costs less: with offload, an ACK inside a segment is refused
  // with every prefix of the queue and explained by cutting the segment (cost 1)
  const dear = mode === CAPTURE ? (at: CaptureSide) => costsTwoAtLeast(at, segment) : null;
  const first = pick(send, plainOnes, mayBeFree, dear);
  // found is the cheapest plain delivery once exact; until then none costs less than 2
  let found = first.best;
  let exact = first.exact;
  if (guess && (!found || found.verdict.cost > 0 || telling)) {
    const guided = ackGuidedDeliveries(mode, to, queue, segment, sack, { sides, arrivals });
    let g = guided && pick(send, guided, mayBeFree, dear);
    if (g && !g.exact) g = pick(send, guided!, mayBeFree, null);
    const other = g && g.best;
    if (other) {
      const mine = other.verdict.cost + other.delivery.cost;
      if (!exact && mine > 1) {
        found = pick(send, plainOnes, mayBeFree, null).best;
        exact = true;
      }
      // not exact: the plain deliveries cost 2 at least, more than this one
      const theirs = found ? found.verdict.cost : Infinity;
      if (!exact || mine < theirs || (mine === theirs && other.delivery.evidence)) {
        return { ok: true, delivery: other.delivery, verdict: other.verdict };
      }
    }
  }
  if (!exact) found = pick(send, plainOnes, mayBeFree, null).best;
  if (found) return { ok: true, delivery: found.delivery, verdict: found.verdict };
  const all = plainOnes[plainOnes.length - 1]!;
  if (full.ok) return { ok: true, delivery: all, verdict: full }; // not reached: pick tried it
  return { ok: false, delivery: all, error: full.error };
}

/** The delivery of the first k entries of the queue, as captured. */
function plain(sides: readonly CaptureSide[], arrivals: readonly ReplayArrival[], k: number): Delivery {
  return {
    taken: k,
    side: sides[k]!,
    arrivals,
    leftover: NONE,
    notes: NONE,
    counts: [k, 0, 0],
    cost: 0,
    evidence: false,
  };
}

/**
 * Picks among deliveries the one with which the segment costs least. When the game's judge accepts
 * it, the longest prefix (everything sent earlier has arrived unless the segment shows otherwise);
 * when only an excuse does, the shortest: an excuse says nothing about what else had arrived.
 */
function pick(
  send: (side: CaptureSide) => CaptureSendVerdict,
  deliveries: readonly Delivery[],
  mayBeFree: (side: CaptureSide) => boolean,
  dear: ((side: CaptureSide) => boolean) | null,
): { best: { delivery: Delivery; verdict: CaptureSendVerdict & { ok: true } } | null; exact: boolean } {
  // the longest delivery with which the game's judge accepts it wins: looked for first among those
  // it may accept, so that the others are judged only when none does
  for (let k = deliveries.length - 1; k >= 0; k--) {
    const d = deliveries[k]!;
    if (d.cost > 0 || !mayBeFree(d.side)) continue;
    const v = send(d.side);
    if (v.ok && v.cost === 0) return { best: { delivery: d, verdict: v }, exact: true };
  }
  // none does: the cheapest, the shortest of equals; nothing costs less than 1 now, so the first
  // (shortest) that costs 1 is the one. Deliveries that cost 2 at least (`dear`) are passed over:
  // when none of the others costs 1, the answer is not exact (the caller judges them all if it
  // needs to know)
  let best: { delivery: Delivery; verdict: CaptureSendVerdict & { ok: true } } | null = null;
  let bestCost = Infinity;
  let skipped = false;
  for (let k = 0; k < deliveries.length && bestCost > 1; k++) {
    const d = deliveries[k]!;
    if (dear !== null && d.cost === 0 && dear(d.side)) {
      skipped = true;
      continue;
    }
    const v = send(d.side);
    if (!v.ok) continue;
    const cost = v.cost + d.cost;
    if (cost < bestCost) {
      best = { delivery: d, verdict: v };
      bestCost = cost;
    }
  }
  return { best, exact: !skipped || bestCost <= 1 };
}

/** A SACK block: [left, right) of data a receiver holds beyond its ack (RFC 2018). */
export type SackBlock = readonly [number, number];

/** True when the SACK blocks cover all of s's data. */
function sacked(sack: readonly SackBlock[], s: Segment): boolean {
  const end = seqAdd(s.seq, s.len);
  return s.len > 0 && sack.some(([left, right]) => seqLe(left, s.seq) && seqLe(end, right));
}

/**
 * Deliveries that follow the side's ack: a captured segment that would take RCV.NXT beyond it had
 * not arrived (it stays in flight, marked missing) or arrived in part (cut at the ack: offload, or
 * a path that cut it again). What the capture shows after such a segment on the same path is
 * still on its way, unless the side says it holds it: its SACK blocks name it, or, without SACK,
 * the segment is a duplicate ACK (a receiver sends one for each segment that arrives beyond a
 * gap). Pure ACKs arrive as captured. A segment found missing while later data demonstrably
 * arrived costs nothing: that is what loss after the capture point looks like.
 */
function ackGuidedDeliveries(
  mode: Mode,
  to: Side,
  queue: readonly InFlight[],
  segment: Segment,
  sack: readonly SackBlock[],
  asSent: { sides: readonly CaptureSide[]; arrivals: readonly ReplayArrival[] },
): Delivery[] | null {
  const start = asSent.sides[0]!;
  const target = segment.ack;
  const arrivals: ReplayArrival[] = [];
  const leftover: InFlight[] = [];
  const notes: CaptureNote[] = [];
  const out: Delivery[] = [
    { taken: 0, side: start, arrivals, leftover, notes, counts: [0, 0, 0], cost: 0, evidence: false },
  ];
  const duplicateAck =
    sack.length === 0 &&
    segment.len === 0 &&
    !(segment.flags & (SYN | FIN | RST)) &&
    start.maxAck === segment.ack &&
    start.tcb.rcvWnd === segment.win;
  let duplicates = duplicateAck ? 1 : 0;
  const topEdge = sack.reduce((top, [, right]) => (seqGt(right, top) ? right : top), target);
  let side = start;
  let missingCount = 0;
  let cuts = 0;
  let evidence = false;
  let changed = false;
  const missing = (q: InFlight) => {
    leftover.push(q.missing ? q : { ...q, missing: true });
    // the first one explains the ack; the others follow from it
    if (missingCount === 0) notes.push({ code: 'CAP_NOT_ARRIVED', ref: q.index });
    missingCount += 1;
    changed = true;
  };
  for (let k = 0; k < queue.length; k++) {
    const q = queue[k]!;
    const s = q.segment;
    const t = side.tcb;
    const space = segmentSpace(s);
    const synced = t.rcvNxt !== -1 && !(s.flags & (SYN | RST)) && space > 0;
    const inOrder = synced && seqLe(s.seq, t.rcvNxt) && seqGt(seqAdd(s.seq, space), t.rcvNxt);
    const beyond = synced && seqGt(s.seq, t.rcvNxt);
    let held = false;
    let wait = false;
    let hole = false;
    if (beyond && sack.length > 0) {
      // the SACK blocks say what arrived beyond the ack; data below their top edge that they do
      // not name is a hole: it had not arrived while later data had
      held = sacked(sack, s);
      hole = !held && seqLe(seqAdd(s.seq, s.len), topEdge);
      wait = !held && !hole;
    } else if (beyond && duplicates > 0) {
      duplicates -= 1;
      held = true;
    } else if (beyond && changed) {
      // behind a segment that had not (all) arrived, on the same path: still on its way
      wait = true;
    }
    if (hole) {
      missing(q);
      evidence = true;
    } else if (wait) {
      leftover.push(q);
    } else if (inOrder && seqGe(t.rcvNxt, target)) {
      missing(q); // it would move RCV.NXT past the ack: it had not arrived
    } else if (inOrder && seqLt(t.rcvNxt, target) && seqLt(target, seqAdd(s.seq, s.len))) {
      // the ack falls inside it: the first part arrived, the network (or offload) cut the rest off
      const headLen = (target - s.seq) >>> 0;
      const head: Segment = {
        flags: s.flags & ~(FIN | PSH),
        seq: s.seq,
        ack: s.ack,
        len: headLen,
        win: s.win,
      };
      const tail: Segment = { flags: s.flags, seq: target, ack: s.ack, len: s.len - headLen, win: s.win };
      const a = mode.arrive(side, head);
      side = a.side;
      arrivals.push(arrival(q, to, a, head));
      leftover.push({ index: q.index, segment: tail, missing: false, part: true });
      notes.push({ code: 'CAP_ACK_INSIDE', ref: q.index });
      cuts += 1;
      changed = true;
    } else {
      // until a segment is passed over or cut, the side is the one the delivery as sent reached:
      // its arrival is the one already made (the same objects, so their verdicts are reused too)
      const a = side === asSent.sides[k] ? null : mode.arrive(side, s);
      const after = a ? a.side : asSent.sides[k + 1]!;
      if (inOrder && seqGt(after.tcb.rcvNxt, target) && seqLe(t.rcvNxt, target)) {
        missing(q); // held data it made contiguous would carry RCV.NXT past the ack
      } else {
        arrivals.push(a ? arrival(q, to, a) : asSent.arrivals[k]!);
        side = after;
        if (held) evidence = true;
      }
    }
    out.push({
      taken: k + 1,
      side,
      arrivals,
      leftover,
      notes,
      counts: [arrivals.length, leftover.length, notes.length],
      cost: cuts + (evidence ? 0 : missingCount),
      evidence,
    });
  }
  return changed ? out : null;
}
