/**
 * GameStore in process memory. Records are shared, not copied: a stored game is never changed in
 * place (the engine copies a game before it changes anything, and every change is saved as a new
 * object by compare-and-set), so copying on every read and write would only burn CPU: it was a
 * third of the server's time per move (npm run bench). Under jest every stored record is frozen,
 * deeply, so that code changing a loaded game in place fails the tests instead of corrupting a game.
 */
import type { Game } from '../../shared/game/game-types';
import type { GameStore } from './game-store';

const FREEZE = process.env.JEST_WORKER_ID !== undefined;

/** Freezes a value and everything it holds (games are plain data). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export class MemoryGameStore implements GameStore {
  private readonly games = new Map<string, Game>();

  async get(id: string): Promise<Game | null> {
    return this.games.get(id) ?? null;
  }

  async create(game: Game): Promise<boolean> {
    if (this.games.has(game.id)) return false;
    this.games.set(game.id, FREEZE ? deepFreeze(game) : game);
    return true;
  }

  async update(game: Game, expectedVersion: number): Promise<boolean> {
    const stored = this.games.get(game.id);
    if (!stored || stored.version !== expectedVersion) return false;
    this.games.set(game.id, FREEZE ? deepFreeze(game) : game);
    return true;
  }

  async delete(id: string): Promise<void> {
    this.games.delete(id);
  }

  async count(): Promise<number> {
    return this.games.size;
  }
}
