/**
 * The wire protocol between the browser and the game server: one typed map of every event, used by
 * both sides. Every client-to-server event carries an acknowledgement callback answered with
 * `{ ok: true, data }` or `{ ok: false, error: { code, message } }`. docs/protocol.md describes it.
 */
import type { HostView, PairingMode, RoundConfig, StudentView } from '../class/class-types';
import type { BotLevel } from '../game/game-types';
import type { GameView, SegmentView } from '../game/game-view';
import type { GameUpdate } from '../game/view-delta';
import type { Lang } from '../i18n';
import type { ScenarioId } from '../scenarios/scenarios';
import type { AppCallName, Side } from '../tcp/types';

/** Codes of the game server's own errors; a refused TCP move answers with the judge's code instead. */
export const SERVER_ERROR_CODES = [
  'BAD_PAYLOAD',
  'PAYLOAD_TOO_LARGE',
  'UNKNOWN_EVENT',
  'RATE_LIMITED',
  'NOT_IN_GAME',
  'NOT_YOUR_TURN',
  'OFF_PLAN',
  'VIEW_STALE',
  'GAME_NOT_PLAYING',
  'GAME_PAUSED',
  'GAME_NOT_FOUND',
  'CODE_NOT_FOUND',
  'GAME_FULL',
  'ALREADY_IN_GAME',
  'ALREADY_WAITING',
  'HINTS_OFF',
  'NICKNAME_INVALID',
  'SESSION_INVALID',
  'CLASS_NOT_FOUND',
  'CLASS_LOCKED',
  'NICKNAME_TAKEN',
  'KICKED',
  'NOT_HOST',
  'NOT_IN_CLASS',
  'ALREADY_IN_CLASS',
  'HOST_TOKEN_INVALID',
  'TOO_MANY_ATTEMPTS',
  'ROUND_RUNNING',
  'NO_ROUND',
  'NOT_ENOUGH_STUDENTS',
  'PAIRS_INVALID',
  'PAIR_NOT_FOUND',
  'SEGMENT_NOT_FOUND',
  'STUDENT_NOT_FOUND',
  'SETTINGS_INVALID',
  'STORE_UNAVAILABLE',
  'OUTCOME_UNKNOWN',
  'BUSY',
  'INTERNAL',
] as const;
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

export interface ErrorPayload {
  /** A server error code, or a judge error code (JudgeErrorCode) for a refused move. */
  code: string;
  /** In the player's language. */
  message: string;
  /** For a refused move: why, in the player's language, and the field with expected and given values. */
  explain?: string;
  field?: string;
  expected?: number | string;
  given?: number | string;
  /** For VIEW_STALE: the game as it is now (the move was computed from an older view). */
  game?: GameView;
  /** For BUSY: send the same move (same moveId) again after this many ms. */
  retryAfterMs?: number;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorPayload };
export type AckFn<T> = (answer: Ack<T>) => void;

/** A move as sent by a client: an application call, or a segment the player composed. */
export type MovePayload =
  { kind: 'call'; call: AppCallName; bytes?: number } | { kind: 'segment'; segment: SegmentView };

export type RoleChoice = Side | 'any';

export interface SessionInfo {
  token: string;
  playerId: string;
  nickname: string;
  lang: Lang;
  /** True when this connection took over an existing session (a reload or a reconnect). */
  resumed: boolean;
  /** The game this session is in, if any, as this player sees it. */
  game: GameView | null;
  /** The session hosts a class, is a student of one, or neither: ask 'class:state' for the view. */
  classRole: 'host' | 'student' | null;
}

export interface HintData {
  /** Correct next moves, most natural first. */
  moves: MovePayload[];
  /** Why, in the player's language. */
  explain: string;
}

/** A game exported as a capture file (game:capture). */
export interface CaptureFile {
  /** handshake-arena-<scenario>-<YYYY-MM-DD>.pcapng */
  filename: string;
  /** The pcapng file, base64. */
  pcapng: string;
  /** How many packets it holds. */
  packets: number;
}

