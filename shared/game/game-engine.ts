/**
 * The game as pure functions over a Game: seating players, judging moves with the TCP rules,
 * carrying segments across the network the scenario describes, and running the clocks as stored
 * deadlines. The server only loads a game, calls these with the current time, stores the result and
 * wakes up at nextDeadline(). Every function returns a new Game and never changes its argument.
 */
import {
  SCENARIOS,
  type NetworkEvent,
  type PlanStep,
  type ScenarioId,
  type SegmentMatch,
} from '../scenarios/scenarios';
import type { ArrivalNoteCode, JudgeErrorCode } from '../tcp/codes';
import { deliver, expireSynRcvd, expireTimeWait, judge } from '../tcp/judge';
import type { JudgeError } from '../tcp/judge-error';
import { nextMoves, retransmissionOf } from '../tcp/next-moves';
import { seqAdd } from '../tcp/seq';
import type { SendKind } from '../tcp/transitions';
import {
  ACK,
  FIN,
  PSH,
  RST,
  SYN,
  newConnection,
  peerOf,
  segmentSpace,
  withSide,
  type Move,
  type Segment,
  type Side,
  type Tcb,
  type TcpState,
} from '../tcp/types';
import {
  DEFAULT_SETTINGS,
  GAME_SCHEMA_VERSION,
  type ArmedWire,
  type BotLevel,
  type Game,
  type GameSettings,
  type InFlight,
  type LogEntry,
  type MoveScore,
  type Score,
  type SideTimers,
} from './game-types';
import { botMove } from './bot';
import type { LessonStep, Milestone } from './lesson-steps';
import { randomUint32 } from './rng';
import { MISTAKE_PENALTY, POINTS } from './scoring';

const SIDES: readonly Side[] = ['client', 'server'];
/** The log keeps the latest entries only, so a stored game stays small. */
export const LOG_LIMIT = 300;

export type GameError =
  | { code: 'NOT_YOUR_TURN' | 'GAME_NOT_PLAYING' | 'GAME_PAUSED' | 'VIEW_STALE' }
  /** Not what the application does now; for a send of more octets than it has, how many it has. */
  | { code: 'OFF_PLAN'; intent: string | null; tried: string; bytesLeft?: number; bytesTried?: number }
  | { code: JudgeErrorCode; judge: JudgeError };

export type MoveOutcome = { ok: true; game: Game } | { ok: false; game: Game; error: GameError };

/** How many move ids a game remembers (with their outcomes), newest last. */
export const MOVE_IDS_KEPT = 32;

/** What a move was computed from and how its sender names it. */
export interface MoveContext {
  /** The version of the view the move was computed from (VIEW_STALE, below). */
  basedOn?: number;
  /**
   * The sender's id for this move: a move is applied at most once, and the same id sent again
   * (after an answer that never came, or an unknown outcome) gets the first outcome back.
   */
  moveId?: string;
}

export interface NewGame {
  id: string;
  scenarioId: ScenarioId;
  now: number;
  seed: number;
  settings?: Partial<GameSettings>;
  bot?: { role: Side; level: BotLevel } | null;
  hints?: boolean;
  /** The class whose round the game belongs to (default null). */
  classId?: string | null;
}

function emptyScore(): Score {
  return {
    points: 0,
    correct: 0,
    pointless: 0,
    units: 0,
    forfeitedUnits: 0,
    mistakes: 0,
    byCode: {},
    forfeits: 0,
    caught: 0,
    missed: 0,
  };
}

function emptyTimers(): SideTimers {
  return { turn: null, rto: null, timeWait: null, synRcvd: null, bot: null };
}

/** No deadline at all: shared by every side of every finished game (never changed in place). */
const NO_TIMERS: Readonly<SideTimers> = Object.freeze(emptyTimers());

/** Sets `side`'s deadlines to `next`, unless they are those already (then nothing is made). */
function setTimers(g: Game, side: Side, next: SideTimers): void {
  const t = g.timers[side];
  if (
    t.turn === next.turn &&
    t.rto === next.rto &&
    t.timeWait === next.timeWait &&
    t.synRcvd === next.synRcvd &&
    t.bot === next.bot
  )
    return;
  g.timers = withSide(g.timers, side, next);
}

/** A changeable copy of a side's deadlines (written out: a spread copy is a larger object). */
function copyTimers(t: Readonly<SideTimers>): SideTimers {
  return { turn: t.turn, rto: t.rto, timeWait: t.timeWait, synRcvd: t.synRcvd, bot: t.bot };
}

/** Sets one of `side`'s deadlines. */
function setTimer(g: Game, side: Side, key: keyof SideTimers, at: number | null): void {
  const t = g.timers[side];
  if (t[key] === at) return;
  const next = copyTimers(t);
  next[key] = at;
  g.timers = withSide(g.timers, side, next);
}

/** A copy of `side`'s score, put in the game, to change (its counts by code stay shared). */
function scoreToChange(g: Game, side: Side): Score {
  const s = g.score[side];
  const copy: Score = {
    points: s.points,
    correct: s.correct,
    pointless: s.pointless,
    units: s.units,
    forfeitedUnits: s.forfeitedUnits,
    mistakes: s.mistakes,
    byCode: s.byCode,
    forfeits: s.forfeits,
    caught: s.caught,
    missed: s.missed,
  };
  g.score = withSide(g.score, side, copy);
  return copy;
}

/** Every side's deadlines gone (the round is over). */
function clearTimers(g: Game): void {
  g.timers = { client: NO_TIMERS, server: NO_TIMERS };
  g.turnStartedAt = { client: null, server: null };
}

