/**
 * The canvas at the screen's own pixel density. Phaser's RESIZE mode makes one canvas pixel per CSS
 * pixel, which a phone (2 or 3 device pixels per CSS pixel) shows blurred. Instead the game is sized
 * in device pixels and shown at CSS size (zoom 1/ratio); scenes lay out in CSS pixels with their
 * camera zoomed by the ratio, and texts are rasterised at the ratio too.
 */
import type Phaser from 'phaser';

/** Device pixels per CSS pixel, capped: beyond 2 the fill cost grows and the eye gains little. */
export function pixelRatio(): number {
  return Math.min(2, Math.max(1, window.devicePixelRatio || 1));
}

/** Sizes the game to the stage element; true when the size changed (a RESIZE event followed). */
export function fitStage(game: Phaser.Game, stage: HTMLElement): boolean {
  const ratio = pixelRatio();
  const r = stage.getBoundingClientRect();
  const w = Math.max(1, Math.round(Math.floor(r.width) * ratio));
  const h = Math.max(1, Math.round(Math.floor(r.height) * ratio));
  const scale = game.scale;
  if (Math.abs(scale.zoom - 1 / ratio) > 1e-6) scale.setZoom(1 / ratio);
  if (scale.width === w && scale.height === h) return false;
  scale.resize(w, h);
  return true;
}
