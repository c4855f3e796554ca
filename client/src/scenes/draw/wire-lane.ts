/**
 * The wire between the hosts and the segments on it, each labelled with its flags and numbers,
 * moving from its send time to its arrival time (server time). A lost segment falls off half-way;
 * injected, duplicated, delayed and retransmitted ones carry a tag.
 */
import Phaser from 'phaser';
import type { GameView, WireView } from '../../../../shared/game/game-view';
import type { TextParams } from '../../../../shared/i18n';
import type { Side } from '../../../../shared/tcp/types';
import type { UiKey } from '../../i18n/ui-texts';
import { pixelRatio } from '../../app/stage-fit';
import { motionOf, wireTags, type WireTags } from '../../view/wire-motion';
import { COLORS, CSS, MONO, sideColor } from '../theme';
import type { BoardLayout } from './board-layout';

type T = (key: UiKey, params?: TextParams) => string;

interface Packet {
  w: WireView;
  box: Phaser.GameObjects.Container;
  bg: Phaser.GameObjects.Graphics;
  label: Phaser.GameObjects.Text;
  slot: number;
  width: number;
  height: number;
  tagKey: string;
  falling: boolean;
}

export class WireLane {
  private readonly packets = new Map<number, Packet>();
  private tags = new Map<number, WireTags>();

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly b: BoardLayout,
    private readonly t: T,
  ) {
    const g = scene.add.graphics();
    const { client: a, server: z } = b.port;
    const off = b.fs * 0.9;
    const ax = b.across.x;
    const ay = b.across.y;
    // the cable, and an arrow on each lane showing its direction
    g.lineStyle(Math.max(2, b.fs * 0.2), COLORS.wire, 1).lineBetween(a.x, a.y, z.x, z.y);
    const arrow = (from: Side) => {
      const s = from === 'client' ? -1 : 1;
      const p0 = from === 'client' ? a : z;
      const p1 = from === 'client' ? z : a;
      const dx = p1.x - p0.x;
      const dy = p1.y - p0.y;
      const len = Math.hypot(dx, dy) || 1;
      const ux = dx / len;
      const uy = dy / len;
      const cx = p0.x + dx * 0.5 + ax * s * off * 0.5;
      const cy = p0.y + dy * 0.5 + ay * s * off * 0.5;
      const k = b.fs * 0.45;
      g.fillStyle(sideColor(from), 0.55).fillTriangle(
        cx + ux * k,
        cy + uy * k,
        cx - ux * k + ax * k * 0.7,
        cy - uy * k + ay * k * 0.7,
        cx - ux * k - ax * k * 0.7,
        cy - uy * k - ay * k * 0.7,
      );
    };
    arrow('client');
    arrow('server');
  }

  /** Adds the segments new in this view and removes the ones that arrived. */
  update(v: GameView): void {
    this.tags = wireTags(v);
    const ids = new Set(v.wire.map((w) => w.id));
    for (const [id, p] of this.packets) {
      if (!ids.has(id)) {
        p.box.destroy();
        this.packets.delete(id);
      }
    }
    for (const w of v.wire) {
      const p = this.packets.get(w.id);
      if (p) p.w = w;
      else this.packets.set(w.id, this.create(w));
    }
  }

  /** Moves every segment to where it is at server time `now`. */
  tick(now: number): void {
    const b = this.b;
    for (const p of this.packets.values()) {
      const from = p.w.from;
      const p0 = b.port[from];
      const p1 = b.port[from === 'client' ? 'server' : 'client'];
      const m = motionOf(p.w, now);
      const falling = m.fall > 0;
      if (falling !== p.falling) {
        p.falling = falling;
        this.paint(p);
      }
      const s = from === 'client' ? -1 : 1;
      const dx = p1.x - p0.x;
      const dy = p1.y - p0.y;
      const len = Math.hypot(dx, dy) || 1;
      // keep the whole box on the wire: its centre runs from half a box after the port to half before
      const half = (b.orientation === 'h' ? p.width : p.height) / 2;
      const along = Math.min(half, len / 2) + m.progress * Math.max(0, len - 2 * half);
      let x = p0.x + (dx / len) * along;
      let y = p0.y + (dy / len) * along;
      const lane = b.fs * 0.9 + (b.orientation === 'h' ? p.height / 2 : p.width / 2);
      if (b.orientation === 'h') {
        y += s * (lane + p.slot * (p.height + 6));
      } else {
        x += s * lane;
        y -= (dy / len) * p.slot * (p.height + 6);
      }
      if (falling) {
        // off the wire, away from it, turning and fading
        const drop = m.fall * b.fs * 8;
        x += b.across.x * drop * (b.orientation === 'v' ? s : 0);
        y += b.orientation === 'h' ? drop : 0;
        p.box.setRotation(m.fall * 0.7 * s);
        p.box.setAlpha(1 - m.fall * 0.75);
      }
      p.box.setPosition(x, y);
    }
  }

  private create(w: WireView): Packet {
    const used = new Set([...this.packets.values()].filter((p) => p.w.from === w.from).map((p) => p.slot));
    let slot = 0;
    while (used.has(slot)) slot++;
    const bg = this.scene.add.graphics();
    const label = this.scene.add
      .text(0, 0, '', {
        fontFamily: MONO,
        fontSize: `${Math.round(this.b.fs * 0.82)}px`,
        color: CSS.white,
        align: 'center',
        lineSpacing: 1,
        resolution: pixelRatio(),
      })
      .setOrigin(0.5);
    const box = this.scene.add.container(0, 0, [bg, label]).setDepth(10);
    const p: Packet = { w, box, bg, label, slot: slot % 3, width: 0, height: 0, tagKey: '', falling: false };
    this.paint(p);
    return p;
  }

  /** Writes the label and draws the box in the segment's colour. */
  private paint(p: Packet): void {
    const w = p.w;
    const s = w.segment;
    const tags = this.tags.get(w.id);
    const words: string[] = [];
    if (tags?.injected) words.push(this.t('wireInjected'));
    if (tags?.retransmission) words.push(this.t('wireRetransmission'));
    if (tags?.duplicate) words.push(this.t('wireDuplicate'));
    if (tags?.delayed) words.push(this.t('wireDelayed'));
    if (p.falling) words.push(this.t('wireLost'));
    const flags = s.flags.length ? s.flags.join(',') : '—';
    const nums = [`seq=${s.seq}`];
    if (s.flags.includes('ACK')) nums.push(`ack=${s.ack}`);
    if (s.len > 0) nums.push(`len=${s.len}`);
    const lines = [flags, ...(this.b.compact ? nums : [nums.join(' ')])];
    if (words.length) lines.push(`⟨${words.join(' · ')}⟩`);
    p.label.setText(lines.join('\n'));
    const pad = this.b.fs * 0.45;
    p.width = p.label.width + 2 * pad;
    p.height = p.label.height + pad;
    const color = p.falling ? COLORS.lost : w.injected ? COLORS.injected : sideColor(w.from);
    p.bg.clear();
    p.bg.fillStyle(color, 1).fillRoundedRect(-p.width / 2, -p.height / 2, p.width, p.height, 6);
    if (w.injected || tags?.duplicate || tags?.retransmission) {
      p.bg.lineStyle(3, COLORS.ink, 0.8).strokeRoundedRect(-p.width / 2, -p.height / 2, p.width, p.height, 6);
    }
  }
}