/** A new game waiting for its players (the bot's seat, if any, is taken at once). */
export function createGame(o: NewGame): Game {
  const scenario = SCENARIOS[o.scenarioId];
  const g: Game = {
    schema: GAME_SCHEMA_VERSION,
    version: 0,
    id: o.id,
    classId: o.classId ?? null,
    scenarioId: o.scenarioId,
    createdAt: o.now,
    settings: { ...DEFAULT_SETTINGS, ...o.settings },
    bot: o.bot ?? null,
    hints: o.hints ?? false,
    players: { client: null, server: null },
    nicknames: { client: '', server: '' },
    phase: 'waiting',
    conn: newConnection(),
    wire: [],
    nextSegmentId: 1,
    sent: {},
    injected: scenario.network.map(() => false),
    planDone: { client: 0, server: 0 },
    bytesSent: { client: 0, server: 0 },
    mustRetransmit: { client: false, server: false },
    timers: { client: emptyTimers(), server: emptyTimers() },
    turnStartedAt: { client: null, server: null },
    score: { client: emptyScore(), server: emptyScore() },
    traps: [],
    trapsSent: 0,
    pausedAt: null,
    rng: o.seed >>> 0,
    milestones: [],
    tampered: false,
    armed: { client: null, server: null },
    recentMoves: [],
    judgedAt: { client: { version: 0, key: '' }, server: { version: 0, key: '' } },
    log: [],
    result: null,
  };
  if (g.bot) g.nicknames = withSide(g.nicknames, g.bot.role, 'bot');
  g.judgedAt = {
    client: { version: 0, key: judgeKey(g, 'client') },
    server: { version: 0, key: judgeKey(g, 'server') },
  };
  return g;
}

/**
 * A copy to change: games are plain data, and this copy is written out field by field (a new
 * field of Game fails to compile here until it is copied). What the engine never changes in place
 * is shared: the log, the milestones, the move ids kept, the network script's counts and which
 * injections happened (each is replaced by a new array or record when it grows: pushLog, reachIn,
 * remember...), the segments on the wire (replaced when one changes; the wire itself is a new
 * array), the connection records and segments (readonly types; the engine replaces them), the
 * settings and the bot (set when the game is made), and every per-side record (players, scores,
 * deadlines...) with what is in it: their types are readonly, and a change puts a new record in
 * the copy (withSide, setTimer, scoreToChange), so the versions before keep theirs. Only the game
 * itself, the wire array and a finished game's result are new. Copying was the engine's largest
 * cost (npm run bench), and the copies that lived until the game's next change most of the memory
 * the server promoted to its old generation per move (npm run bench:game, and round 4 in
 * docs/benchmarks.md); stored games are frozen under jest, and so is every version the engine
 * tests play, so a change to a shared part fails the tests.
 */
export function cloneGame(g: Game): Game {
  return {
    schema: g.schema,
    version: g.version,
    id: g.id,
    classId: g.classId,
    scenarioId: g.scenarioId,
    createdAt: g.createdAt,
    settings: g.settings,
    bot: g.bot,
    hints: g.hints,
    players: g.players,
    nicknames: g.nicknames,
    phase: g.phase,
    conn: g.conn,
    wire: g.wire.slice(),
    nextSegmentId: g.nextSegmentId,
    sent: g.sent,
    injected: g.injected,
    planDone: g.planDone,
    bytesSent: g.bytesSent,
    mustRetransmit: g.mustRetransmit,
    timers: g.timers,
    turnStartedAt: g.turnStartedAt,
    score: g.score,
    traps: g.traps,
    trapsSent: g.trapsSent,
    pausedAt: g.pausedAt,
    rng: g.rng,
    milestones: g.milestones,
    tampered: g.tampered,
    armed: g.armed,
    recentMoves: g.recentMoves,
    judgedAt: g.judgedAt,
    log: g.log,
    result: g.result && { ...g.result },
  };
}

/**
 * What the judge of `side`'s next move depends on: its record, its retransmission duty, its plan
 * step and whether that step is offered now. Two games with the same key judge a move the same way.
 */
function judgeKey(g: Game, side: Side): string {
  const t = g.conn[side];
  const step = currentStep(g, side) ? 1 : 0;
  const rtx = g.mustRetransmit[side] ? 1 : 0;
  // join makes one flat string; a template literal of 29 parts made a tree of 28 pieces (about
  // 1 KB), kept in the game for as long as the version lived (most of a bump's garbage)
  return [
    t.state,
    t.sndUna,
    t.sndNxt,
    t.sndWnd,
    t.rcvNxt,
    t.rcvWnd,
    t.finSeq,
    t.owed,
    t.owedSeq,
    t.owedAck,
    rtx,
    g.planDone[side],
    step,
    g.bytesSent[side],
    g.phase,
  ].join(' ');
}

/** Every change of a game ends here: a new version, and which sides' judgement it changed. */
function bump(g: Game): void {
  g.version++;
  for (const side of SIDES) {
    const key = judgeKey(g, side);
    if (key !== g.judgedAt[side].key) g.judgedAt = withSide(g.judgedAt, side, { version: g.version, key });
  }
}

/** Seats a player; when every seat is taken the game starts at `now`. */
export function seatPlayer(g0: Game, side: Side, sessionId: string, nickname: string, now: number): Game {
  const g = cloneGame(g0);
  g.players = withSide(g.players, side, sessionId);
  g.nicknames = withSide(g.nicknames, side, nickname);
  const ready = SIDES.every((s) => g.players[s] !== null || g.bot?.role === s);
  if (g.phase === 'waiting' && ready) {
    g.phase = 'playing';
    refresh(g, now);
    settle(g, now);
  }
  bump(g);
  return g;
}

/**
 * The side's next plan step if it applies now: in its current state, once the peer's plan steps
 * it waits for are done (connect() is offered only when the server listens), and once the reply
 * TCP owes has gone out (unless the step is to put the FIN on it).
 */
export function currentStep(g: Game, side: Side): PlanStep | null {
  const plan = SCENARIOS[g.scenarioId].plans[side];
  const step = plan[g.planDone[side]];
  if (!step) return null;
  if (step.afterPeer !== undefined && g.planDone[peerOf(side)] < step.afterPeer) return null;
  // the kernel answers first, then the application acts (the textbook's separate ACK), except when
  // the lesson is the FIN riding on that ACK
  if (g.conn[side].owed !== 'none' && !step.piggyback) return null;
  return step.when.includes(g.conn[side].state) ? step : null;
}

/** Whether the rules let this side move now: a reply is owed, a retransmission is due, or its application has something to do. */
export function canAct(g: Game, side: Side): boolean {
  if (g.phase !== 'playing') return false;
  const t = g.conn[side];
  return t.owed !== 'none' || g.mustRetransmit[side] || currentStep(g, side) !== null;
}

