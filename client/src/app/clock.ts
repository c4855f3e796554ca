/** The server's clock as seen from the browser: every view carries serverNow, deadlines are in server time. */
import type { GameView } from '../../../shared/game/game-view';

export class ServerClock {
  private offset = 0;
  private frozenAt: number | null = null;

  /** Takes the offset from a view as it arrives; a paused game's clocks stand still. */
  sync(view: GameView): void {
    this.offset = view.serverNow - Date.now();
    this.frozenAt = view.paused ? view.serverNow : null;
  }

  /** The server's time now, in ms. */
  now(): number {
    return this.frozenAt ?? Date.now() + this.offset;
  }
}
