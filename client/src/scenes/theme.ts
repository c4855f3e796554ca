/** Colours and type of the canvas, chosen to stay readable on a washed-out classroom projector. */
import type { Side } from '../../../shared/tcp/types';

export const COLORS = {
  background: 0xf4f6fa,
  panel: 0xffffff,
  panelLine: 0xc5ccd8,
  ink: 0x1b2330,
  muted: 0x5b6678,
  wire: 0x8792a5,
  client: 0x1864ab,
  server: 0xc2410c,
  lost: 0xc92a2a,
  injected: 0x6741d9,
  good: 0x2b8a3e,
  warn: 0xe67700,
  edge: 0xa7b0c0,
  nodeFill: 0xffffff,
} as const;

/** CSS colour strings for Phaser text. */
export const CSS = {
  ink: '#1b2330',
  muted: '#5b6678',
  client: '#1864ab',
  server: '#c2410c',
  lost: '#c92a2a',
  injected: '#6741d9',
  good: '#2b8a3e',
  warn: '#b35c00',
  white: '#ffffff',
} as const;

export const FONT =
  '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';
export const MONO =
  '"Noto Sans Mono CJK SC", "Sarasa Mono SC", ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace';

export function sideColor(side: Side): number {
  return side === 'client' ? COLORS.client : COLORS.server;
}

export function sideCss(side: Side): string {
  return side === 'client' ? CSS.client : CSS.server;
}

export function hex(c: number): string {
  return `#${c.toString(16).padStart(6, '0')}`;
}
