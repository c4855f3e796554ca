/**
 * What one player may see of a game: its own connection record in full; of the peer only its
 * state, name and score (the peer's numbers become known from the segments that arrive); the wire;
 * the clocks as deadlines in server time; its own log lines (of the peer's mistakes, only that one
 * was made).
 */
import type { PlanStep, ScenarioId } from '../scenarios/scenarios';
import { flagNames } from '../tcp/flags';
import type { FlagName, Move, Side, Tcb, TcpState } from '../tcp/types';
import { peerOf } from '../tcp/types';
import { LOG_LIMIT, canAct, currentStep, movesFor, remainingBytes } from './game-engine';
import type {
  BotLevel,
  Game,
  GamePhase,
  GameResult,
  InFlight,
  LogEntry,
  MoveScore,
  Score,
} from './game-types';

export interface SegmentView {
  flags: FlagName[];
  seq: number;
  ack: number;
  len: number;
  win: number;
}

export interface WireView {
  id: number;
  from: Side;
  segment: SegmentView;
  sentAt: number;
  arriveAt: number;
  /** Shown falling off the wire half-way. */
  lost: boolean;
  /** Not sent by either player: an old or foreign segment. */
  injected: boolean;
}

export type LogView =
  | Exclude<LogEntry, { type: 'refused' } | { type: 'send' } | { type: 'arrive' } | { type: 'lost' }>
  | {
      t: number;
      type: 'refused';
      side: Side;
      code?: string;
      expected?: number | string;
      given?: number | string;
      field?: string;
      segment?: SegmentView | null;
    }
  | ({
      t: number;
      type: 'send';
      side: Side;
      segmentId: number;
      segment: SegmentView;
      retransmission: boolean;
      auto: boolean;
    } & MoveScore)
  | {
      t: number;
      type: 'arrive';
      side: Side;
      segmentId: number;
      segment: SegmentView;
      notes: string[];
      injected: boolean;
    }
  | { t: number; type: 'lost'; side: Side; segmentId: number; segment: SegmentView };

export interface GameView {
  gameId: string;
  version: number;
  scenarioId: ScenarioId;
  role: Side;
  phase: GamePhase;
  paused: boolean;
  /** The server's clock when this view was made: clients draw countdowns from deadlines minus this. */
  serverNow: number;
  bot: { role: Side; level: BotLevel } | null;
  hints: boolean;
  settings: { flightMs: number; turnMs: number; rtoMs: number; mslMs: number };
  you: {
    nickname: string;
    record: Tcb;
    canAct: boolean;
    mustRetransmit: boolean;
    /** What your application wants to do next (from the scenario's plan), if anything now. */
    intent: { intent: PlanStep['intent']; bytesLeft?: number; piggyback?: true } | null;
    timers: { turn: number | null; rto: number | null; timeWait: number | null; synRcvd: number | null };
    score: Score;
  };
  peer: {
    nickname: string;
    state: TcpState;
    isBot: boolean;
    timeWait: number | null;
    score: { points: number; mistakes: number };
  };
  wire: WireView[];
  /**
   * The index in the game's whole log of `log[0]`. 0: `log` is the whole log. Otherwise `log` holds
   * only the entries from that index on (game:update and the answer of game:move), and the client
   * puts them after the first `logFrom` entries it already holds (joinView): the log only grows.
   */
  logFrom: number;
  log: LogView[];
  result: GameResult | null;
}

/** A segment as the protocol shows it (flag names rather than bits). */
export function segmentView(s: {
  flags: number;
  seq: number;
  ack: number;
  len: number;
  win: number;
}): SegmentView {
  return { flags: flagNames(s.flags), seq: s.seq, ack: s.ack, len: s.len, win: s.win };
}

/** A log entry as `side` sees it (the peer's refusals without their details). */
export function logFor(e: LogEntry, side: Side): LogView {
  switch (e.type) {
    case 'refused':
      if (e.side !== side) return { t: e.t, type: 'refused', side: e.side };
      return {
        t: e.t,
        type: 'refused',
        side: e.side,
        code: e.error.code,
        expected: e.error.expected,
        given: e.error.given,
        field: e.error.field,
        segment: e.segment ? segmentView(e.segment) : null,
      };
    case 'send':
    case 'lost':
      return { ...e, segment: segmentView(e.segment) };
    case 'arrive':
      return { ...e, segment: segmentView(e.segment), notes: e.side === side ? e.notes : [] };
    default:
      return e;
  }
}

