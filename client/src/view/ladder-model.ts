/**
 * The ladder (time-sequence) diagram of a game as data, for any screen that draws one (the game,
 * the round summary, a teacher's projector): every segment as an arrow from its send time to its
 * arrival or loss, each side's state at each change (replayed from the log through the shared
 * rules, and checked against the states the view reports), and the timers the textbooks draw (2MSL
 * in TIME_WAIT, a retransmission timeout that fired). Built from one seat's view, or from both
 * seats' views of the same game (a spectator's). Times are server times in milliseconds; each item
 * carries the index of the log entry that showed it, so a replay can show the game up to a step.
 */
import type { GameView, LogView, SegmentView } from '../../../shared/game/game-view';
import type { Side, Tcb, TcpState } from '../../../shared/tcp/types';
import { isnsOf, type Isns } from './numbering';
import { replayRecord, type RecordAround } from '../../../shared/game/record-history';

export type ArrowFate = 'arrived' | 'lost' | 'flying';

export interface LadderArrow {
  /** The segment's id in the game. */
  id: number;
  from: Side;
  segment: SegmentView;
  sentAt: number;
  /** Its arrival (expected, while flying), or for a lost one when it was gone. */
  endAt: number;
  /** A lost segment is known as lost from the start: it falls off half-way, at the middle of its flight. */
  fate: ArrowFate;
  /** Sent by neither player: an old segment, or one of another connection. */
  injected: boolean;
  /** A second copy the network made of a segment. */
  duplicate: boolean;
  retransmission: boolean;
  /** In flight for longer than one flight time (held, or delayed by the network). */
  delayed: boolean;
  /** Played for a player whose turn ran out. */
  auto: boolean;
  /** A catch-the-error bot's deliberately wrong segment. */
  trap: boolean;
  /** The log entry that shows it sent (-1: only known from the wire), and that shows it arrive or lost (-1: not yet). */
  sentIndex: number;
  endIndex: number;
  /** What the receiver noted on its arrival (the viewer's own arrivals; both seats' with two views). */
  notes: string[];
}

export interface LadderState {
  side: Side;
  at: number;
  /** The log entry that changed it (-1: the state both sides start in). */
  index: number;
  from: TcpState | null;
  state: TcpState;
}

export interface LadderTimer {
  side: Side;
  kind: 'time-wait' | 'rto';
  start: number;
  end: number;
  startIndex: number;
  /** The log entry where it ended (expired, fired or restarted); -1 while it runs. */
  endIndex: number;
  running: boolean;
  /** A 2MSL wait cut short by a retransmitted FIN (a new one starts after the ACK). */
  restarted: boolean;
}

export interface LadderModel {
  flightMs: number;
  /** The time of the first entry; the end: the view's time, or the last thing known to happen. */
  start: number;
  end: number;
  /** The view's (server) time when it was made. */
  viewAt: number;
  finished: boolean;
  isn: Isns;
  arrows: LadderArrow[];
  /** Per side in time order, starting with CLOSED. */
  states: LadderState[];
  timers: LadderTimer[];
  /** The log the indices point into. */
  logLength: number;
}

const SIDES: readonly Side[] = ['client', 'server'];

function peerOf(s: Side): Side {
  return s === 'client' ? 'server' : 'client';
}

function sameSegment(a: SegmentView, b: SegmentView): boolean {
  return (
    a.seq === b.seq &&
    a.ack === b.ack &&
    a.len === b.len &&
    a.flags.length === b.flags.length &&
    a.flags.every((f, i) => b.flags[i] === f)
  );
}

function consumes(s: SegmentView): boolean {
  return s.len > 0 || s.flags.includes('SYN') || s.flags.includes('FIN');
}