/** The correct moves for a side now, most natural first (the hint, the bot, a forfeited turn). */
export function correctMoves(g: Game, side: Side, iss = 0): Move[] {
  if (!canAct(g, side)) return [];
  const step = currentStep(g, side);
  const bytes = step?.intent === 'send' ? remainingBytes(g, side, step) : undefined;
  return movesFor(
    g.conn[side],
    step?.intent ?? null,
    g.mustRetransmit[side],
    iss,
    bytes,
    step?.piggyback ?? false,
  );
}

/**
 * The correct moves of a side from what that side knows: its record, what its application wants
 * now, and whether its retransmission timer fired. Players' views carry exactly these, so a client
 * computes the same hints as the server.
 */
export function movesFor(
  t: Tcb,
  intent: PlanStep['intent'] | null,
  mustRetransmit: boolean,
  iss = 0,
  bytes?: number,
  piggyback = false,
): Move[] {
  const out: Move[] = [];
  if (mustRetransmit) {
    const r = retransmissionOf(t);
    if (r) out.push({ kind: 'segment', segment: r });
  }
  // the application closes at once: its FIN goes on the owed ACK, which alone would skip the lesson
  const finOnAck = piggyback && intent === 'close' && t.owed === 'ack';
  // an owed reply (nextMoves lists it first) comes before the application's listen()
  for (const m of nextMoves(t, { intent: intent ?? undefined, iss, bytes })) {
    if (finOnAck && m.kind === 'segment' && !(m.segment.flags & FIN)) continue;
    if (m.kind === 'segment' || m.call.call !== 'listen') out.push(m);
  }
  if (intent === 'listen' && t.owed === 'none') out.push({ kind: 'call', call: { call: 'listen' } });
  return out;
}

/** Octets still to send for a send step. */
export function remainingBytes(g: Game, side: Side, step: PlanStep): number {
  return Math.max(1, (step.bytes ?? 1) - g.bytesSent[side] + bytesBefore(g, side, step));
}

/** Octets the side's plan sent before this step (so each send step counts its own bytes). */
function bytesBefore(g: Game, side: Side, step: PlanStep): number {
  let n = 0;
  for (const s of SCENARIOS[g.scenarioId].plans[side]) {
    if (s === step) break;
    if (s.intent === 'send') n += s.bytes ?? 0;
  }
  return n;
}

function kindOf(s: Segment): SendKind {
  if (s.flags & RST) return 'RST';
  if (s.flags & SYN) return s.flags & ACK ? 'SYN_ACK' : 'SYN';
  if (s.flags & FIN) return 'FIN';
  return s.len > 0 ? 'DATA' : 'ACK';
}

function pushLog(g: Game, e: LogEntry): void {
  // a new array of the exact length: the old one is an earlier version's (see cloneGame)
  const drop = g.log.length + 1 - LOG_LIMIT;
  g.log = (drop > 0 ? g.log.slice(drop) : g.log).concat(e);
}

/**
 * A player's move at `now`: due deadlines are processed first, then the turn is checked and the
 * move judged. A refused move counts as a mistake and changes nothing else, unless `basedOn` (the
 * version of the view the move was computed from) is older than the last change of what judges
 * this side: then the answer is VIEW_STALE, no mistake, and the player tries again from the new
 * view. A move that is not what the application does now (OFF_PLAN) is refused without a mistake.
 */
export function applyMove(g0: Game, side: Side, move: Move, now: number, ctx: MoveContext = {}): MoveOutcome {
  const { basedOn, moveId } = ctx;
  const known =
    moveId === undefined ? undefined : g0.recentMoves.find((m) => m.id === moveId && m.side === side);
  if (known) {
    // this move was judged already: its outcome again, nothing applied twice
    return known.error ? { ok: false, game: g0, error: known.error } : { ok: true, game: g0 };
  }
  const g = cloneGame(g0);
  // whatever fell due before the move is a change of its own, whatever the move's fate
  if (advanceMut(g, now) > 0) bump(g);
  if (g.phase !== 'playing') return { ok: false, game: g, error: { code: 'GAME_NOT_PLAYING' } };
  if (g.pausedAt !== null) return { ok: false, game: g, error: { code: 'GAME_PAUSED' } };
  const stale = basedOn !== undefined && basedOn < g.judgedAt[side].version;
  if (!canAct(g, side))
    return { ok: false, game: g, error: { code: stale ? 'VIEW_STALE' : 'NOT_YOUR_TURN' } };
  const offPlan = planError(g, side, move);
  if (offPlan) return { ok: false, game: g, error: stale ? { code: 'VIEW_STALE' } : offPlan };
  const error = playMove(g, side, move, now, false);
  if (error) {
    if (stale) return { ok: false, game: g, error: { code: 'VIEW_STALE' } };
    const refused: GameError = { code: error.code, judge: error };
    recordMistake(g, side, move, error, now);
    remember(g, side, moveId, refused);
    bump(g);
    return { ok: false, game: g, error: refused };
  }
  settle(g, now);
  remember(g, side, moveId, null);
  bump(g);
  return { ok: true, game: g };
}

/**
 * The milestones every change looks for (a side's state, a note on an arrival), each name made
 * once: a new string per look was most of reachIn's time, and the same string compares at once.
 */
const STATE_MILESTONES: Record<Side, Partial<Record<TcpState, Milestone>>> = { client: {}, server: {} };
const NOTE_MILESTONES: Record<Side, Partial<Record<ArrivalNoteCode, Milestone>>> = { client: {}, server: {} };

function stateMilestone(side: Side, state: TcpState): Milestone {
  return (STATE_MILESTONES[side][state] ??= `${side}:state:${state}`);
}

function noteMilestone(side: Side, note: ArrivalNoteCode): Milestone {
  return (NOTE_MILESTONES[side][note] ??= `${side}:rcv:${note}`);
}

/** Records a milestone of the game (once); true when it is new. A new list: see cloneGame. */
function reachIn(g: Game, m: Milestone): boolean {
  if (g.milestones.includes(m)) return false;
  g.milestones = g.milestones.concat(m);
  return true;
}

/** Keeps the id of a move that changed the game, with its outcome (null: accepted). */
function remember(g: Game, side: Side, id: string | undefined, error: GameError | null): void {
  if (id === undefined) return;
  const kept = g.recentMoves.concat({ id, side, error });
  g.recentMoves = kept.length > MOVE_IDS_KEPT ? kept.slice(kept.length - MOVE_IDS_KEPT) : kept;
}

