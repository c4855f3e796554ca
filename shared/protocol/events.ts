/**
 * The wire protocol between the browser and the game server: one typed map of every event, used by
 * both sides. Every client-to-server event carries an acknowledgement callback answered with
 * `{ ok: true, data }` or `{ ok: false, error: { code, message } }`. docs/protocol.md describes it.
 */
import type { BotLevel } from '../game/game-types';
import type { GameView, SegmentView } from '../game/game-view';
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
}

export interface HintData {
  /** Correct next moves, most natural first. */
  moves: MovePayload[];
  /** Why, in the player's language. */
  explain: string;
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
  'game:move': (p: { move: MovePayload }, ack: AckFn<{ game: GameView }>) => void;
  'game:hint': (p: Record<string, never>, ack: AckFn<HintData>) => void;
  'game:state': (p: Record<string, never>, ack: AckFn<{ game: GameView | null }>) => void;
  'game:rematch': (
    p: Record<string, never>,
    ack: AckFn<{ status: 'waiting' } | { status: 'started'; game: GameView }>,
  ) => void;
  'game:leave': (p: Record<string, never>, ack: AckFn<{ left: boolean }>) => void;
}

export interface ServerToClientEvents {
  /** Sent once per connection, after the session is established or resumed. */
  'session:ready': (s: SessionInfo) => void;
  /** The game changed: this player's view of it. */
  'game:update': (g: GameView) => void;
  /** The opponent's connection dropped or came back (the seat is kept for the grace period). */
  'game:peer': (p: { connected: boolean; graceUntil: number | null }) => void;
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
] as const satisfies readonly (keyof ClientToServerEvents)[];
