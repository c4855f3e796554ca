/**
 * What every screen shares: its DOM panel, laying the canvas out again on every resize, and the
 * hidden copy of the canvas's words for screen readers (and for the language checks).
 */
import Phaser from 'phaser';
import type { GameView } from '../../../shared/game/game-view';
import type { TextParams } from '../../../shared/i18n';
import type { ScreenKey, Services } from '../app/services';
import { fitStage, pixelRatio } from '../app/stage-fit';
import type { UiKey } from '../i18n/ui-texts';
import { COLORS, CSS, FONT } from './theme';

export type { Rect } from '../view/rect';

export abstract class BaseScene extends Phaser.Scene {
  protected panel!: HTMLElement;
  private mirrorAt = 0;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    readonly screen: ScreenKey,
    protected readonly s: Services,
  ) {
    super({ key: screen });
  }

  /** A UI text in the current language. */
  protected t(key: UiKey, params?: TextParams): string {
    return this.s.lang.t(key, params);
  }

  create(data: object): void {
    this.cleanups.length = 0;
    this.panel = this.s.shell.setScreen(this.screen);
    this.cameras.main.setBackgroundColor(COLORS.background);
    this.scale.on(Phaser.Scale.Events.RESIZE, this.onResize, this);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.scale.off(Phaser.Scale.Events.RESIZE, this.onResize, this);
      for (const fn of this.cleanups.splice(0)) fn();
      this.teardown();
    });
    this.build(data);
    // the panel's layout changed the stage's size: fit the canvas to it now, before drawing
    fitStage(this.game, this.s.shell.stage);
    this.redraw();
  }

  /** The game this screen shows; with none (a stale screen), it goes home and returns null. */
  protected currentViewOrHome(): GameView | null {
    const v = this.s.flow.current;
    if (!v) this.time.delayedCall(0, () => this.s.flow.showHome());
    return v;
  }

  /** Runs `fn` when the scene stops (unsubscribing, removing window listeners). */
  protected onShutdown(fn: () => void): void {
    this.cleanups.push(fn);
  }

  /** Builds the DOM panel and anything that lives as long as the scene. */
  protected abstract build(data: object): void;

  /** Draws the canvas for its current size: everything is drawn anew on each resize. */
  protected abstract layout(w: number, h: number): void;

  /** Per-frame changes (moving packets, countdowns). */
  protected tick(_now: number): void {}

  protected teardown(): void {}

  override update(time: number): void {
    this.tick(time);
    if (time - this.mirrorAt > 300) {
      this.mirrorAt = time;
      this.s.shell.mirrorCanvas(this.canvasWords());
    }
  }

  /** Draws everything anew in CSS pixels: the camera scales them to the canvas's device pixels. */
  protected redraw(): void {
    this.children.removeAll(true);
    const ratio = pixelRatio();
    const cam = this.cameras.main;
    cam.setSize(this.scale.width, this.scale.height);
    cam.setOrigin(0, 0).setZoom(ratio);
    const width = this.scale.width / ratio;
    const height = this.scale.height / ratio;
    if (width < 10 || height < 10) return;
    this.layout(width, height);
  }

  private onResize(): void {
    this.redraw();
  }

  /** A text object in the game's type. */
  protected text(
    x: number,
    y: number,
    content: string,
    size: number,
    opts: Phaser.Types.GameObjects.Text.TextStyle = {},
  ): Phaser.GameObjects.Text {
    return this.add.text(x, y, content, {
      fontFamily: FONT,
      fontSize: `${Math.round(size)}px`,
      color: CSS.ink,
      resolution: pixelRatio(),
      ...opts,
    });
  }

  /** The words the canvas shows now, top to bottom. */
  private canvasWords(): string[] {
    const out: { y: number; x: number; text: string }[] = [];
    const visit = (list: Phaser.GameObjects.GameObject[], ox: number, oy: number) => {
      for (const o of list) {
        if (o instanceof Phaser.GameObjects.Container) {
          if (o.visible && o.alpha > 0.05) visit(o.list, ox + o.x, oy + o.y);
        } else if (o instanceof Phaser.GameObjects.Text) {
          if (o.visible && o.alpha > 0.05 && o.text.trim() !== '')
            out.push({ x: ox + o.x, y: oy + o.y, text: o.text });
        }
      }
    };
    visit(this.children.list, 0, 0);
    out.sort((a, b) => a.y - b.y || a.x - b.x);
    return out.map((o) => o.text.replace(/\s*\n\s*/g, ' '));
  }
}
