/** Where games live: one record per game, changed only by compare-and-set on its version. */
import type { Game } from '../../shared/game/game-types';

export interface GameStore {
  /** The stored game, or null. */
  get(id: string): Promise<Game | null>;
  /** Stores a new game; false when the id is taken. */
  create(game: Game): Promise<boolean>;
  /**
   * Replaces the stored game with `game` only if the stored version is still `expectedVersion`
   * (the version the change was computed from); false when it is not, or when the game is gone.
   */
  update(game: Game, expectedVersion: number): Promise<boolean>;
  delete(id: string): Promise<void>;
  count(): Promise<number>;
}
