/** GameStore in process memory; records are copied in and out, as a networked store would. */
import type { Game } from '../../shared/game/game-types';
import type { GameStore } from './game-store';

export class MemoryGameStore implements GameStore {
  private readonly games = new Map<string, Game>();

  async get(id: string): Promise<Game | null> {
    const g = this.games.get(id);
    return g ? structuredClone(g) : null;
  }

  async create(game: Game): Promise<boolean> {
    if (this.games.has(game.id)) return false;
    this.games.set(game.id, structuredClone(game));
    return true;
  }

  async update(game: Game, expectedVersion: number): Promise<boolean> {
    const stored = this.games.get(game.id);
    if (!stored || stored.version !== expectedVersion) return false;
    this.games.set(game.id, structuredClone(game));
    return true;
  }

  async delete(id: string): Promise<void> {
    this.games.delete(id);
  }

  async count(): Promise<number> {
    return this.games.size;
  }
}
