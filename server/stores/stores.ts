/** Every store the server uses; the in-memory set, and later a Redis set behind the same interfaces. */
import type { GameStore } from './game-store';
import type { MatchStore } from './match-store';
import { MemoryGameStore } from './memory-game-store';
import { MemoryMatchStore } from './memory-match-store';
import { MemorySessionStore } from './memory-session-store';
import type { SessionStore } from './session-store';

export interface Stores {
  games: GameStore;
  sessions: SessionStore;
  matches: MatchStore;
}

/** Stores that live in this process (one server node). */
export function createMemoryStores(): Stores {
  return {
    games: new MemoryGameStore(),
    sessions: new MemorySessionStore(),
    matches: new MemoryMatchStore(),
  };
}
