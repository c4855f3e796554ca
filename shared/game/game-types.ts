/** The data of one game: both connection records, the wire between them, the clocks, the score. */
import type { ScenarioId } from '../scenarios/scenarios';
import type { ArrivalNoteCode, JudgeErrorCode } from '../tcp/codes';
import type { JudgeError } from '../tcp/judge-error';
import type { SendKind } from '../tcp/transitions';
import type { Connection, PerSide, Segment, Side } from '../tcp/types';
import type { GameError, WireAction } from './game-engine';
import type { LessonStep, Milestone } from './lesson-steps';

/**
 * 2: `classId` added, and `result.timeUp` for games a class round stopped. 3: `milestones`,
 * `judgedAt`, `score.pointless`, held segments, points in the log, `result.missing`. 4: `armed`, the
 * teacher's network actions armed for a side's next segment.
 */
export const GAME_SCHEMA_VERSION = 4;

/** Game-wide times, in milliseconds of server time. */
export interface GameSettings {
  /** How long a segment is in flight. */
  flightMs: number;
  /** How long a player has for a move before the turn is forfeited. */
  turnMs: number;
  /** Retransmission timeout: how long an unacknowledged segment waits before it must be sent again. */
  rtoMs: number;
  /** Maximum segment lifetime, scaled down for a classroom; TIME_WAIT lasts 2 x MSL. */
  mslMs: number;
  /** How long SYN_RCVD waits for the handshake's last ACK before giving up. */
  synRcvdMs: number;
  /** The bot's thinking time before a move (0 in tests). */
  botDelayMs: number;
}

export const DEFAULT_SETTINGS: GameSettings = {
  flightMs: 1200,
  turnMs: 45000,
  rtoMs: 6000,
  // 2 x MSL must outlast a retransmission (RTO plus a round trip), or TIME_WAIT would be gone
  // before the retransmitted FIN arrives: checkSettings enforces it
  mslMs: 5000,
  synRcvdMs: 60000,
  botDelayMs: 1500,
};

/** partner: always correct. catch: now and then sends a wrong segment the human must answer as TCP would. */
export type BotLevel = 'partner' | 'catch';

export type GamePhase = 'waiting' | 'playing' | 'finished';

/** A segment on the wire. */
export interface InFlight {
  id: number;
  from: Side;
  segment: Segment;
  kind: SendKind;
  sentAt: number;
  arriveAt: number;
  /** A lost segment falls off the wire at arriveAt instead of arriving. */
  lost: boolean;
  /** Sent by nobody in this game (an old SYN, a segment of an earlier connection). */
  injected: boolean;
  /** A deliberately wrong segment of the "catch the error" bot. */
  trap: boolean;
  /** Held by the network until the peer has sent a segment of this kind (the two then cross). */
  heldFor?: SendKind;
}

/**
 * What a move earned: `points` for the scoring units it fulfilled (a plan step done, the first
 * acknowledgment of the peer's SYN or FIN, an owed RST); `pointless` when it neither did any of
 * these nor answered anything TCP owed (a legal segment nobody needed).
 */
export interface MoveScore {
  points: number;
  pointless?: true;
}

export type LogEntry =
  | ({ t: number; type: 'call'; side: Side; call: string } & MoveScore)
  | ({
      t: number;
      type: 'send';
      side: Side;
      segmentId: number;
      segment: Segment;
      retransmission: boolean;
      auto: boolean;
    } & MoveScore)
  | {
      t: number;
      type: 'arrive';
      side: Side;
      segmentId: number;
      segment: Segment;
      notes: ArrivalNoteCode[];
      injected: boolean;
    }
  | { t: number; type: 'lost'; side: Side; segmentId: number; segment: Segment }
  | { t: number; type: 'refused'; side: Side; error: JudgeError; segment: Segment | null }
  | {
      t: number;
      type: 'timer';
      side: Side;
      timer: 'turn' | 'rto' | 'time-wait' | 'syn-rcvd';
      restarted?: boolean;
    }
  | { t: number; type: 'caught'; side: Side; segmentId: number; caught: boolean }
  | {
      t: number;
      type: 'end';
      goalMet: boolean;
      abandonedBy?: Side;
      timeUp?: boolean;
      missing?: LessonStep[];
    };

export interface Score {
  points: number;
  /** Moves the judge accepted (scoring or not). */
  correct: number;
  /** Accepted moves that nobody needed: they score nothing. */
  pointless: number;
  /** Scoring units fulfilled by this player's own moves, and by moves played for it (forfeits). */
  units: number;
  forfeitedUnits: number;
  mistakes: number;
  /** Mistakes by error code. */
  byCode: Partial<Record<JudgeErrorCode, number>>;
  forfeits: number;
  /** Wrong bot segments answered the way TCP would / missed. */
  caught: number;
  missed: number;
}