/** Each side's state at every change, from its replayed record, ending at the state the view reports. */
function statesOf(
  log: readonly LogView[],
  track: readonly RecordAround[],
  side: Side,
  final: TcpState,
  at: number,
): LadderState[] {
  const first = log[0]?.t ?? at;
  const out: LadderState[] = [{ side, at: first, index: -1, from: null, state: 'CLOSED' }];
  let cur: TcpState = 'CLOSED';
  track.forEach((r, i) => {
    if (r.after.state === cur) return;
    out.push({ side, at: log[i]!.t, index: i, from: cur, state: r.after.state });
    cur = r.after.state;
  });
  // a log the rules could not replay (cut at its size limit): the view's word is final
  if (cur !== final) out.push({ side, at, index: log.length - 1, from: cur, state: final });
  return out;
}

/**
 * A side's timers the ladder draws. 2MSL runs while the side is in TIME_WAIT and owes nothing (as
 * the engine runs it: from the ACK of the peer's FIN, at once after CLOSING) until it expires, or
 * until a retransmitted FIN arrives (then it starts again from the new ACK). A retransmission
 * timeout that fired runs from the side's last segment that took sequence space.
 */
function timersOf(
  log: readonly LogView[],
  track: readonly RecordAround[],
  side: Side,
  deadline: number | null,
  end: number,
): LadderTimer[] {
  const out: LadderTimer[] = [];
  let open: { start: number; startIndex: number } | null = null;
  const waits = (t: Tcb) => t.state === 'TIME_WAIT' && t.owed === 'none';
  track.forEach((r, i) => {
    const e = log[i]!;
    const was = waits(r.before);
    const is = waits(r.after);
    if (!was && is) open = { start: e.t, startIndex: i };
    else if (was && !is && open) {
      const o: { start: number; startIndex: number } = open;
      out.push({
        side,
        kind: 'time-wait',
        start: o.start,
        end: e.t,
        startIndex: o.startIndex,
        endIndex: i,
        running: false,
        restarted: r.after.state === 'TIME_WAIT',
      });
      open = null;
    }
    if (e.type === 'timer' && e.side === side && e.timer === 'rto') {
      let j = i - 1;
      while (j >= 0) {
        const x = log[j]!;
        if (x.type === 'send' && x.side === side && consumes(x.segment)) break;
        j--;
      }
      out.push({
        side,
        kind: 'rto',
        start: j >= 0 ? log[j]!.t : e.t,
        end: e.t,
        startIndex: j >= 0 ? j : i,
        endIndex: i,
        running: false,
        restarted: false,
      });
    }
  });
  const o = open as { start: number; startIndex: number } | null;
  if (o)
    out.push({
      side,
      kind: 'time-wait',
      start: o.start,
      end: deadline ?? end,
      startIndex: o.startIndex,
      endIndex: -1,
      running: deadline !== null,
      restarted: false,
    });
  return out;
}

/**
 * The ladder of a game from one seat's view, or from both seats' views of the same game (then each
 * side's timers and arrival notes come from its own view).
 */
