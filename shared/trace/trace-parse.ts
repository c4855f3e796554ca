/** Checking that an untrusted JSON value is a trace in the team's format. */
import { isUint32 } from '../tcp/seq';
import { FLAG_NAMES, TCP_STATES, type FlagName, type TcpState } from '../tcp/types';
import type { Trace, TraceExpect, TraceSegment } from './trace-format';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** The largest segment a trace may hold: 2^30 bytes, far above any offload or jumbogram seen. */
export const MAX_TRACE_LEN = 1 << 30;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isState(x: unknown): x is TcpState {
  return typeof x === 'string' && (TCP_STATES as readonly string[]).includes(x);
}

/** Validates a parsed JSON value as a trace; unknown keys are ignored, as the format asks. */
export function parseTrace(x: unknown): ParseResult<Trace> {
  if (!isObject(x)) return { ok: false, error: 'a trace is a JSON object' };
  const name = typeof x.name === 'string' ? x.name : 'unnamed';
  if (!Array.isArray(x.segments)) return { ok: false, error: `${name}: "segments" must be an array` };
  const segments: TraceSegment[] = [];
  for (let i = 0; i < x.segments.length; i++) {
    const s: unknown = x.segments[i];
    const where = `${name}: segment ${i}`;
    if (!isObject(s)) return { ok: false, error: `${where} is not an object` };
    if (s.from !== 'client' && s.from !== 'server')
      return { ok: false, error: `${where}: "from" must be "client" or "server"` };
    if (!Array.isArray(s.flags) || !s.flags.every((f) => (FLAG_NAMES as readonly unknown[]).includes(f)))
      return { ok: false, error: `${where}: "flags" must list names among ${FLAG_NAMES.join(', ')}` };
    for (const k of ['seq', 'ack'] as const) {
      if (!isUint32(s[k])) return { ok: false, error: `${where}: "${k}" must be an integer 0..4294967295` };
    }
    const len = s.len ?? 0;
    // captures may hold segments above 65,535 bytes (offload, BIG TCP, jumbograms)
    if (typeof len !== 'number' || !Number.isInteger(len) || len < 0 || len > MAX_TRACE_LEN)
      return { ok: false, error: `${where}: "len" must be an integer 0..${MAX_TRACE_LEN}` };
    const seg: TraceSegment = {
      from: s.from,
      flags: s.flags as FlagName[],
      seq: s.seq as number,
      ack: s.ack as number,
      len,
    };
    if (s.win !== undefined) {
      if (typeof s.win !== 'number' || !Number.isInteger(s.win) || s.win < 0)
        return { ok: false, error: `${where}: "win" must be a non-negative integer` };
      seg.win = s.win;
    }
    if (typeof s.t === 'number') seg.t = s.t;
    if (s.sack !== undefined) {
      const sack = s.sack;
      if (!Array.isArray(sack) || !sack.every((b) => Array.isArray(b) && b.length === 2 && b.every(isUint32)))
        return { ok: false, error: `${where}: "sack" must list [left, right] pairs of 32-bit numbers` };
      seg.sack = sack.map((b) => [b[0], b[1]] as [number, number]);
    }
    segments.push(seg);
  }
  const trace: Trace = { name, segments };
  if (typeof x.description === 'string') trace.description = x.description;
  if (x.expect !== undefined) {
    if (!isObject(x.expect)) return { ok: false, error: `${name}: "expect" must be an object` };
    const e: TraceExpect = {};
    const { client_final, server_final, first_rejected } = x.expect;
    if (client_final !== undefined) {
      if (!isState(client_final))
        return { ok: false, error: `${name}: unknown state ${String(client_final)}` };
      e.client_final = client_final;
    }
    if (server_final !== undefined) {
      if (!isState(server_final))
        return { ok: false, error: `${name}: unknown state ${String(server_final)}` };
      e.server_final = server_final;
    }
    if (first_rejected !== undefined) {
      if (typeof first_rejected !== 'number' || !Number.isInteger(first_rejected) || first_rejected < 0)
        return { ok: false, error: `${name}: "first_rejected" must be a segment index` };
      e.first_rejected = first_rejected;
    }
    trace.expect = e;
  }
  return { ok: true, value: trace };
}