/** What the side's application wants to do next (from the scenario's plan), if anything now. */
export function intentFor(g: Game, side: Side): GameView['you']['intent'] {
  const step = currentStep(g, side);
  if (!step) return null;
  return {
    intent: step.intent,
    ...(step.intent === 'send' ? { bytesLeft: remainingBytes(g, side, step) } : {}),
    ...(step.piggyback ? { piggyback: true as const } : {}),
  };
}

/** A segment on the wire as the protocol shows it. */
export function wireView(w: InFlight): WireView {
  return {
    id: w.id,
    from: w.from,
    segment: segmentView(w.segment),
    sentAt: w.sentAt,
    arriveAt: w.arriveAt,
    lost: w.lost,
    injected: w.injected,
  };
}

/**
 * The game as `side` may see it at `now`, with its log from entry `logFrom` on (0: the whole log;
 * a larger value than the log's length is taken as its length).
 */
export function viewFor(g: Game, side: Side, now: number, logFrom = 0): GameView {
  const from = Math.min(Math.max(0, logFrom), g.log.length);
  const log: LogView[] = new Array<LogView>(g.log.length - from);
  for (let i = from; i < g.log.length; i++) log[i - from] = logFor(g.log[i]!, side);
  const peer = peerOf(side);
  const tm = g.timers[side];
  return {
    gameId: g.id,
    version: g.version,
    scenarioId: g.scenarioId,
    role: side,
    phase: g.phase,
    paused: g.pausedAt !== null,
    serverNow: g.pausedAt ?? now,
    bot: g.bot,
    hints: g.hints,
    settings: {
      flightMs: g.settings.flightMs,
      turnMs: g.settings.turnMs,
      rtoMs: g.settings.rtoMs,
      mslMs: g.settings.mslMs,
    },
    you: {
      nickname: g.nicknames[side],
      record: g.conn[side],
      canAct: canAct(g, side),
      mustRetransmit: g.mustRetransmit[side],
      intent: intentFor(g, side),
      timers: { turn: tm.turn, rto: tm.rto, timeWait: tm.timeWait, synRcvd: tm.synRcvd },
      score: g.score[side],
    },
    peer: {
      nickname: g.nicknames[peer],
      state: g.conn[peer].state,
      isBot: g.bot?.role === peer,
      timeWait: g.timers[peer].timeWait,
      score: { points: g.score[peer].points, mistakes: g.score[peer].mistakes },
    },
    wire: g.wire.map(wireView),
    logFrom: from,
    log,
    result: g.result,
  };
}

/**
 * Where the views of `after` may start their log, both seats having been sent `before` (the same
 * game, earlier): all of `before`'s log but a trailing run of refused moves (a refused move is
 * sent to its mover alone, so the other seat may not have it yet). 0 (the whole log) once the log
 * is at its limit: then its oldest entries may have been dropped, and the indices moved.
 */
export function logSentToBoth(before: Game, after: Game = before): number {
  if (after.log.length >= LOG_LIMIT) return 0;
  let n = before.log.length;
  while (n > 0 && before.log[n - 1]!.type === 'refused') n--;
  return n;
}

/**
 * A view with its whole log: `next` itself when it carries the whole log, else its entries put
 * after the first `next.logFrom` entries of `known` (an earlier or later view of the same game by
 * the same seat: the log only grows, so any such view holds the same first entries). Null when
 * `known` is of another game or holds too few entries: the client then asks for the whole state.
 */
export function joinView(known: GameView | null, next: GameView): GameView | null {
  if (next.logFrom === 0) return next;
  if (!known || known.gameId !== next.gameId || known.role !== next.role) return null;
  if (known.logFrom !== 0 || known.log.length < next.logFrom) return null;
  // a log at its limit may have lost its oldest entries: only an older view can follow it so
  if (known.log.length >= LOG_LIMIT) return null;
  return { ...next, logFrom: 0, log: known.log.slice(0, next.logFrom).concat(next.log) };
}

/** The correct moves of this player, computed from its view alone (client hints and previews). */
export function movesFromView(v: GameView, iss = 0): Move[] {
  if (!v.you.canAct) return [];
  return movesFor(
    v.you.record,
    v.you.intent?.intent ?? null,
    v.you.mustRetransmit,
    iss,
    v.you.intent?.bytesLeft,
    v.you.intent?.piggyback ?? false,
  );
}