/** OFF_PLAN when the move is an application act the side's application does not do now. */
function planError(g: Game, side: Side, move: Move): GameError | null {
  const tried = applicationAct(g.conn[side], move);
  if (tried === null) return null;
  const step = currentStep(g, side);
  if (tried !== step?.intent) return { code: 'OFF_PLAN', intent: step?.intent ?? null, tried };
  if (step.intent !== 'send') return null;
  // the application has this many octets to send, no more
  const n = move.kind === 'call' ? (move.call.bytes ?? 0) : move.segment.len;
  const left = remainingBytes(g, side, step);
  if (n <= left) return null;
  return { code: 'OFF_PLAN', intent: 'send', tried: 'send', bytesLeft: left, bytesTried: n };
}

/** A refused move: counted against the mover, and written in the log. */
function recordMistake(g: Game, side: Side, move: Move, e: JudgeError, now: number): void {
  const score = scoreToChange(g, side);
  score.mistakes++;
  score.byCode = { ...score.byCode, [e.code]: (score.byCode[e.code] ?? 0) + 1 };
  score.points -= MISTAKE_PENALTY[e.code] ?? POINTS.mistake;
  pushLog(g, {
    t: now,
    type: 'refused',
    side,
    error: e,
    segment: move.kind === 'segment' ? move.segment : null,
  });
}

/**
 * What the application asked for with this move, if it is an application act (listen, open,
 * send, close, abort) rather than the kernel's reply or retransmission. The scenario's plan decides
 * which of these a player's application does.
 */
export function applicationAct(t: Tcb, move: Move): string | null {
  if (move.kind === 'call') return move.call.call === 'connect' ? 'open' : move.call.call;
  const s = move.segment;
  if (s.flags & RST) return t.owed === 'rst' || t.owed === 'rst-ack' ? null : 'abort';
  if (s.flags & SYN) return s.flags & ACK ? null : t.state === 'CLOSED' ? 'open' : null;
  if (s.flags & FIN) return t.finSeq === -1 ? 'close' : null;
  if (s.len > 0 && s.seq === t.sndNxt) return 'send';
  return null;
}

/**
 * Judges one move and, when it is accepted, applies it in place and scores it; returns the
 * refusal, if any, having changed nothing. `auto`: played for the side (a forfeit, the bot), which
 * scores nothing but uses up the units it fulfils.
 */
function playMove(g: Game, side: Side, move0: Move, now: number, auto: boolean): JudgeError | null {
  let move = move0;
  let rng = g.rng;
  if (move.kind === 'call' && move.call.call === 'connect' && move.call.iss === undefined) {
    const [iss, next] = randomUint32(rng);
    rng = next;
    move = { kind: 'call', call: { ...move.call, iss } };
  }
  const before = g.conn[side];
  const v = judge(g.conn, side, move);
  if (!v.ok) return v.error;
  g.rng = rng;
  g.conn = v.conn;
  const duty = before.owed !== 'none' || (g.mustRetransmit[side] && v.retransmission);
  const planBefore = g.planDone[side];
  const bytesBefore = g.bytesSent[side];
  // a reply that re-sends the unacknowledged SYN or FIN (the SYN,ACK of a simultaneous open whose
  // own SYN was lost) retransmits it too: the timer restarts from this segment, and the log says so
  const resends =
    v.wire !== null &&
    g.mustRetransmit[side] &&
    v.wire.seq === before.sndUna &&
    (v.wire.flags & (SYN | FIN)) !== 0;
  if (v.wire) {
    if (v.retransmission || resends) {
      g.mustRetransmit = withSide(g.mustRetransmit, side, false);
      reachIn(g, `${side}:retransmit:${kindOf(v.wire)}`);
    }
    if (v.kind === 'DATA' || (v.wire.len > 0 && !v.retransmission))
      if (!v.retransmission && v.wire.len !== 0)
        g.bytesSent = withSide(g.bytesSent, side, g.bytesSent[side] + v.wire.len);
    checkTraps(g, side, before, v.wire, now);
  }
  progressPlan(g, side);
  const units = g.planDone[side] - planBefore + (v.wire ? replyUnits(g, side, before, v.wire) : 0);
  const advanced = units > 0 || g.bytesSent[side] > bytesBefore;
  const earned: MoveScore = { points: auto ? 0 : units * POINTS.correct };
  const score = scoreToChange(g, side);
  if (auto) score.forfeitedUnits += units;
  else {
    score.units += units;
    score.correct++;
    score.points += earned.points;
    if (!advanced && !duty) {
      score.pointless++;
      earned.pointless = true;
    }
  }
  if (move.kind === 'call') pushLog(g, { t: now, type: 'call', side, call: move.call.call, ...earned });
  if (v.wire) sendOnWire(g, side, v.wire, before, now, v.retransmission || resends, auto, false, earned);
  if (g.turnStartedAt[side] !== null) g.turnStartedAt = withSide(g.turnStartedAt, side, null);
  setTimer(g, side, 'turn', null);
  return null;
}

/**
 * The scoring units a sent segment fulfils besides the plan, each once per game: the first
 * acknowledgment of the peer's SYN, the first of its FIN, the first owed RST. Counted once, so
 * that however the network or the timing splits or merges the replies, equal play scores equally.
 */
function replyUnits(g: Game, side: Side, before: Tcb, seg: Segment): number {
  let n = 0;
  if (seg.flags & RST) {
    if ((before.owed === 'rst' || before.owed === 'rst-ack') && reachIn(g, `${side}:rst-sent`)) n++;
    return n;
  }
  if (!(seg.flags & ACK) || before.irs === -1) return n;
  if (reachIn(g, `${side}:acked:SYN`)) n++;
  const peerFinIn =
    before.state === 'CLOSE_WAIT' ||
    before.state === 'LAST_ACK' ||
    before.state === 'CLOSING' ||
    before.state === 'TIME_WAIT';
  if (peerFinIn && reachIn(g, `${side}:acked:FIN`)) n++;
  if (seg.flags & FIN && before.owed === 'ack' && before.state === 'CLOSE_WAIT')
    reachIn(g, `${side}:fin-on-ack`);
  return n;
}

