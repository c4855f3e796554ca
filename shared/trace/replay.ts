/**
 * Replaying a trace through the judge. A trace lists segments in capture order, which is not
 * always the order each side received them: two segments can cross. Before a side's segment is
 * judged, what the peer sent earlier is delivered to it: all of it, unless the segment shows that
 * some was still in flight (then the longest prefix with which the segment is correct). What is
 * left in flight arrives at the end.
 */
import type { ArrivalNoteCode } from '../tcp/codes';
import { flagsFromNames } from '../tcp/flags';
import { deliver, judge } from '../tcp/judge';
import type { JudgeError } from '../tcp/judge-error';
import {
  DEFAULT_WINDOW,
  newConnection,
  peerOf,
  type Connection,
  type Segment,
  type Side,
  type TcpState,
} from '../tcp/types';
import type { Trace, TraceSegment } from './trace-format';

export interface ReplayArrival {
  /** Index in the trace of the segment that arrived. */
  readonly index: number;
  readonly to: Side;
  readonly notes: ArrivalNoteCode[];
}

export interface ReplayStep {
  readonly index: number;
  readonly from: Side;
  readonly segment: Segment;
  readonly verdict: 'accepted' | 'retransmission' | 'refused' | 'skipped';
  readonly error?: JudgeError;
  /** Segments that arrived at the sender just before it sent this one. */
  readonly arrivalsBefore: ReplayArrival[];
  readonly clientState: TcpState;
  readonly serverState: TcpState;
}

export interface ReplayResult {
  readonly name: string;
  readonly steps: ReplayStep[];
  /** Arrivals after the last segment (everything still in flight). */
  readonly finalArrivals: ReplayArrival[];
  readonly clientFinal: TcpState;
  readonly serverFinal: TcpState;
  readonly firstRejected: number | null;
  /** Whether the trace met its expect (true when it has none and nothing was refused). */
  readonly expectMet: boolean;
  readonly expectProblems: string[];
}

interface InFlight {
  readonly index: number;
  readonly segment: Segment;
}

/** Converts a trace segment to the judge's segment. */
export function toSegment(s: TraceSegment): Segment {
  return {
    flags: flagsFromNames(s.flags) ?? 0,
    seq: s.seq,
    ack: s.ack,
    len: s.len,
    win: s.win ?? DEFAULT_WINDOW,
  };
}

function deliverPrefix(conn: Connection, to: Side, queue: readonly InFlight[], n: number) {
  const arrivals: ReplayArrival[] = [];
  let c = conn;
  for (let i = 0; i < n; i++) {
    const q = queue[i]!;
    const a = deliver(c, to, q.segment);
    c = a.conn;
    arrivals.push({ index: q.index, to, notes: a.notes });
  }
  return { conn: c, arrivals };
}

/** Judges every segment of a trace and checks its expect. */
export function replayTrace(trace: Trace): ReplayResult {
  let conn = newConnection();
  const segs = trace.segments.map(toSegment);
  // a side whose first segment answers a SYN with SYN,ACK had called listen()
  for (const side of ['client', 'server'] as const) {
    const first = trace.segments.find((s) => s.from === side);
    if (first && first.flags.includes('SYN') && first.flags.includes('ACK')) {
      const v = judge(conn, side, { kind: 'call', call: { call: 'listen' } });
      if (v.ok) conn = v.conn;
    }
  }
  const queues: Record<Side, InFlight[]> = { client: [], server: [] }; // keyed by receiver
  const steps: ReplayStep[] = [];
  let firstRejected: number | null = null;

  for (let i = 0; i < segs.length; i++) {
    const from = trace.segments[i]!.from;
    const segment = segs[i]!;
    if (firstRejected !== null) {
      steps.push({
        index: i,
        from,
        segment,
        verdict: 'skipped',
        arrivalsBefore: [],
        clientState: conn.client.state,
        serverState: conn.server.state,
      });
      continue;
    }
    const queue = queues[from];
    // everything sent earlier has arrived, unless this segment shows that some of it was still
    // in flight (it crossed): try the longest prefix first; if none fits, judge with all delivered
    let chosen: { n: number; conn: Connection; arrivals: ReplayArrival[] } | null = null;
    let verdict = null;
    for (let n = queue.length; n >= 0; n--) {
      const d = deliverPrefix(conn, from, queue, n);
      const v = judge(d.conn, from, { kind: 'segment', segment });
      if (v.ok || n === queue.length) {
        chosen = { n, conn: d.conn, arrivals: d.arrivals };
        verdict = v;
        if (v.ok) break;
      }
    }
    if (!chosen || !verdict) throw new Error('unreachable');
    queue.splice(0, chosen.n);
    if (verdict.ok) {
      conn = verdict.conn;
      queues[peerOf(from)].push({ index: i, segment });
    } else {
      conn = chosen.conn;
      firstRejected = i;
    }
    steps.push({
      index: i,
      from,
      segment,
      verdict: verdict.ok ? (verdict.retransmission ? 'retransmission' : 'accepted') : 'refused',
      ...(verdict.ok ? {} : { error: verdict.error }),
      arrivalsBefore: chosen.arrivals,
      clientState: conn.client.state,
      serverState: conn.server.state,
    });
  }

  // whatever is still in flight arrives, in capture order
  const finalArrivals: ReplayArrival[] = [];
  {
    const rest = [
      ...queues.client.map((q) => ({ q, to: 'client' as Side })),
      ...queues.server.map((q) => ({ q, to: 'server' as Side })),
    ];
    rest.sort((a, b) => a.q.index - b.q.index);
    for (const { q, to } of rest) {
      const a = deliver(conn, to, q.segment);
      conn = a.conn;
      finalArrivals.push({ index: q.index, to, notes: a.notes });
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
  if (e?.client_final !== undefined && e.client_final !== conn.client.state)
    problems.push(`client ends in ${conn.client.state}, expected ${e.client_final}`);
  if (e?.server_final !== undefined && e.server_final !== conn.server.state)
    problems.push(`server ends in ${conn.server.state}, expected ${e.server_final}`);

  return {
    name: trace.name,
    steps,
    finalArrivals,
    clientFinal: conn.client.state,
    serverFinal: conn.server.state,
    firstRejected,
    expectMet: problems.length === 0,
    expectProblems: problems,
  };
}