/** Per-side stored deadlines (server time in ms), never closures: a store can persist them. */
export interface SideTimers {
  turn: number | null;
  rto: number | null;
  timeWait: number | null;
  synRcvd: number | null;
  bot: number | null;
}

export interface Game {
  schema: number;
  /** Bumped on every change, for compare-and-set in a shared store. */
  version: number;
  id: string;
  /** The class this game belongs to (a teacher's round), or null. */
  classId: string | null;
  scenarioId: ScenarioId;
  createdAt: number;
  settings: GameSettings;
  bot: { role: Side; level: BotLevel } | null;
  hints: boolean;
  /** Session ids of the players (null for the bot or an empty seat). */
  players: PerSide<string | null>;
  nicknames: PerSide<string>;
  phase: GamePhase;
  conn: Connection;
  wire: InFlight[];
  nextSegmentId: number;
  /** Segments sent, by `${side}|${kind}|${stateBefore}` and `${side}|${kind}`, for the network script. */
  sent: Record<string, number>;
  /** Which inject events of the scenario have happened. */
  injected: boolean[];
  /** How many plan steps of each side are done. */
  planDone: PerSide<number>;
  bytesSent: PerSide<number>;
  mustRetransmit: PerSide<boolean>;
  timers: PerSide<Readonly<SideTimers>>;
  turnStartedAt: PerSide<number | null>;
  score: PerSide<Readonly<Score>>;
  /** Open traps of the catch-the-error bot: segment id and the side that must answer. */
  traps: readonly {
    readonly segmentId: number;
    readonly side: Side;
    readonly owed: 'ack' | 'rst' | 'none';
  }[];
  /** Wrong segments the bot has sent so far. */
  trapsSent: number;
  /** Pause (teacher): when set, the clocks stand still. */
  pausedAt: number | null;
  rng: number;
  /** What has happened so far (states entered, notes, retransmissions...): the lesson's checklist. */
  milestones: Milestone[];
  /**
   * The teacher, as the network, dropped, delayed or duplicated a segment: the network is no longer
   * the scenario's, so its lesson may not happen, and the goal asks only for the states.
   */
  tampered: boolean;
  /**
   * Per side, what the teacher armed for that side's next segment (see ArmedWire); it stays, fired,
   * until the teacher arms or cancels again.
   */
  armed: PerSide<ArmedWire | null>;
  /**
   * The ids of the latest moves that changed the game, with their outcomes (error null: accepted),
   * saved with the change itself: a move is applied at most once, and its id sent again gets the
   * same outcome (readonly entries, shared between versions).
   */
  recentMoves: RecentMove[];
  /**
   * Per side, the game version at which what judges that side's next move last changed (its
   * record, its retransmission duty, its plan step), and a key of those inputs: a move computed
   * from an older view and refused is answered VIEW_STALE, not counted as a mistake.
   */
  judgedAt: PerSide<{ readonly version: number; readonly key: string }>;
  log: LogEntry[];
  /**
   * How the round ended; `abandonedBy` names a player who left before the end, `timeUp` marks a
   * game stopped because the class round's time ran out.
   */
  result: GameResult | null;
}

/**
 * A network action the teacher armed for the next segment one side sends, and, once it fired, the
 * segment it hit. Only the teacher's dashboard shows it: the players learn of it when it fires, as
 * of any segment the network drops, delays or duplicates. Replaced, never changed in place.
 */
export interface ArmedWire {
  readonly action: WireAction;
  readonly armedAt: number;
  /** The segment it hit (null: still waiting for the side's next segment). */
  readonly fired: { readonly at: number; readonly segmentId: number; readonly segment: Segment } | null;
}

/** A move that changed the game, by its sender's id. */
export interface RecentMove {
  readonly id: string;
  readonly side: Side;
  /** The refusal (a mistake), or null when the move was accepted. */
  readonly error: GameError | null;
}

/** How a round ended. */
export interface GameResult {
  finishedAt: number;
  goalMet: boolean;
  abandonedBy?: Side;
  timeUp?: boolean;
  /** Steps of the scenario's lesson that never happened (so the goal was not met). */
  missing?: LessonStep[];
  /**
   * Points given (or taken) at the end for scoring units the network took away (or added): the
   * teacher's drop of the SYN a student would have answered costs that student nothing.
   */
  networkPoints?: Record<Side, number>;
}