/**
 * Puts a segment on the wire, applying the scenario's network events to it. Segments of one side
 * arrive in the order they were sent (a later one waits behind an earlier one still in flight),
 * unless the teacher delays one.
 */
function sendOnWire(
  g: Game,
  side: Side,
  seg: Segment,
  before: Tcb,
  now: number,
  retransmission: boolean,
  auto: boolean,
  trap: boolean,
  earned: MoveScore = { points: 0 },
): void {
  const kind = kindOf(seg);
  const k1 = `${side}|${kind}`;
  const k2 = `${side}|${kind}|${before.state}`;
  // a bot's deliberately wrong segment is not one of the scenario's segments: the network script
  // neither counts nor touches it
  if (!trap) {
    // a new record: the old one is an earlier version's (see cloneGame)
    g.sent = { ...g.sent, [k1]: (g.sent[k1] ?? 0) + 1, [k2]: (g.sent[k2] ?? 0) + 1 };
  }
  const matches = (m: SegmentMatch) =>
    !trap &&
    m.from === side &&
    m.kind === kind &&
    (m.nth === undefined || m.nth === g.sent[m.senderState ? `${side}|${kind}|${m.senderState}` : k1]) &&
    (!m.senderState || m.senderState === before.state);
  let lost = false;
  let flights = 1;
  let duplicate = false;
  let heldFor: SendKind | undefined;
  for (const ev of SCENARIOS[g.scenarioId].network) {
    if (ev.type === 'inject' || !matches(ev.match)) continue;
    if (ev.type === 'lose' && !(ev.until && g.milestones.includes(ev.until))) lost = true;
    if (ev.type === 'duplicate') duplicate = true;
    if (ev.type === 'delay') {
      flights = ev.flights;
      const peerSent = ev.untilPeerSends && (g.sent[`${peerOf(side)}|${ev.untilPeerSends}`] ?? 0) > 0;
      if (ev.untilPeerSends && !peerSent) heldFor = ev.untilPeerSends;
    }
  }
  // what the teacher armed for this side's next segment (a bot's trap is not the connection's)
  const armed = trap ? null : g.armed[side];
  const teacher = armed && armed.fired === null ? armed.action : null;
  if (teacher === 'drop') lost = true;
  const f = g.settings.flightMs;
  if (!trap) releaseHeld(g, side, kind, now);
  let arriveAt = now + f * flights;
  if (!lost) {
    for (const w of g.wire) {
      if (w.from === side && !w.lost && !w.injected && w.arriveAt >= arriveAt) arriveAt = w.arriveAt + 1;
    }
  }
  if (teacher === 'delay') arriveAt += f;
  const id = g.nextSegmentId++;
  const sent: InFlight = {
    id,
    from: side,
    segment: seg,
    kind,
    sentAt: now,
    arriveAt,
    lost,
    injected: false,
    trap,
  };
  if (heldFor) sent.heldFor = heldFor;
  g.wire.push(sent);
  if (duplicate) {
    g.wire.push({ ...sent, id: g.nextSegmentId++, arriveAt: arriveAt + Math.round(f / 2) });
  }
  if (teacher === 'duplicate') {
    g.wire.push({ ...sent, id: g.nextSegmentId++, arriveAt: arriveAt + Math.round(f / 2) });
  }
  if (armed && teacher) {
    // the network is no longer the scenario's, as with tamperWire; the move that sent this
    // segment bumps the version
    g.tampered = true;
    g.armed = withSide(g.armed, side, { ...armed, fired: { at: now, segmentId: id, segment: seg } });
  }
  pushLog(g, { t: now, type: 'send', side, segmentId: id, segment: seg, retransmission, auto, ...earned });
}

/** The peer's segments held until this side sent a `kind` go on their way: the two now cross. */
function releaseHeld(g: Game, side: Side, kind: SendKind, now: number): void {
  g.wire.forEach((w, i) => {
    if (w.from === side || w.heldFor !== kind) return;
    const released: InFlight = {
      ...w,
      arriveAt: Math.max(w.arriveAt, now + Math.round(g.settings.flightMs / 2)),
    };
    delete released.heldFor;
    g.wire[i] = released;
  });
}

/** Marks plan steps done once the record shows they happened. */
function progressPlan(g: Game, side: Side): void {
  const plan = SCENARIOS[g.scenarioId].plans[side];
  for (;;) {
    const step = plan[g.planDone[side]];
    if (!step) return;
    const t = g.conn[side];
    let done: boolean;
    if (step.intent === 'listen') done = t.state !== 'CLOSED' || t.passive;
    else if (step.intent === 'open') done = t.iss !== -1 || t.state !== 'CLOSED';
    else if (step.intent === 'close') done = t.finSeq !== -1 || (t.state === 'CLOSED' && t.iss === -1);
    else done = g.bytesSent[side] >= bytesBefore(g, side, step) + (step.bytes ?? 0);
    if (!done) return;
    g.planDone = withSide(g.planDone, side, g.planDone[side] + 1);
  }
}

/** Processes everything due up to `now` (arrivals, timers, the bot). */
export function advance(g0: Game, now: number): Game {
  if (g0.phase !== 'playing' || g0.pausedAt !== null) return g0;
  const due = nextDeadline(g0);
  if (due === null || due > now) return g0;
  const g = cloneGame(g0);
  advanceMut(g, now);
  bump(g);
  return g;
}

/** Processes due deadlines in place, in time order; returns how many. */
function advanceMut(g: Game, now: number): number {
  let n = 0;
  while (g.phase === 'playing' && g.pausedAt === null && n < 1000) {
    const next = earliest(g);
    if (!next || next.at > now) break;
    next.run(next.at);
    settle(g, next.at);
    n++;
  }
  return n;
}

interface Due {
  at: number;
  run: (t: number) => void;
}

