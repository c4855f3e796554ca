/** Where players wait for each other: the quick-match queue, private game codes and rematch requests. */
import type { RoleChoice } from '../../shared/protocol/events';
import type { ScenarioId } from '../../shared/scenarios/scenarios';
import type { Side } from '../../shared/tcp/types';

/** A player waiting for a quick match; null scenario means any. */
export interface QuickRequest {
  sessionId: string;
  scenario: ScenarioId | null;
  role: RoleChoice;
  at: number;
}

/** Two waiting players can be paired: same scenario or either any, and roles that do not clash. */
export function compatible(a: QuickRequest, b: QuickRequest): boolean {
  if (a.sessionId === b.sessionId) return false;
  if (a.scenario !== null && b.scenario !== null && a.scenario !== b.scenario) return false;
  return a.role === 'any' || b.role === 'any' || a.role !== b.role;
}

export interface MatchStore {
  /**
   * In one atomic step: takes the longest-waiting request compatible with `req` out of the queue
   * and returns it, or, when there is none, queues `req` and returns null.
   */
  pairOrEnqueue(req: QuickRequest): Promise<QuickRequest | null>;
  /** Takes a session out of the queue; false when it was not waiting. */
  cancel(sessionId: string): Promise<boolean>;
  isWaiting(sessionId: string): Promise<boolean>;
  /** Reserves a private code for a game; false when the code is taken. */
  claimCode(code: string, gameId: string): Promise<boolean>;
  /** The game of a private code, or null. */
  gameOfCode(code: string): Promise<string | null>;
  /** Frees every code of a game. */
  releaseCodes(gameId: string): Promise<void>;
  /**
   * Records that `side` wants a rematch of a game; true exactly once, for the request that
   * completes the pair (the requests are then forgotten).
   */
  voteRematch(gameId: string, side: Side): Promise<boolean>;
  clearRematch(gameId: string): Promise<void>;
}
