/** The trace format of the team's tcp-rules.md: one connection's segments in capture order. */
import type { FlagName, Side, TcpState } from '../tcp/types';

export interface TraceSegment {
  from: Side;
  flags: FlagName[];
  seq: number;
  ack: number;
  len: number;
  win?: number;
  /** Seconds since the first segment. */
  t?: number;
  /** SACK blocks the segment carries (RFC 2018): [left edge, right edge) pairs, absolute numbers. */
  sack?: [number, number][];
}

export interface TraceExpect {
  client_final?: TcpState;
  server_final?: TcpState;
  /** Index of the first segment a correct endpoint would not have sent. */
  first_rejected?: number;
}

export interface Trace {
  name: string;
  description?: string;
  segments: TraceSegment[];
  expect?: TraceExpect;
}