export interface ClientToServerEvents {
  'session:update': (p: { nickname?: string; lang?: Lang }, ack: AckFn<SessionInfo>) => void;
  'match:quick': (
    p: { scenario?: ScenarioId; role?: RoleChoice },
    ack: AckFn<{ status: 'waiting' } | { status: 'matched'; game: GameView }>,
  ) => void;
  'match:cancel': (p: Record<string, never>, ack: AckFn<{ cancelled: boolean }>) => void;
  'match:private:create': (
    p: { scenario: ScenarioId; role?: RoleChoice },
    ack: AckFn<{ code: string; game: GameView }>,
  ) => void;
  'match:private:join': (p: { code: string }, ack: AckFn<{ game: GameView }>) => void;
  'practice:start': (
    p: { scenario: ScenarioId; role: Side; level?: BotLevel; hints?: boolean },
    ack: AckFn<{ game: GameView }>,
  ) => void;
  /**
   * `basedOn`: the version of the view the move was computed from. When the game has since changed
   * what judges this move and the move is refused, the answer is VIEW_STALE with the fresh view
   * (no mistake counted) instead of the refusal. `moveId`: the client's id for this move; a move
   * is applied at most once, and the same id sent again gets the first outcome (OUTCOME_UNKNOWN).
   */
  'game:move': (
    p: { move: MovePayload; basedOn?: number; moveId?: string },
    ack: AckFn<{ game: GameUpdate }>,
  ) => void;
  'game:hint': (p: Record<string, never>, ack: AckFn<HintData>) => void;
  'game:state': (p: Record<string, never>, ack: AckFn<{ game: GameView | null }>) => void;
  'game:rematch': (
    p: Record<string, never>,
    ack: AckFn<{ status: 'waiting' } | { status: 'started'; game: GameView }>,
  ) => void;
  'game:leave': (p: Record<string, never>, ack: AckFn<{ left: boolean }>) => void;
  /**
   * The caller's own game (playing or finished) as a pcapng file for Wireshark, its comments in
   * the caller's language. A class's host may name a pair of its round (`pairId`) for that pair's game.
   */
  'game:capture': (p: { pairId?: string }, ack: AckFn<CaptureFile>) => void;

  // ---- classes: a teacher hosts, students join (docs/protocol.md, "Classes") ----
  /** Creates a class hosted by this session; the host token is shown only here. */
  'class:create': (
    p: { title?: string; pairing?: PairingMode; rotate?: boolean },
    ack: AckFn<{ hostToken: string; class: HostView }>,
  ) => void;
  /** Takes control of a class again (another tab, a reload with a new session) with its host token. */
  'class:reclaim': (p: { code: string; hostToken: string }, ack: AckFn<{ class: HostView }>) => void;
  'class:lock': (p: { locked: boolean }, ack: AckFn<{ class: HostView }>) => void;
  'class:kick': (p: { playerId: string }, ack: AckFn<{ class: HostView }>) => void;
  'class:pairing': (p: { mode: PairingMode; rotate: boolean }, ack: AckFn<{ class: HostView }>) => void;
  /** Makes the pairs for the next round automatically (by the pairing mode). */
  'class:pairs:auto': (p: Record<string, never>, ack: AckFn<{ class: HostView }>) => void;
  /** Sets the pairs by hand: every student exactly once; b null plays the bot. */
  'class:pairs:set': (
    p: { pairs: { a: string; b: string | null }[] },
    ack: AckFn<{ class: HostView }>,
  ) => void;
  'class:round:start': (
    p: Partial<RoundConfig> & Pick<RoundConfig, 'scenarios'>,
    ack: AckFn<{ class: HostView }>,
  ) => void;
  'class:round:pause': (p: Record<string, never>, ack: AckFn<{ class: HostView }>) => void;
  'class:round:resume': (p: Record<string, never>, ack: AckFn<{ class: HostView }>) => void;
  'class:round:end': (p: Record<string, never>, ack: AckFn<{ class: HostView }>) => void;
  /**
   * The teacher as the network. `when` 'now' (the default): drop, delay (by one flight) or
   * duplicate a segment in flight; with a pairId and segmentId, that segment; with pairId 'all',
   * the newest segment in flight of every pair; `affected` counts the segments changed. `when`
   * 'next': the action is armed for the next segment `side` sends in that pair (or in every pair
   * playing), shown in HostView.pairs[].armed until it fires (never to the students); 'cancel'
   * disarms; `armed` says what each of those pairs now has armed for `side`.
   */
  'class:network': (
    p: NetworkNow | NetworkNext,
    ack: AckFn<{ affected: number; armed?: ArmedEntry[] }>,
  ) => void;
  /**
   * Addresses phones on the same network can open this server at (its non-loopback IPv4
   * interfaces, likeliest first), for a join link when the console was opened on localhost.
   */
  'class:lan': (p: Record<string, never>, ack: AckFn<LanInfo>) => void;
  /** Watches one pair (both sides' views, as 'class:watch'); pairId null stops watching. */
  'class:spectate': (p: { pairId: string | null }, ack: AckFn<{ watch: WatchView | null }>) => void;
  /**
   * Freezes one pair's game where it stands (its clocks stop, the students see it paused), to ask
   * the class what comes next; frozen false lets it go on (still paused while the round is).
   */
  'class:freeze': (
    p: { pairId: string; frozen: boolean },
    ack: AckFn<{ pairId: string; frozen: boolean }>,
  ) => void;
  /** Results per student and game, as CSV (UTF-8 with a byte order mark, for spreadsheets). */
  'class:export': (p: Record<string, never>, ack: AckFn<{ filename: string; csv: string }>) => void;
  /** A student joins with the class code and a nickname (unique in the class). */
  'class:join': (p: { code: string; nickname: string }, ack: AckFn<{ class: StudentView }>) => void;
  /** A student leaves the class (or the host closes it: every student is told, results are dropped). */
  'class:leave': (p: Record<string, never>, ack: AckFn<{ left: boolean }>) => void;
  /** The class as this session sees it now (host or student), or null. */
  'class:state': (
    p: Record<string, never>,
    ack: AckFn<{ host: HostView | null; student: StudentView | null }>,
  ) => void;
}

