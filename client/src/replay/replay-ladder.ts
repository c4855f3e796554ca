/**
 * A replayed trace as the game's ladder model (client/src/view/ladder-model.ts), so the /replay page
 * draws a capture as the game draws a game: every captured segment an arrow from its step to the
 * step before which it arrived (or a cross half-way when it was lost after the capture point), and
 * each side's state at every change. Time is counted in steps: a segment sent at step i is at
 * i + SEND, one that arrived just before step j at j + ARRIVE; the indices are step indices.
 */
import type { SegmentView } from '../../../shared/game/game-view';
import type { FlagName, Side, TcpState } from '../../../shared/tcp/types';
import type { ReplayArrival, ReplayResult, ReplayStep } from '../../../shared/trace/replay';
import type { Trace } from '../../../shared/trace/trace-format';
import type { LadderArrow, LadderModel, LadderState } from '../view/ladder-model';
import type { Isns } from '../view/numbering';

/** Where in its row a step's arrivals and its send are drawn. */
export const ARRIVE = 0.3;
export const SEND = 0.6;

const SIDES: readonly Side[] = ['client', 'server'];

/** Each side's first SYN's seq: the ISNs relative numbers count from. */
export function traceIsns(trace: Trace): Isns {
  const isn = (side: Side) =>
    trace.segments.find((s) => s.from === side && s.flags.includes('SYN'))?.seq ?? null;
  return { client: isn('client'), server: isn('server') };
}

/** The state a side starts in, as the replay sets it: LISTEN when its first segment is a SYN,ACK. */
function initialState(trace: Trace, side: Side): TcpState {
  const first = trace.segments.find((s) => s.from === side);
  return first && first.flags.includes('SYN') && first.flags.includes('ACK') ? 'LISTEN' : 'CLOSED';
}

function stateOf(st: ReplayStep, side: Side): TcpState {
  return side === 'client' ? st.clientState : st.serverState;
}

/** A trace's segment as the game's views carry one. */
function segmentView(trace: Trace, index: number): SegmentView {
  const s = trace.segments[index]!;
  return { flags: s.flags as FlagName[], seq: s.seq, ack: s.ack, len: s.len, win: s.win ?? 0 };
}

/** The ladder of a replayed trace: arrows, and each side's states at every change. */
export function replayLadder(trace: Trace, r: ReplayResult): LadderModel {
  const n = r.steps.length;
  const arrivedAt = new Map<number, { step: number; notes: string[] }>();
  const states: LadderState[] = [];
  const cur: Record<Side, TcpState> = { client: 'CLOSED', server: 'CLOSED' };
  for (const side of SIDES) {
    cur[side] = initialState(trace, side);
    states.push({ side, at: 0, index: -1, from: null, state: cur[side] });
  }
  const change = (side: Side, state: TcpState, step: number, at: number) => {
    if (state === cur[side]) return;
    states.push({ side, at, index: step, from: cur[side], state });
    cur[side] = state;
  };
  const arrive = (list: readonly ReplayArrival[], step: number) => {
    for (const a of list) {
      const seen = arrivedAt.get(a.index);
      arrivedAt.set(a.index, { step, notes: [...(seen?.notes ?? []), ...a.notes] });
      change(a.to, a.state, step, step + ARRIVE);
    }
  };
  r.steps.forEach((st, i) => {
    arrive(st.arrivalsBefore, i);
    for (const side of SIDES) change(side, stateOf(st, side), i, i + SEND);
  });
  arrive(r.finalArrivals, n);
  const arrows: LadderArrow[] = r.steps.map((st, i) => {
    const lost = r.lost.has(i);
    const end = arrivedAt.get(i);
    const endIndex = lost ? i + 1 : (end?.step ?? -1);
    return {
      id: i,
      from: st.from,
      segment: segmentView(trace, i),
      sentAt: i + SEND,
      endAt: lost ? i + 1 + SEND : endIndex >= 0 ? endIndex + ARRIVE : n + ARRIVE,
      fate: lost ? 'lost' : end ? 'arrived' : 'flying',
      injected: false,
      duplicate: false,
      retransmission: st.verdict === 'retransmission',
      delayed: false,
      auto: false,
      trap: false,
      sentIndex: i,
      endIndex,
      notes: end?.notes ?? [],
    };
  });
  return {
    flightMs: 1,
    start: 0,
    end: n + 1,
    viewAt: n + 1,
    finished: true,
    isn: traceIsns(trace),
    arrows,
    states,
    timers: [],
    logLength: n + 1,
  };
}

/** The state changes made at a step (its arrivals and its send), in order. */
export function changesAt(m: LadderModel, step: number): LadderState[] {
  return m.states.filter((s) => s.index === step);
}
