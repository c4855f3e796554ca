/** Text drawn on the canvas in the game's type, sharp on high-density screens. */
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

/** The text maker of a scene: the game's font and ink, drawn at the device's pixel ratio. */
export function textMaker(scene: Phaser.Scene): TextMaker {
  return (x, y, s, size, style = {}) =>
    scene.add.text(x, y, s, {
      fontFamily: FONT,
      fontSize: `${Math.round(size)}px`,
      color: CSS.ink,
      resolution: pixelRatio(),
      ...style,
    });
}