export type NetworkAction = 'drop' | 'delay' | 'duplicate';

/** A network action on segments in flight now (class:network). */
export interface NetworkNow {
  pairId: string;
  when?: 'now';
  segmentId?: number;
  action: NetworkAction;
}

/** A network action armed for the next segment `side` sends ('cancel': disarm) (class:network). */
export interface NetworkNext {
  pairId: string;
  when: 'next';
  side: Side;
  action: NetworkAction | 'cancel';
}

/** What a pair has armed for one side after class:network with `when: 'next'` (null: nothing). */
export interface ArmedEntry {
  pairId: string;
  side: Side;
  action: NetworkAction | null;
}

/** An IPv4 address of the server's machine on a network (class:lan). */
export interface LanAddress {
  /** The interface's name (eth0, en0, Wi-Fi...). */
  name: string;
  address: string;
  /** Likely a virtual or VPN interface (docker0, vEthernet, utun...): phones seldom reach it. */
  virtual: boolean;
}

export interface LanInfo {
  /** Likeliest first; empty when the machine has no such address or the server listens on loopback only. */
  addresses: LanAddress[];
  /** The server listens on a loopback address only (HOST=127.0.0.1): no phone can reach it. */
  loopbackOnly: boolean;
  /** PUBLIC_URL when it is set: the join link needs no LAN address then. */
  publicUrl: string | null;
}

/** A pair as a spectator sees it: each side's own view of the same game. */
export interface WatchView {
  pairId: string;
  client: GameView;
  server: GameView;
}

export interface ServerToClientEvents {
  /** Sent once per connection, after the session is established or resumed. */
  'session:ready': (s: SessionInfo) => void;
  /**
   * The game changed: what changed in this player's view since the version the update names
   * (`from`, a ViewDelta), or the whole view (when the server knows nothing of what it holds).
   */
  'game:update': (g: GameUpdate) => void;
  /** The opponent's connection dropped or came back (the seat is kept for the grace period). */
  'game:peer': (p: { connected: boolean; graceUntil: number | null }) => void;
  /** The teacher's dashboard changed (throttled: at most one per DASHBOARD_MS). */
  'class:host': (v: HostView) => void;
  /** What this student sees of the class changed (joined, round started, paused, ended...). */
  'class:student': (v: StudentView) => void;
  /** The watched pair's game changed. */
  'class:watch': (v: WatchView) => void;
  /** This student was removed from the class by the teacher, or the class was closed. */
  'class:removed': (p: { reason: 'kicked' | 'closed' }) => void;
  /** A protocol error not tied to an acknowledged event (an unknown event, a payload too large). */
  'error:protocol': (e: ErrorPayload) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

/** What a socket carries after the handshake: identity comes from here, never from a payload. */
export interface SocketData {
  sessionId: string;
  playerId: string;
  lang: Lang;
}

/** The names of the client-to-server events, for checking unknown ones. */
export const CLIENT_EVENTS = [
  'session:update',
  'match:quick',
  'match:cancel',
  'match:private:create',
  'match:private:join',
  'practice:start',
  'game:move',
  'game:hint',
  'game:state',
  'game:rematch',
  'game:leave',
  'game:capture',
  'class:create',
  'class:reclaim',
  'class:lock',
  'class:kick',
  'class:pairing',
  'class:pairs:auto',
  'class:pairs:set',
  'class:round:start',
  'class:round:pause',
  'class:round:resume',
  'class:round:end',
  'class:network',
  'class:lan',
  'class:spectate',
  'class:freeze',
  'class:export',
  'class:join',
  'class:leave',
  'class:state',
] as const satisfies readonly (keyof ClientToServerEvents)[];

/** The events only a class's host may send: any other session is refused with NOT_HOST. */
export const HOST_EVENTS = [
  'class:lock',
  'class:kick',
  'class:pairing',
  'class:pairs:auto',
  'class:pairs:set',
  'class:round:start',
  'class:round:pause',
  'class:round:resume',
  'class:round:end',
  'class:network',
  'class:lan',
  'class:spectate',
  'class:freeze',
  'class:export',
] as const satisfies readonly (typeof CLIENT_EVENTS)[number][];