export function ladderModel(v: GameView, other?: GameView | null): LadderModel {
  const byRole: Partial<Record<Side, GameView>> = { [v.role]: v };
  if (other && other.gameId === v.gameId && other.role !== v.role) byRole[other.role] = other;
  const log = v.log;
  const flight = v.settings.flightMs;
  const arrows = new Map<number, LadderArrow>();
  const make = (
    id: number,
    from: Side,
    segment: SegmentView,
    sentAt: number,
    sentIndex: number,
  ): LadderArrow => ({
    id,
    from,
    segment,
    sentAt,
    endAt: sentAt + flight,
    fate: 'flying',
    injected: false,
    duplicate: false,
    retransmission: false,
    delayed: false,
    auto: false,
    trap: false,
    sentIndex,
    endIndex: -1,
    notes: [],
  });
  /** The send of the segment a network copy was made of: the latest of the same side and numbers. */
  const original = (from: Side, seg: SegmentView, before: number): LadderArrow | undefined => {
    let best: LadderArrow | undefined;
    for (const a of arrows.values())
      if (a.from === from && !a.duplicate && !a.injected && a.sentAt <= before && sameSegment(a.segment, seg))
        if (!best || a.sentAt >= best.sentAt) best = a;
    return best;
  };
  const notesFor = (side: Side, i: number, notes: string[]) => {
    const own = byRole[side];
    if (!own || own === v) return notes;
    // the other seat's view of the same entry carries that side's notes
    const j = i - v.logFrom + own.logFrom;
    const e = own.log[j];
    return e?.type === 'arrive' ? e.notes : notes;
  };

  log.forEach((e, i) => {
    if (e.type === 'send') {
      const a = make(e.segmentId, e.side, e.segment, e.t, i);
      a.retransmission = e.retransmission;
      a.auto = e.auto;
      arrows.set(a.id, a);
    } else if (e.type === 'arrive' || e.type === 'lost') {
      const from = e.type === 'arrive' ? peerOf(e.side) : e.side;
      let a = arrows.get(e.segmentId);
      if (!a) {
        const injected = e.type === 'arrive' && e.injected;
        const orig = injected ? undefined : original(from, e.segment, e.t);
        a = make(e.segmentId, from, e.segment, orig ? orig.sentAt : e.t - flight, orig ? orig.sentIndex : i);
        a.injected = injected;
        a.duplicate = !injected;
        arrows.set(a.id, a);
      }
      a.endAt = e.t;
      a.endIndex = i;
      a.fate = e.type === 'arrive' ? 'arrived' : 'lost';
      if (e.type === 'arrive') a.notes = notesFor(e.side, i, e.notes);
    } else if (e.type === 'caught') {
      const a = arrows.get(e.segmentId);
      if (a) a.trap = true;
    }
  });
  for (const w of v.wire) {
    let a = arrows.get(w.id);
    if (!a) {
      const orig = w.injected ? undefined : original(w.from, w.segment, w.sentAt);
      a = make(w.id, w.from, w.segment, w.sentAt, orig ? orig.sentIndex : -1);
      a.injected = w.injected;
      a.duplicate = !w.injected;
      arrows.set(a.id, a);
    }
    a.sentAt = w.sentAt;
    a.endAt = w.arriveAt;
    a.fate = w.lost ? 'lost' : 'flying';
  }
  for (const a of arrows.values()) a.delayed = a.endAt - a.sentAt > flight * 1.5;
  const list = [...arrows.values()].sort((a, b) => a.sentAt - b.sentAt || a.id - b.id);

  const viewAt = v.serverNow;
  const finished = v.phase === 'finished';
  const lastLog = log.length ? log[log.length - 1]!.t : viewAt;
  const end = finished ? Math.max(lastLog, v.result?.finishedAt ?? lastLog) : Math.max(viewAt, lastLog);
  const finalState = (side: Side): TcpState => (side === v.role ? v.you.record.state : v.peer.state);
  const states: LadderState[] = [];
  const timers: LadderTimer[] = [];
  for (const side of SIDES) {
    const track = replayRecord(log, side);
    const st = statesOf(log, track, side, finalState(side), end);
    states.push(...st);
    const own = byRole[side];
    const deadline = finished
      ? null
      : own
        ? own.you.timers.timeWait
        : side === v.role
          ? v.you.timers.timeWait
          : v.peer.timeWait;
    timers.push(...timersOf(log, track, side, deadline, end));
  }
  states.sort((a, b) => a.at - b.at || a.index - b.index);
  timers.sort((a, b) => a.start - b.start);
  return {
    flightMs: flight,
    start: log[0]?.t ?? viewAt,
    end,
    viewAt,
    finished,
    isn: isnsOf(v),
    arrows: list,
    states,
    timers,
    logLength: log.length,
  };
}

/** The state of a side at a moment (the last change at or before it). */
export function stateAt(m: LadderModel, side: Side, at: number, index = Infinity): TcpState {
  let s: TcpState = 'CLOSED';
  for (const st of m.states) if (st.side === side && st.at <= at && st.index <= index) s = st.state;
  return s;
}

/** The latest change of each side's state (the edge just taken in the state diagram), up to a log index. */
export function lastChanges(m: LadderModel, index = Infinity): Partial<Record<Side, LadderState>> {
  const out: Partial<Record<Side, LadderState>> = {};
  for (const st of m.states) if (st.from !== null && st.index <= index) out[st.side] = st;
  return out;
}
