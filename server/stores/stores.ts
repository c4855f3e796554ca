/** Every store the server uses; the in-memory set, and later a Redis set behind the same interfaces. */
import type { ClassStore, LimitStore } from './class-store';
import type { GameStore } from './game-store';
import type { MatchStore } from './match-store';
import { MemoryClassStore } from './memory-class-store';
import { MemoryGameStore } from './memory-game-store';
import { MemoryLimitStore } from './memory-limit-store';
import { MemoryMatchStore } from './memory-match-store';
import { MemorySessionStore } from './memory-session-store';
import type { SessionStore } from './session-store';

export interface Stores {
  games: GameStore;
  sessions: SessionStore;
  matches: MatchStore;
  classes: ClassStore;
  /** Counters shared by every node (failed join codes per address). */
  limits: LimitStore;
}

/** Stores that live in this process (one server node). */
export function createMemoryStores(): Stores {
  return {
    games: new MemoryGameStore(),
    sessions: new MemorySessionStore(),
    matches: new MemoryMatchStore(),
    classes: new MemoryClassStore(),
    limits: new MemoryLimitStore(),
  };
}
