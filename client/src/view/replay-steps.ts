/**
 * A finished game as steps to replay one by one: the start (both sides CLOSED), then each thing
 * that happened in the log's order (a call with the segment it sent is one step, as is an arrival
 * with the 2MSL restart it caused), each with its sentences (and explanations), the segment to
 * point at, and the states that changed, with the transition-table row each change took.
 */
import type { GameView } from '../../../shared/game/game-view';
import type { TransitionRow } from '../../../shared/tcp/transitions';
import type { Side, TcpState } from '../../../shared/tcp/types';
import { takenRow } from './edge-labels';
import type { LadderModel } from './ladder-model';
import type { LogLine } from './log-lines';

export interface StateChange {
  side: Side;
  from: TcpState;
  to: TcpState;
  /** The table row it took, when one fits. */
  row: TransitionRow | null;
}

export interface ReplayStep {
  /** The last log entry the step shows (-1: the start). */
  index: number;
  /** Its time (server time). */
  at: number;
  /** The segment the step is about, if any. */
  arrow: number | null;
  lines: LogLine[];
  changes: StateChange[];
  /** Each side's state once the step has happened. */
  states: Record<Side, TcpState>;
}

/** The steps of a game, from its view (with its log whole), its ladder and its log's sentences. */
export function replaySteps(v: GameView, m: LadderModel, lines: readonly LogLine[]): ReplayStep[] {
  const log = v.log;
  const states: Record<Side, TcpState> = { client: 'CLOSED', server: 'CLOSED' };
  const steps: ReplayStep[] = [
    { index: -1, at: m.start, arrow: null, lines: [], changes: [], states: { ...states } },
  ];
  let i = 0;
  while (i < log.length) {
    const e = log[i]!;
    let last = i;
    const next = log[i + 1];
    if (next && next.t === e.t && 'side' in e && 'side' in next && next.side === e.side) {
      // connect() and its SYN, close() and its FIN; a FIN arriving in TIME_WAIT and the restart it causes
      if (e.type === 'call' && next.type === 'send') last = i + 1;
      if (e.type === 'arrive' && next.type === 'timer' && next.restarted) last = i + 1;
    }
    const changes: StateChange[] = [];
    let arrow: number | null = null;
    for (let k = i; k <= last; k++) {
      const x = log[k]!;
      if ('segmentId' in x && x.type !== 'caught') arrow = x.segmentId;
      for (const st of m.states) {
        if (st.index !== k || st.from === null) continue;
        changes.push({ side: st.side, from: st.from, to: st.state, row: takenRow(st.from, st.state, x) });
        states[st.side] = st.state;
      }
    }
    steps.push({
      index: last,
      at: log[last]!.t,
      arrow,
      lines: lines.slice(i, last + 1),
      changes,
      states: { ...states },
    });
    i = last + 1;
  }
  return steps;
}
