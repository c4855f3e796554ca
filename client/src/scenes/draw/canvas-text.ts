/**
 * Text drawn on the canvas in the game's type, sharp on high-density screens, never smaller than
 * the screen's minimum (readable from the back of a classroom), and measured before it is drawn so
 * layouts can fit it. The end-to-end tests read every drawn text's size through canvasTexts().
 */
import Phaser from 'phaser';
import { pixelRatio } from '../../app/stage-fit';
import { CSS, FONT } from '../theme';

/** A function that adds a text object to `scene` at (x, y) with a size in pixels. */
export type TextMaker = (
  x: number,
  y: number,
  s: string,
  size: number,
  style?: Phaser.Types.GameObjects.Text.TextStyle,
) => Phaser.GameObjects.Text;

/**
 * The smallest text the canvas may draw for a window size, in CSS pixels: 14 on a phone, and on
 * larger screens what a projector needs (18 px at 720 lines, 24 px at 1080).
 */
export function minTextPx(viewW: number, viewH: number): number {
  if (viewW < 700 || Math.min(viewW, viewH) < 600) return 14;
  return Math.round(Math.min(24, Math.max(16, 18 + (viewH - 720) / 60)));
}

/** The minimum for the browser window the page is in now. */
export function screenMinText(): number {
  return minTextPx(window.innerWidth, window.innerHeight);
}

/** The text maker of a scene: the game's font and ink, drawn at the device's pixel ratio, never under `min` px. */
export function textMaker(scene: Phaser.Scene, min = 0): TextMaker {
  return (x, y, s, size, style = {}) =>
    scene.add.text(x, y, s, {
      fontFamily: FONT,
      fontSize: `${Math.round(Math.max(min, size))}px`,
      color: CSS.ink,
      resolution: pixelRatio(),
      ...style,
    });
}

export interface DrawnText {
  scene: string;
  text: string;
  /** The size it is shown at, in CSS pixels. */
  px: number;
  x: number;
  y: number;
}

/** Every visible text of the running scenes, with the size it is shown at. */
export function canvasTexts(game: Phaser.Game): DrawnText[] {
  const out: DrawnText[] = [];
  const visit = (
    key: string,
    list: Phaser.GameObjects.GameObject[],
    scale: number,
    ox: number,
    oy: number,
  ) => {
    for (const o of list) {
      if (o instanceof Phaser.GameObjects.Container) {
        if (o.visible && o.alpha > 0.05) visit(key, o.list, scale * o.scaleY, ox + o.x, oy + o.y);
      } else if (o instanceof Phaser.GameObjects.Text) {
        if (!o.visible || o.alpha <= 0.05 || o.text.trim() === '') continue;
        const size = parseFloat(String(o.style.fontSize));
        out.push({ scene: key, text: o.text, px: size * scale * o.scaleY, x: ox + o.x, y: oy + o.y });
      }
    }
  };
  for (const s of game.scene.getScenes(true)) visit(s.scene.key, s.children.list, 1, 0, 0);
  return out;
}