/** The earliest pending deadline and what happens then. */
function earliest(g: Game): Due | null {
  let best: Due | null = null;
  const consider = (at: number | null, run: (t: number) => void) => {
    if (at !== null && (best === null || at < best.at)) best = { at, run };
  };
  for (const w of g.wire) consider(w.arriveAt, (t) => arrive(g, w.id, t));
  for (const side of SIDES) {
    const tm = g.timers[side];
    consider(tm.bot, (t) => botTurn(g, side, t));
    consider(tm.timeWait, (t) => {
      if (timeWaitHeld(g, side)) {
        // a segment of this connection is still alive: 2MSL outlasts it (see timeWaitHeld)
        setTimer(g, side, 'timeWait', t + g.settings.flightMs);
        return;
      }
      g.conn = expireTimeWait(g.conn, side);
      setTimer(g, side, 'timeWait', null);
      reachIn(g, `${side}:2msl`);
      pushLog(g, { t, type: 'timer', side, timer: 'time-wait' });
    });
    consider(tm.synRcvd, (t) => {
      g.conn = expireSynRcvd(g.conn, side);
      setTimer(g, side, 'synRcvd', null);
      pushLog(g, { t, type: 'timer', side, timer: 'syn-rcvd' });
    });
    consider(tm.rto, (t) => rtoFires(g, side, t));
    consider(tm.turn, (t) => forfeit(g, side, t));
  }
  return best;
}

/**
 * 2MSL is the longest a segment can live in the network, doubled: TIME_WAIT never ends while a
 * segment of the connection is still on its way to this side, or while the peer is due to send
 * its retransmission (the game's network carries it then; a player's thinking time is not network
 * time). So a retransmitted FIN always finds TIME_WAIT there to answer it.
 */
function timeWaitHeld(g: Game, side: Side): boolean {
  const peer = peerOf(side);
  return g.mustRetransmit[peer] || g.wire.some((w) => w.from === peer && !w.lost && !w.injected);
}

/** The time of the next thing that will happen by itself, or null. */
export function nextDeadline(g: Game): number | null {
  if (g.phase !== 'playing' || g.pausedAt !== null) return null;
  let best: number | null = null;
  const take = (x: number | null) => {
    if (x !== null && (best === null || x < best)) best = x;
  };
  for (const w of g.wire) take(w.arriveAt);
  for (const side of SIDES) {
    const tm = g.timers[side];
    take(tm.bot);
    take(tm.timeWait);
    take(tm.synRcvd);
    take(tm.rto);
    take(tm.turn);
  }
  return best;
}

/**
 * A held segment waits until the peer has sent its own SYN or FIN; but never when it carries an
 * acknowledgment the peer still waits for (a teacher dropped the ACK before it): holding it then
 * would stop the peer from ever sending its own.
 */
function stillHeld(g: Game, w: InFlight): boolean {
  const to = peerOf(w.from);
  if ((g.sent[`${to}|${w.heldFor}`] ?? 0) > 0) return false;
  return !(w.segment.flags & ACK) || g.conn[to].sndUna === w.segment.ack;
}

function arrive(g: Game, id: number, t: number): void {
  const i = g.wire.findIndex((w) => w.id === id);
  if (i < 0) return;
  const w = g.wire[i]!;
  if (w.heldFor && stillHeld(g, w)) {
    g.wire[i] = { ...w, arriveAt: t + g.settings.flightMs };
    return;
  }
  g.wire.splice(i, 1);
  const to = peerOf(w.from);
  if (w.lost) {
    pushLog(g, { t, type: 'lost', side: w.from, segmentId: w.id, segment: w.segment });
    return;
  }
  const before = g.conn[to];
  const a = deliver(g.conn, to, w.segment);
  g.conn = a.conn;
  const after = g.conn[to];
  for (const note of a.notes) reachIn(g, noteMilestone(to, note));
  if (a.restart2msl || (after.state === 'TIME_WAIT' && before.state !== 'TIME_WAIT')) {
    // the 2MSL wait counts from the ACK this side now owes: it starts when that ACK goes out
    setTimer(g, to, 'timeWait', null);
  }
  if (w.trap)
    g.traps = [
      ...g.traps,
      {
        segmentId: w.id,
        side: to,
        owed:
          after.owed === 'rst' || after.owed === 'rst-ack' ? 'rst' : after.owed === 'ack' ? 'ack' : 'none',
      },
    ];
  pushLog(g, {
    t,
    type: 'arrive',
    side: to,
    segmentId: w.id,
    segment: w.segment,
    notes: a.notes,
    injected: w.injected,
  });
  if (a.restart2msl) pushLog(g, { t, type: 'timer', side: to, timer: 'time-wait', restarted: true });
}

/**
 * The retransmission timer: fires only when no answer can still come: none of our segments that
 * need one is still on its way, no segment of the peer that could acknowledge ours (one with ACK
 * or RST), and the peer owes no reply. The peer's own retransmissions (a SYN again) are no answer.
 */
function rtoFires(g: Game, side: Side, t: number): void {
  const peer = peerOf(side);
  const answerMayCome = (w: InFlight) =>
    w.from === peer ? (w.segment.flags & (ACK | RST)) !== 0 : segmentSpace(w.segment) > 0;
  const waiting = g.wire.some((w) => !w.lost && answerMayCome(w)) || g.conn[peer].owed !== 'none';
  if (waiting) {
    setTimer(g, side, 'rto', t + g.settings.rtoMs);
    return;
  }
  setTimer(g, side, 'rto', null);
  if (retransmissionOf(g.conn[side])) {
    g.mustRetransmit = withSide(g.mustRetransmit, side, true);
    pushLog(g, { t, type: 'timer', side, timer: 'rto' });
  }
}

/** A turn ran out: the correct move is played for the player, and the forfeit is scored. */
function forfeit(g: Game, side: Side, t: number): void {
  setTimer(g, side, 'turn', null);
  pushLog(g, { t, type: 'timer', side, timer: 'turn' });
  const [iss, rng] = randomUint32(g.rng);
  g.rng = rng;
  const move = correctMoves(g, side, iss)[0];
  const score = scoreToChange(g, side);
  score.forfeits++;
  score.points -= POINTS.forfeit;
  if (move) playMove(g, side, move, t, true);
}

function botTurn(g: Game, side: Side, t: number): void {
  setTimer(g, side, 'bot', null);
  const pick = botMove(g, side);
  g.rng = pick.rng;
  if (pick.trap) {
    // a deliberately wrong segment goes on the wire without changing the bot's record; the bot's
    // correct move follows after its next delay
    sendOnWire(g, side, pick.trap, g.conn[side], t, false, true, true);
    g.trapsSent++;
    return;
  }
  if (pick.move) playMove(g, side, pick.move, t, true);
}

