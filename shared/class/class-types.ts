/**
 * A class a teacher hosts: its roster, how students are paired, the rounds it has played and the
 * one running now. Stored as one record changed by compare-and-set on `version`; results live in
 * their own append-only list (see ClassStore) so the record stays small.
 *
 * Students are known to the outside by their public playerId; session ids never leave the server.
 */
import type { WireAction } from '../game/game-engine';
import type { BotLevel } from '../game/game-types';
import type { SegmentView, WireView } from '../game/game-view';
import type { JudgeErrorCode } from '../tcp/codes';
import type { ScenarioId } from '../scenarios/scenarios';
import type { Side, TcpState } from '../tcp/types';

export const CLASS_SCHEMA_VERSION = 1;

/** arrival: in the order students joined; random: shuffled. */
export type PairingMode = 'arrival' | 'random';

export interface Student {
  sessionId: string;
  playerId: string;
  nickname: string;
  joinedAt: number;
}

/** Two students who play together (b null: the student plays the bot). */
export interface PlannedPair {
  a: string;
  b: string | null;
}

/** What the teacher chooses for a round. */
export interface RoundConfig {
  /** Played in order by every pair: when a pair finishes one, its next game starts. 1 to 6. */
  scenarios: ScenarioId[];
  /** The bot's level for a student without a partner. */
  level: BotLevel;
  /** Multiplies MSL (TIME_WAIT lasts 2 x MSL); the result must pass checkSettings. */
  mslScale: number;
  /** The round's time limit; unfinished games end when it runs out. */
  durationMs: number;
  /** Whether students may ask for hints. */
  hints: boolean;
}

/** One pair in a running round (player fields are session ids; null is the bot). */
export interface RoundPair {
  id: string;
  client: string | null;
  server: string | null;
  /** The pair's current game; once the pair is done, its last game (null if it never had one). */
  gameId: string | null;
  /** Which scenario of the round's list the pair plays now. */
  scenarioIndex: number;
  done: boolean;
  /** The teacher froze its game (class:freeze): it stays paused when the round resumes. */
  frozen?: boolean;
}

export type RoundPhase = 'playing' | 'paused' | 'ended';

export interface Round {
  /** 1 for the first round of the class. */
  index: number;
  config: RoundConfig;
  phase: RoundPhase;
  startedAt: number;
  /** When the time limit runs out (moved on by a pause). */
  endsAt: number;
  pausedAt: number | null;
  endedAt: number | null;
  pairs: RoundPair[];
}

export interface ClassRoom {
  schema: number;
  /** Bumped on every change, for compare-and-set. */
  version: number;
  id: string;
  /** The join code (CODE_ALPHABET, no look-alikes). */
  code: string;
  title: string;
  createdAt: number;
  /** sha256 of the host token (hex); the token itself is only in the teacher's browser. */
  hostTokenHash: string;
  /** The session that controls the class now (the one that created or reclaimed it). */
  hostSessionId: string;
  locked: boolean;
  students: Student[];
  /** Sessions that were kicked: they cannot join again. */
  kicked: string[];
  pairing: { mode: PairingMode; rotate: boolean };
  /** The pairs for the next round (session ids); adjusted by the teacher, or made at round start. */
  plannedPairs: PlannedPair[] | null;
  /** Earlier partners, to rotate: `${a}|${b}` sorted session ids. */
  pastPairs: string[];
  round: Round | null;
  roundsPlayed: number;
}

/** One student's result in one game of a round (a row of the CSV export). */
export interface ResultRow {
  round: number;
  scenarioId: ScenarioId;
  playerId: string;
  nickname: string;
  role: Side;
  /** The partner's nickname, or null for the bot. */
  partner: string | null;
  points: number;
  correct: number;
  mistakes: number;
  byCode: Partial<Record<JudgeErrorCode, number>>;
  goalMet: boolean;
  /** From the game's start to its end. */
  timeMs: number;
}

// ---- views sent to clients ----

export interface StudentEntry {
  playerId: string;
  nickname: string;
  connected: boolean;
  joinedAt: number;
}

export interface SeatProgress {
  /** null: the bot. */
  playerId: string | null;
  nickname: string;
  state: TcpState;
  points: number;
  correct: number;
  mistakes: number;
  timers: { turn: number | null; rto: number | null; timeWait: number | null };
  canAct: boolean;
}

/** One pair as the dashboard shows it. */
export interface PairProgress {
  pairId: string;
  gameId: string | null;
  scenarioId: ScenarioId | null;
  scenarioIndex: number;
  scenarioCount: number;
  phase: 'playing' | 'finished' | 'done';
  paused: boolean;
  /** The teacher froze this pair's game (class:freeze). */
  frozen: boolean;
  client: SeatProgress | null;
  server: SeatProgress | null;
  /** Segments in flight now (the teacher may drop, delay or duplicate them). */
  wire: WireView[];
  /** What the teacher armed for each side's next segment, or what it hit once it fired. */
  armed: Record<Side, ArmedView | null>;
  /** How the pair's last game ended, if it did. */
  goalMet: boolean | null;
}

/** A network action armed for a side's next segment; `fired` once that segment was sent. */
export interface ArmedView {
  action: WireAction;
  armedAt: number;
  fired: { at: number; segmentId: number; segment: SegmentView } | null;
}

export interface Misconception {
  code: JudgeErrorCode;
  count: number;
  /** How many different students made it. */
  students: number;
  /** In the host's language, e.g. "ack = y instead of y+1". */
  text: string;
}

export interface LeaderEntry {
  rank: number;
  playerId: string;
  nickname: string;
  points: number;
  correct: number;
  mistakes: number;
  goals: number;
}

/** A round as the host and the students see it: its clock and settings, not its pairs. */
export type RoundView = Pick<Round, 'index' | 'config' | 'phase' | 'startedAt' | 'endsAt' | 'pausedAt'>;

/** What the teacher's dashboard shows. */
export interface HostView {
  classId: string;
  code: string;
  /** The link students open (PUBLIC_URL/join/CODE), or null: the client makes it from its own origin. */
  joinUrl: string | null;
  title: string;
  locked: boolean;
  pairing: { mode: PairingMode; rotate: boolean };
  students: StudentEntry[];
  /** The pairs for the next round, by playerId (b null: the bot); null until made. */
  plannedPairs: { a: string; b: string | null }[] | null;
  round: RoundView | null;
  pairs: PairProgress[];
  misconceptions: Misconception[];
  leaderboard: { round: LeaderEntry[]; total: LeaderEntry[] };
  roundsPlayed: number;
  serverNow: number;
}

/** What a student sees of the class (the game itself comes as game:update). */
export interface StudentView {
  classId: string;
  code: string;
  title: string;
  you: { playerId: string; nickname: string };
  round: RoundView | null;
  /** This student's pair in the running round. */
  pair: { role: Side; partner: string | null; scenarioIndex: number; done: boolean } | null;
  /** The student's place on the round's leaderboard once it ended. */
  standing: LeaderEntry | null;
  serverNow: number;
}
