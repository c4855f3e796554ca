/**
 * Which screen is shown, decided from the game the player is in: waiting for a second player,
 * playing, or finished (the board stays a moment so the last segment is seen landing, then the
 * summary). Views come from acknowledgements and from game:update; an older version of the same
 * game, or a view of a game already left behind, is ignored.
 */
import type Phaser from 'phaser';
import type { StudentView } from '../../../shared/class/class-types';
import type { GameView } from '../../../shared/game/game-view';
import type { RoleChoice } from '../../../shared/protocol/events';
import type { ScenarioId } from '../../../shared/scenarios/scenarios';
import type { ServerClock } from './clock';
import type { ScreenKey } from './services';

export interface WaitingData {
  kind: 'quick' | 'private';
  code?: string;
  scenario?: ScenarioId;
  role?: RoleChoice;
}

export interface HomeData {
  notice?: string;
}

/** The class screen: the join form (code prefilled from a link), the lobby, or removed from the class. */
export type ClassData =
  | { mode: 'join'; code?: string; notice?: string }
  | { mode: 'lobby' }
  | { mode: 'removed'; reason: 'kicked' | 'closed' };

/** How long the finished board stays before the summary. */
export const SUMMARY_DELAY_MS = 1800;

export class Flow {
  private view: GameView | null = null;
  private screen: ScreenKey = 'home';
  private data: object = {};
  private readonly retired = new Set<string>();
  private readonly listeners = new Set<(v: GameView) => void>();
  private summaryTimer: ReturnType<typeof setTimeout> | null = null;
  private student: StudentView | null = null;
  private readonly classListeners = new Set<(v: StudentView | null) => void>();

  constructor(
    private readonly game: Phaser.Game,
    private readonly clock: ServerClock,
  ) {}

  /** The latest view of the current game, if any. */
  get current(): GameView | null {
    return this.view;
  }

  get currentScreen(): ScreenKey {
    return this.screen;
  }

  /** Calls `fn` with every accepted view; returns the unsubscribe function. */
  onView(fn: (v: GameView) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The class this player is in as a student (its latest view), or null. */
  get classView(): StudentView | null {
    return this.student;
  }

  /** Keeps the latest class view and tells the screens. */
  setClass(v: StudentView | null): void {
    this.student = v;
    for (const fn of this.classListeners) fn(v);
  }

  /** Calls `fn` with every class view (null: no longer in a class); returns the unsubscribe function. */
  onClass(fn: (v: StudentView | null) => void): () => void {
    this.classListeners.add(fn);
    return () => this.classListeners.delete(fn);
  }

  /**
   * Shows the class screen. A finished game is left behind (a late update of it must not pull the
   * student back to its summary); one still playing is kept, unless the student was removed.
   */
  showClass(data: ClassData): void {
    if (this.view && (this.view.phase === 'finished' || data.mode === 'removed')) {
      this.retired.add(this.view.gameId);
      this.view = null;
    }
    this.show('class', data);
  }

  /** Takes a view from the server and moves to the screen it calls for. */
  accept(v: GameView): void {
    if (this.retired.has(v.gameId)) return;
    const cur = this.view;
    if (cur && cur.gameId === v.gameId && v.version < cur.version) return;
    if (cur && cur.gameId !== v.gameId) this.retired.add(cur.gameId);
    this.view = v;
    this.clock.sync(v);
    for (const fn of this.listeners) fn(v);
    this.route(v);
  }

  showHome(data: HomeData = {}): void {
    if (this.view) this.retired.add(this.view.gameId);
    this.view = null;
    this.show('home', data);
  }

  showWaiting(data: WaitingData): void {
    this.show('waiting', data);
  }

  /** Shows the current screen again (after a language switch), with the same data. */
  relabel(): void {
    this.show(this.screen, this.data);
  }

  private route(v: GameView): void {
    if (v.phase === 'waiting') {
      if (this.screen !== 'waiting') this.show('waiting', { kind: 'private', scenario: v.scenarioId });
      return;
    }
    if (v.phase === 'playing') {
      if (this.screen !== 'game') this.show('game', {});
      return;
    }
    if (this.screen === 'game') {
      if (this.summaryTimer === null)
        this.summaryTimer = setTimeout(() => {
          this.summaryTimer = null;
          if (this.screen === 'game' && this.view?.phase === 'finished') this.show('summary', {});
        }, SUMMARY_DELAY_MS);
      return;
    }
    if (this.screen !== 'summary') this.show('summary', {});
  }

  private show(key: ScreenKey, data: object): void {
    if (this.summaryTimer !== null && key !== 'game') {
      clearTimeout(this.summaryTimer);
      this.summaryTimer = null;
    }
    this.screen = key;
    this.data = data;
    const scenes = this.game.scene;
    for (const s of scenes.getScenes(true)) if (s.scene.key !== key) scenes.stop(s.scene.key);
    scenes.start(key, data);
  }
}
