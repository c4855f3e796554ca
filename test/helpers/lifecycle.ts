/**
 * A small scripted network for rules tests: a lifecycle is a list of steps (calls, segments sent
 * with numbers written as formulas of the ISNs, arrivals, losses, injected segments, timers).
 * The expected numbers are the test's own oracle, written from the RFC, not asked of the engine.
 */
import type { ArrivalNoteCode } from '../../shared/tcp/codes';
import { flagsFromNames } from '../../shared/tcp/flags';
import { deliver, expireTimeWait, judge } from '../../shared/tcp/judge';
import {
  newConnection,
  peerOf,
  type AppCallName,
  type Connection,
  type Segment,
  type Side,
  type TcpState,
} from '../../shared/tcp/types';

export interface Isns {
  /** client ISN */
  x: number;
  /** server ISN */
  y: number;
}
type Num = (n: Isns) => number;

export type Step =
  | { call: Side; name: AppCallName; bytes?: number }
  | { send: Side; flags: string; seq: Num; ack?: Num; len?: number }
  | { arrive: Side; notes?: ArrivalNoteCode[] }
  | { lose: Side }
  | { duplicate: Side }
  | { inject: Side; flags: string; seq: Num; ack?: Num; len?: number; notes?: ArrivalNoteCode[] }
  | { expire2msl: Side }
  | { expect: Partial<Record<Side, TcpState>> };

export interface Lifecycle {
  scenario: string;
  steps: Step[];
  final: Record<Side, TcpState>;
}

/** n + k modulo 2^32. */
export const add = (n: number, k: number): number => (n + k) >>> 0;

export function segmentOf(flags: string, seq: number, ack: number, len = 0): Segment {
  const bits = flagsFromNames(flags.split(',').filter((f) => f !== ''));
  if (bits === undefined) throw new Error(`bad flags ${flags}`);
  return { flags: bits, seq, ack, len, win: 65535 };
}

export interface SendPoint {
  /** The connection just before the send. */
  conn: Connection;
  side: Side;
  segment: Segment;
  /** Step index in the lifecycle. */
  step: number;
}

export interface RunResult {
  conn: Connection;
  rows: string[];
  sends: SendPoint[];
  notes: ArrivalNoteCode[];
  restarts: number;
}

/** Runs a lifecycle and throws with a readable message at the first step that does not go as written. */
export function runLifecycle(lc: Lifecycle, isns: Isns): RunResult {
  let conn: Connection = newConnection();
  const inFlight: Record<Side, Segment[]> = { client: [], server: [] }; // keyed by receiver
  const rows: string[] = [];
  const sends: SendPoint[] = [];
  const notes: ArrivalNoteCode[] = [];
  let restarts = 0;
  const where = (i: number) => `${lc.scenario} step ${i} (x=${isns.x}, y=${isns.y})`;
  lc.steps.forEach((st, i) => {
    if ('call' in st) {
      const v = judge(conn, st.call, { kind: 'call', call: { call: st.name, bytes: st.bytes } });
      if (!v.ok) throw new Error(`${where(i)}: call ${st.name} refused: ${JSON.stringify(v.error)}`);
      conn = v.conn;
      rows.push(v.rowId);
      if (v.wire) inFlight[peerOf(st.call)].push(v.wire);
    } else if ('send' in st) {
      const segment = segmentOf(st.flags, st.seq(isns), st.ack ? st.ack(isns) : 0, st.len);
      sends.push({ conn, side: st.send, segment, step: i });
      const v = judge(conn, st.send, { kind: 'segment', segment });
      if (!v.ok) throw new Error(`${where(i)}: ${st.send} ${st.flags} refused: ${JSON.stringify(v.error)}`);
      conn = v.conn;
      rows.push(v.rowId);
      inFlight[peerOf(st.send)].push(segment);
    } else if ('arrive' in st || 'duplicate' in st) {
      const to = 'arrive' in st ? st.arrive : st.duplicate;
      const seg = inFlight[to][0];
      if (!seg) throw new Error(`${where(i)}: nothing in flight to ${to}`);
      if ('arrive' in st) inFlight[to].shift();
      const a = deliver(conn, to, seg);
      conn = a.conn;
      rows.push(...a.rows);
      notes.push(...a.notes);
      if (a.restart2msl) restarts++;
      if ('arrive' in st && st.notes) expectNotes(where(i), a.notes, st.notes);
    } else if ('lose' in st) {
      if (!inFlight[st.lose].shift()) throw new Error(`${where(i)}: nothing in flight to lose`);
    } else if ('inject' in st) {
      const seg = segmentOf(st.flags, st.seq(isns), st.ack ? st.ack(isns) : 0, st.len);
      const a = deliver(conn, st.inject, seg);
      conn = a.conn;
      rows.push(...a.rows);
      notes.push(...a.notes);
      if (st.notes) expectNotes(where(i), a.notes, st.notes);
    } else if ('expire2msl' in st) {
      if (conn[st.expire2msl].state !== 'TIME_WAIT') throw new Error(`${where(i)}: 2MSL outside TIME_WAIT`);
      conn = expireTimeWait(conn, st.expire2msl);
      rows.push('TIME_WAIT|timer:2MSL');
    } else {
      for (const side of ['client', 'server'] as const) {
        const want = st.expect[side];
        if (want && conn[side].state !== want)
          throw new Error(`${where(i)}: ${side} is ${conn[side].state}, expected ${want}`);
      }
    }
  });
  for (const side of ['client', 'server'] as const) {
    if (conn[side].state !== lc.final[side])
      throw new Error(`${lc.scenario}: ${side} ends in ${conn[side].state}, expected ${lc.final[side]}`);
  }
  return { conn, rows, sends, notes, restarts };
}

function expectNotes(where: string, got: ArrivalNoteCode[], want: ArrivalNoteCode[]) {
  for (const n of want) if (!got.includes(n)) throw new Error(`${where}: notes ${got.join(',')} lack ${n}`);
}