/** After a trap arrived, the human's next segment shows whether it was answered as TCP would. */
function checkTraps(g: Game, side: Side, before: Tcb, seg: Segment, t: number): void {
  const open = g.traps.filter((x) => x.side === side);
  if (open.length === 0) return;
  g.traps = g.traps.filter((x) => x.side !== side);
  for (const trap of open) {
    const caught =
      trap.owed === 'rst'
        ? (seg.flags & RST) !== 0
        : trap.owed === 'ack'
          ? (seg.flags & ACK) !== 0 && seg.ack === before.rcvNxt
          : true;
    const s = scoreToChange(g, side);
    if (caught) {
      s.caught++;
      s.points += POINTS.caught;
    } else {
      s.missed++;
    }
    pushLog(g, { t, type: 'caught', side, segmentId: trap.segmentId, caught });
  }
}

/** Injects the scenario's foreign segments once their moment has come. */
function injectDue(g: Game, now: number): void {
  SCENARIOS[g.scenarioId].network.forEach((ev: NetworkEvent, i) => {
    if (ev.type !== 'inject' || g.injected[i]) return;
    const to = g.conn[ev.to];
    if (to.state !== ev.when) return;
    g.injected = g.injected.map((done, j) => done || j === i);
    let base = to.irs;
    if (base === -1) {
      const [r, rng] = randomUint32(g.rng);
      g.rng = rng;
      base = r;
    }
    const flags = ev.flags.reduce((acc, f) => acc | { SYN, ACK, PSH, FIN }[f], 0);
    const ack = to.iss === -1 ? 0 : seqAdd(to.iss, 1);
    const segment: Segment = { flags, seq: seqAdd(base, ev.seqOffset), ack, len: ev.len, win: 65535 };
    const id = g.nextSegmentId++;
    const from = peerOf(ev.to);
    g.wire.push({
      id,
      from,
      segment,
      kind: kindOf(segment),
      sentAt: now,
      arriveAt: now + g.settings.flightMs,
      lost: false,
      injected: true,
      trap: false,
    });
  });
}

/** Brings timers, plan progress and the game's end up to date after anything happened. */
function settle(g: Game, now: number): void {
  if (g.phase !== 'playing') return;
  for (const side of SIDES) reachIn(g, stateMilestone(side, g.conn[side].state));
  injectDue(g, now);
  refresh(g, now);
  checkEnd(g, now);
}

/** Sets or clears each side's deadlines to match its state. */
function refresh(g: Game, now: number): void {
  for (const side of SIDES) {
    progressPlan(g, side);
    const t = g.conn[side];
    // the deadlines as they should be, put in the game at the end only if they differ
    const tm = copyTimers(g.timers[side]);
    // 2MSL runs once nothing is owed any more: from the ACK of the peer's FIN (or at once after
    // CLOSING, where the ACK was already sent)
    if (t.state !== 'TIME_WAIT') tm.timeWait = null;
    else if (t.owed === 'none') tm.timeWait ??= now + 2 * g.settings.mslMs;
    if (t.state === 'SYN_RCVD') tm.synRcvd ??= now + g.settings.synRcvdMs;
    else tm.synRcvd = null;
    const unacked = t.iss !== -1 && t.sndUna !== t.sndNxt && t.state !== 'CLOSED' && t.state !== 'TIME_WAIT';
    if (!unacked) {
      tm.rto = null;
      if (g.mustRetransmit[side]) g.mustRetransmit = withSide(g.mustRetransmit, side, false);
    } else if (tm.rto === null && !g.mustRetransmit[side]) {
      tm.rto = now + g.settings.rtoMs;
    }
    const able = canAct(g, side);
    let started = g.turnStartedAt[side];
    if (g.bot?.role === side) {
      tm.turn = null;
      if (able) tm.bot ??= now + g.settings.botDelayMs;
      else tm.bot = null;
    } else if (able) {
      if (tm.turn === null) {
        tm.turn = now + g.settings.turnMs;
        started = now;
      }
    } else {
      tm.turn = null;
      started = null;
    }
    setTimers(g, side, tm);
    if (started !== g.turnStartedAt[side]) g.turnStartedAt = withSide(g.turnStartedAt, side, started);
  }
}

/** The round ends when both sides reached the scenario's goal and nothing more can happen, or when nothing more can happen at all. */
function checkEnd(g: Game, now: number): void {
  const scenario = SCENARIOS[g.scenarioId];
  const quiet =
    g.wire.length === 0 &&
    SIDES.every(
      (s) =>
        !canAct(g, s) &&
        g.timers[s].timeWait === null &&
        g.timers[s].rto === null &&
        g.timers[s].synRcvd === null,
    );
  if (!quiet) return;
  // a network the teacher changed may take the lesson away: then the states alone decide
  const missing: LessonStep[] = g.tampered ? [] : scenario.lesson.filter((m) => !g.milestones.includes(m));
  const goalMet =
    missing.length === 0 &&
    SIDES.every((s) => scenario.goal[s].includes(g.conn[s].state)) &&
    g.injected.every((x, i) => x || scenario.network[i]?.type !== 'inject');
  g.phase = 'finished';
  g.result = missing.length ? { finishedAt: now, goalMet, missing } : { finishedAt: now, goalMet };
  clearTimers(g);
  for (const trap of g.traps) {
    scoreToChange(g, trap.side).missed++;
  }
  g.traps = [];
  if (goalMet) {
    const adjusted: Record<Side, number> = { client: 0, server: 0 };
    for (const s of SIDES) {
      const sc = scoreToChange(g, s);
      sc.points += POINTS.goal;
      // the units this side's correct play would have fulfilled on the scenario's own network
      const diff = scenario.par[s] - sc.forfeitedUnits - sc.units;
      sc.units += diff;
      sc.points += diff * POINTS.correct;
      adjusted[s] = diff * POINTS.correct;
    }
    if (adjusted.client !== 0 || adjusted.server !== 0) g.result.networkPoints = adjusted;
  }
  pushLog(g, missing.length ? { t: now, type: 'end', goalMet, missing } : { t: now, type: 'end', goalMet });
}

