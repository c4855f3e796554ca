/**
 * The state diagram as a graph read from the shared transition table: one edge per pair of
 * different states that some row connects. Resets and aborts lead to CLOSED from nearly every
 * state; drawn one by one they would hide the rest, so they are kept apart for a single legend line.
 */
import { TRANSITIONS, type Trigger, type TransitionRow } from '../../../shared/tcp/transitions';
import type { TcpState } from '../../../shared/tcp/types';

export interface DiagramEdge {
  from: TcpState;
  to: TcpState;
  triggers: Trigger[];
}

export interface DiagramGraph {
  edges: DiagramEdge[];
  /** Rows into CLOSED by a received RST or an abort() call. */
  resets: TransitionRow[];
}

/** Edges of the diagram, in table order. */
export function diagramGraph(rows: readonly TransitionRow[] = TRANSITIONS): DiagramGraph {
  const edges = new Map<string, DiagramEdge>();
  const resets: TransitionRow[] = [];
  for (const r of rows) {
    if (r.from === r.to) continue;
    if (r.to === 'CLOSED' && (r.on === 'rcv:RST' || r.on === 'call:abort')) {
      resets.push(r);
      continue;
    }
    const k = `${r.from}>${r.to}`;
    const e = edges.get(k);
    if (e) e.triggers.push(r.on);
    else edges.set(k, { from: r.from, to: r.to, triggers: [r.on] });
  }
  return { edges: [...edges.values()], resets };
}

/**
 * Where each state sits, as in RFC 793's figure: opening at the top, the active closer on the
 * left, the passive closer on the right, TIME_WAIT at the bottom. Columns 0..2, rows 0..6.
 */
export const DIAGRAM_GRID: Readonly<Record<TcpState, { col: number; row: number }>> = {
  CLOSED: { col: 1, row: 0 },
  LISTEN: { col: 1, row: 1 },
  SYN_RCVD: { col: 0, row: 2 },
  SYN_SENT: { col: 2, row: 2 },
  ESTABLISHED: { col: 1, row: 3 },
  FIN_WAIT_1: { col: 0, row: 4 },
  CLOSE_WAIT: { col: 2, row: 4 },
  FIN_WAIT_2: { col: 0, row: 5 },
  CLOSING: { col: 1, row: 5 },
  LAST_ACK: { col: 2, row: 5 },
  TIME_WAIT: { col: 1, row: 6 },
};
export const DIAGRAM_COLS = 3;
export const DIAGRAM_ROWS = 7;