/**
 * A game in which only TIME_WAIT is left to run (nothing in flight, nobody to move, no other
 * timer), run to its end: nothing can happen meanwhile, so its result is already decided. Null
 * for any other game.
 */
function waitOut(g0: Game, now: number): Game | null {
  const g = cloneGame(g0);
  advanceMut(g, now);
  if (g.phase !== 'playing' || g.pausedAt !== null || g.wire.length > 0) return null;
  let end = 0;
  for (const s of SIDES) {
    const tm = g.timers[s];
    if (canAct(g, s) || tm.rto !== null || tm.synRcvd !== null || tm.bot !== null) return null;
    if (tm.timeWait !== null) end = Math.max(end, tm.timeWait);
  }
  if (end === 0) return null;
  advanceMut(g, end);
  if (!g.result) return null;
  bump(g);
  return g;
}

/** A player left before the end: the round is over, not met, and says who left. */
export function abandonGame(g0: Game, side: Side, now: number): Game {
  if (g0.phase === 'finished') return g0;
  const g = cloneGame(g0);
  g.phase = 'finished';
  g.result = { finishedAt: now, goalMet: false, abandonedBy: side };
  clearTimers(g);
  g.traps = [];
  pushLog(g, { t: now, type: 'end', goalMet: false, abandonedBy: side });
  bump(g);
  return g;
}

/** Stops every clock of the game (a teacher's pause). */
export function pauseGame(g0: Game, now: number): Game {
  if (g0.pausedAt !== null || g0.phase === 'finished') return g0;
  const g = cloneGame(g0);
  advanceMut(g, now);
  g.pausedAt = now;
  bump(g);
  return g;
}

/** Restarts the clocks: every deadline moves by the time spent paused. */
export function resumeGame(g0: Game, now: number): Game {
  if (g0.pausedAt === null) return g0;
  const g = cloneGame(g0);
  const d = now - (g.pausedAt ?? now);
  g.pausedAt = null;
  g.wire = g.wire.map((w) => ({ ...w, sentAt: w.sentAt + d, arriveAt: w.arriveAt + d }));
  for (const s of SIDES) {
    const tm = copyTimers(g.timers[s]);
    for (const k of ['turn', 'rto', 'timeWait', 'synRcvd', 'bot'] as const) {
      const v = tm[k];
      if (v !== null) tm[k] = v + d;
    }
    setTimers(g, s, tm);
    const st = g.turnStartedAt[s];
    if (st !== null) g.turnStartedAt = withSide(g.turnStartedAt, s, st + d);
  }
  bump(g);
  return g;
}

/** What the teacher, playing the network, does to a segment in flight. */
export type WireAction = 'drop' | 'delay' | 'duplicate';

export type TamperOutcome =
  { ok: true; game: Game; segmentId: number } | { ok: false; game: Game; error: 'SEGMENT_NOT_FOUND' };

/**
 * The teacher as the network: drops (it falls off the wire), delays (by one flight) or duplicates
 * (a copy arrives half a flight later) a segment in flight. `segmentId` null picks the newest
 * segment still in flight and not lost; a lost, arrived or unknown segment is SEGMENT_NOT_FOUND.
 */
export function tamperWire(
  g0: Game,
  segmentId: number | null,
  action: WireAction,
  now: number,
): TamperOutcome {
  // what arrived before the teacher's click has arrived: the tampering applies to the wire as it is now
  const current = advance(g0, now);
  const g = cloneGame(current);
  const live = g.phase === 'playing' ? g.wire.filter((w) => !w.lost) : [];
  let target: InFlight | null = null;
  for (const w of live) {
    if (segmentId === null ? target === null || w.id > target.id : w.id === segmentId) target = w;
  }
  if (!target) return { ok: false, game: current, error: 'SEGMENT_NOT_FOUND' };
  const f = g.settings.flightMs;
  g.tampered = true;
  if (action === 'drop') g.wire[g.wire.indexOf(target)] = { ...target, lost: true };
  else if (action === 'delay') g.wire[g.wire.indexOf(target)] = { ...target, arriveAt: target.arriveAt + f };
  else
    g.wire.push({
      ...target,
      segment: { ...target.segment },
      id: g.nextSegmentId++,
      arriveAt: target.arriveAt + Math.round(f / 2),
    });
  bump(g);
  return { ok: true, game: g, segmentId: target.id };
}

export type ArmOutcome =
  { ok: true; game: Game; armed: ArmedWire | null } | { ok: false; game: Game; error: 'GAME_NOT_PLAYING' };

/**
 * The teacher as the network, ahead of time: `action` happens to the next segment `side` sends
 * (dropped, delayed by one flight, or duplicated), in place of whatever was armed for that side
 * before; null cancels it (and forgets one that fired). It fires in sendOnWire, sets `tampered`
 * as tamperWire does, and stays in `armed` with the segment it hit. Returns what is armed for the
 * side now; a finished game is GAME_NOT_PLAYING. Arming the action already waiting changes nothing.
 */
export function armWire(g0: Game, side: Side, action: WireAction | null, now: number): ArmOutcome {
  const current = advance(g0, now);
  if (current.phase === 'finished') return { ok: false, game: current, error: 'GAME_NOT_PLAYING' };
  const before = current.armed[side];
  const waiting = before !== null && before.fired === null;
  if (action === null ? before === null : waiting && before.action === action)
    return { ok: true, game: current, armed: before };
  const g = cloneGame(current);
  g.armed = withSide(g.armed, side, action === null ? null : { action, armedAt: now, fired: null });
  bump(g);
  return { ok: true, game: g, armed: g.armed[side] };
}

/**
 * The class round's time is up: the game ends where it stands, its goal not met, the result
 * marked `timeUp`. A finished game is returned as it is.
 */
export function stopGame(g0: Game, now: number): Game {
  if (g0.phase === 'finished') return g0;
  const waited = waitOut(g0, now);
  if (waited) return waited;
  const g = cloneGame(g0);
  g.phase = 'finished';
  g.pausedAt = null;
  g.result = { finishedAt: now, goalMet: false, timeUp: true };
  clearTimers(g);
  for (const trap of g.traps) scoreToChange(g, trap.side).missed++;
  g.traps = [];
  pushLog(g, { t: now, type: 'end', goalMet: false, timeUp: true });
  bump(g);
  return g;
}
