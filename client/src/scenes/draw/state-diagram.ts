/**
 * The eleven states and their transitions, drawn from the shared transition table, each edge
 * labelled with its event and the segment it sends ("rcv SYN / snd SYN,ACK", "close() / snd
 * FIN,ACK"). Both sides' current states are lit, the edge each side took last is drawn thick in its
 * colour, and the ways out of the player's own state in its colour. Labels are placed where they
 * overlap nothing: those of the edges just taken and of the ways out of the current states first,
 * the others where room is left. Given states, not a game view, so any screen can draw it.
 */
import Phaser from 'phaser';
import { stateText, type Lang, type TextParams } from '../../../../shared/i18n';
import { TCP_STATES, type Side, type TcpState } from '../../../../shared/tcp/types';
import type { UiKey } from '../../i18n/ui-texts';
import {
  DIAGRAM_COLS,
  DIAGRAM_GRID,
  DIAGRAM_ROWS,
  diagramGraph,
  type DiagramEdge,
} from '../../view/diagram-graph';
import { edgeLabel } from '../../view/edge-labels';
import { stateGloss } from '../../view/format';
import type { Rect } from '../base-scene';
import { textMaker } from './canvas-text';
import { textWidth } from './text-measure';
import { COLORS, CSS, MONO, sideColor, sideCss } from '../theme';
import type { Point } from './board-layout';

type T = (key: UiKey, params?: TextParams) => string;

interface Node {
  c: Point;
  hw: number;
  hh: number;
  code: Phaser.GameObjects.Text;
  gloss: Phaser.GameObjects.Text | null;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What the diagram shows: each side's state, and the change each side made last. */
export interface DiagramState {
  states: Partial<Record<Side, TcpState>>;
  taken: Partial<Record<Side, { from: TcpState; to: TcpState }>>;
}

/** The point where a ray from the centre of a box towards `to` leaves the box. */
function border(n: Node, to: Point): Point {
  const dx = to.x - n.c.x;
  const dy = to.y - n.c.y;
  const tx = dx === 0 ? Infinity : n.hw / Math.abs(dx);
  const ty = dy === 0 ? Infinity : n.hh / Math.abs(dy);
  const t = Math.min(tx, ty, 1);
  return { x: n.c.x + dx * t, y: n.c.y + dy * t };
}

function cubic(p0: Point, p1: Point, p2: Point, p3: Point, n = 16): Point[] {
  const out: Point[] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    out.push({
      x: u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x,
      y: u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y,
    });
  }
  return out;
}

/** A polyline with its corners rounded off (radius r), as points. */
function rounded(corners: Point[], r: number): Point[] {
  const out: Point[] = [corners[0]!];
  for (let i = 1; i < corners.length - 1; i++) {
    const p = corners[i]!;
    const a = corners[i - 1]!;
    const b = corners[i + 1]!;
    const la = Math.hypot(p.x - a.x, p.y - a.y) || 1;
    const lb = Math.hypot(b.x - p.x, b.y - p.y) || 1;
    const ra = Math.min(r, la / 2);
    const rb = Math.min(r, lb / 2);
    const s0 = { x: p.x + ((a.x - p.x) / la) * ra, y: p.y + ((a.y - p.y) / la) * ra };
    const s1 = { x: p.x + ((b.x - p.x) / lb) * rb, y: p.y + ((b.y - p.y) / lb) * rb };
    for (let k = 0; k <= 6; k++) {
      const t = k / 6;
      const u = 1 - t;
      out.push({
        x: u * u * s0.x + 2 * u * t * p.x + t * t * s1.x,
        y: u * u * s0.y + 2 * u * t * p.y + t * t * s1.y,
      });
    }
  }
  out.push(corners[corners.length - 1]!);
  return out;
}

/** The point a fraction of the way along a polyline (by length). */
function along(pts: Point[], f: number): Point {
  const lens: number[] = [];
  let total = 0;
  for (let i = 1; i < pts.length; i++) {
    const l = Math.hypot(pts[i]!.x - pts[i - 1]!.x, pts[i]!.y - pts[i - 1]!.y);
    lens.push(l);
    total += l;
  }
  let want = total * f;
  for (let i = 1; i < pts.length; i++) {
    const l = lens[i - 1]!;
    if (want <= l) {
      const a = pts[i - 1]!;
      const b = pts[i]!;
      const k = l === 0 ? 0 : want / l;
      return { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k };
    }
    want -= l;
  }
  return pts[pts.length - 1]!;
}

function overlap(a: Box, b: Box, gap = 0): boolean {
  return a.x - gap < b.x + b.w && b.x - gap < a.x + a.w && a.y - gap < b.y + b.h && b.y - gap < a.y + a.h;
}

function stateCodeWidth(fs: number): number {
  return Math.max(...TCP_STATES.map((s) => textWidth(s, fs, true, true)));
}

export class StateDiagram {
  private readonly nodes = new Map<TcpState, Node>();
  private readonly paths: { e: DiagramEdge; pts: Point[]; label: Phaser.GameObjects.Text }[] = [];
  private readonly lit: Phaser.GameObjects.Graphics;
  private readonly edges: Phaser.GameObjects.Graphics;
  private readonly tags: Partial<Record<Side, Phaser.GameObjects.Text>> = {};
  private readonly area: Box;
  private key = '';

  /** The narrowest and lowest the diagram can be drawn at a text size (tall: three columns, seven rows). */
  static minSize(fs: number): { w: number; h: number } {
    return { w: 3 * (stateCodeWidth(fs) + fs * 0.95) + fs * 1.6 + 8, h: 7 * fs * 2.3 + fs * 4 };
  }

  constructor(
    scene: Phaser.Scene,
    r: Rect,
    private readonly fs: number,
    lang: Lang,
    t: T,
    /** The player's side ("you" and "peer" tags), or null for a neutral view (role names). */
    private readonly me: Side | null,
  ) {
    const text = textMaker(scene, fs);
    const bg = scene.add.graphics();
    bg.fillStyle(COLORS.panel, 0.7).fillRoundedRect(r.x, r.y, r.w, r.h, 10);
    bg.lineStyle(1, COLORS.panelLine, 1).strokeRoundedRect(r.x, r.y, r.w, r.h, 10);
    const title = text(r.x + fs * 0.6, r.y + fs * 0.35, t('diagramTitle'), fs, { fontStyle: 'bold' });
    const legend = text(r.x + fs * 0.6, r.y + r.h - fs * 0.3, t('diagramRst'), fs, {
      color: CSS.muted,
      wordWrap: { width: r.w - fs * 1.2, useAdvancedWrap: true },
    }).setOrigin(0, 1);
    this.area = {
      x: r.x + 2,
      y: title.y + title.height + 2,
      w: r.w - 4,
      h: legend.y - legend.height - title.y - title.height - 4,
    };

    const wide = r.w / r.h > 1.6;
    const cols = wide ? DIAGRAM_ROWS : DIAGRAM_COLS;
    const rows = wide ? DIAGRAM_COLS : DIAGRAM_ROWS;
    const outer = fs * 0.8;
    const grid: Rect = {
      x: this.area.x + outer,
      y: this.area.y + outer * 0.6,
      w: this.area.w - 2 * outer,
      h: this.area.h - outer * 1.2,
    };
    const cw = grid.w / cols;
    const ch = grid.h / rows;
    const lineH = Math.round(fs * 1.2);
    const hw = stateCodeWidth(fs) / 2 + fs * 0.35;
    // the state's own-language name under its code, where the rows are tall enough
    const twoLines = ch >= lineH * 2 + fs * 2.2 && lang !== 'en';
    const hh = (twoLines ? lineH : lineH / 2) + fs * 0.2;
    this.edges = scene.add.graphics().setDepth(1);
    this.lit = scene.add.graphics().setDepth(2);
    for (const s of TCP_STATES) {
      const pos = DIAGRAM_GRID[s];
      const col = wide ? pos.row : pos.col;
      const row = wide ? pos.col : pos.row;
      const c = { x: grid.x + (col + 0.5) * cw, y: grid.y + (row + 0.5) * ch };
      const code = text(c.x, c.y - (twoLines ? lineH / 2 : 0), s, fs, { fontFamily: MONO, fontStyle: 'bold' })
        .setOrigin(0.5)
        .setDepth(3);
      const g = twoLines
        ? text(c.x, c.y + lineH / 2, stateGloss(stateText(lang, s).name), fs, {
            color: CSS.muted,
            align: 'center',
            maxLines: 1,
          })
            .setOrigin(0.5)
            .setDepth(3)
        : null;
      this.nodes.set(s, { c, hw, hh, code, gloss: g });
    }
    const graph = diagramGraph();
    const pairs = new Set(graph.edges.map((e) => `${e.from}>${e.to}`));
    const nodes = [...this.nodes.values()];
    for (const e of graph.edges) {
      const a = this.nodes.get(e.from)!;
      const b = this.nodes.get(e.to)!;
      const pa = DIAGRAM_GRID[e.from];
      const pb = DIAGRAM_GRID[e.to];
      let pts: Point[];
      if (Math.abs(pa.row - pb.row) >= 3) {
        // a long way back up to CLOSED: around the outside of all the nodes
        const far = (pa.col + pb.col) / 2 >= 1.5;
        const gap = fs * 0.6;
        if (wide) {
          const y = far
            ? Math.max(...nodes.map((n) => n.c.y + n.hh)) + gap
            : Math.min(...nodes.map((n) => n.c.y - n.hh)) - gap;
          const edge = (n: Node) => ({ x: n.c.x, y: far ? n.c.y + n.hh : n.c.y - n.hh });
          pts = rounded([edge(a), { x: a.c.x, y }, { x: b.c.x, y }, edge(b)], fs * 0.8);
        } else {
          const x = far
            ? Math.max(...nodes.map((n) => n.c.x + n.hw)) + gap
            : Math.min(...nodes.map((n) => n.c.x - n.hw)) - gap;
          const edge = (n: Node) => ({ x: far ? n.c.x + n.hw : n.c.x - n.hw, y: n.c.y });
          pts = rounded([edge(a), { x, y: a.c.y }, { x, y: b.c.y }, edge(b)], fs * 0.8);
        }
      } else {
        const both = pairs.has(`${e.to}>${e.from}`);
        const dx = b.c.x - a.c.x;
        const dy = b.c.y - a.c.y;
        const len = Math.hypot(dx, dy) || 1;
        const bend = both ? fs * 0.9 : 0;
        const ctl = {
          x: (a.c.x + b.c.x) / 2 + (-dy / len) * bend,
          y: (a.c.y + b.c.y) / 2 + (dx / len) * bend,
        };
        pts = cubic(border(a, ctl), ctl, ctl, border(b, ctl));
      }
      const label = text(0, 0, edgeLabel(e, lang).join('\n'), fs, {
        color: CSS.muted,
        align: 'center',
        lineSpacing: 1,
        backgroundColor: 'rgba(255,255,255,0.9)',
        padding: { x: 3, y: 1 },
      })
        .setOrigin(0.5)
        .setDepth(4)
        .setVisible(false);
      this.paths.push({ e, pts, label });
    }
    const tagText = (side: Side) =>
      this.me === null
        ? t(side === 'client' ? 'roleClient' : 'roleServer')
        : t(side === this.me ? 'diagramYou' : 'diagramPeer');
    for (const side of ['client', 'server'] as const) {
      this.tags[side] = text(0, 0, tagText(side), fs, {
        color: CSS.white,
        backgroundColor: sideCss(side),
        padding: { x: 4, y: 1 },
        fontStyle: 'bold',
      })
        .setOrigin(0.5, 1)
        .setDepth(6)
        .setVisible(false);
    }
  }

  /** Lights the current states and the edges just taken; redraws only when one of them changed. */
  update(d: DiagramState): void {
    const key = JSON.stringify(d);
    if (key === this.key) return;
    this.key = key;
    const sides: Side[] = this.me === 'server' ? ['server', 'client'] : ['client', 'server'];
    const mine = this.me ? d.states[this.me] : undefined;
    const takenBy = (e: DiagramEdge): Side | null =>
      sides.find((s) => d.taken[s]?.from === e.from && d.taken[s]?.to === e.to) ?? null;
    const g = this.edges;
    g.clear();
    // the plain edges first, the ways out of the player's state over them, the edges just taken on top
    const rank = (e: DiagramEdge) => (takenBy(e) ? 2 : e.from === mine ? 1 : 0);
    const order = [...this.paths].sort((a, b) => rank(a.e) - rank(b.e));
    for (const { e, pts } of order) {
      const by = takenBy(e);
      if (by) this.drawEdge(g, pts, sideColor(by), Math.max(4, this.fs * 0.25));
      else if (e.from === mine && this.me)
        this.drawEdge(g, pts, sideColor(this.me), Math.max(2.5, this.fs * 0.13));
      else this.drawEdge(g, pts, COLORS.edge, 1.5);
    }
    this.placeLabels(d, sides, takenBy);

    const lit = this.lit;
    lit.clear();
    for (const [s, n] of this.nodes) {
      const on = sides.filter((side) => d.states[side] === s);
      const fill = on[0];
      lit.fillStyle(fill ? sideColor(fill) : COLORS.nodeFill, 1);
      lit.fillRoundedRect(n.c.x - n.hw, n.c.y - n.hh, n.hw * 2, n.hh * 2, 6);
      const ring = on[1];
      lit.lineStyle(ring ? 5 : 1.5, ring ? sideColor(ring) : COLORS.panelLine, 1);
      lit.strokeRoundedRect(n.c.x - n.hw, n.c.y - n.hh, n.hw * 2, n.hh * 2, 6);
      n.code.setColor(fill ? CSS.white : CSS.ink);
      n.gloss?.setColor(fill ? CSS.white : CSS.muted);
    }
    // the tags sit on the nodes' top corners, clear of the edges that leave from the middle
    for (const side of sides) {
      const tag = this.tags[side]!;
      const st = d.states[side];
      if (!st) {
        tag.setVisible(false);
        continue;
      }
      const n = this.nodes.get(st)!;
      const left = side === sides[0];
      tag
        .setVisible(true)
        .setPosition(left ? n.c.x - n.hw + tag.width / 2 : n.c.x + n.hw - tag.width / 2, n.c.y - n.hh + 3);
    }
  }

  /** Puts each edge's label where it overlaps no node and no label placed before it, most wanted first. */
  private placeLabels(d: DiagramState, sides: Side[], takenBy: (e: DiagramEdge) => Side | null): void {
    const fs = this.fs;
    const nodeBoxes: Box[] = [...this.nodes.values()].map((n) => ({
      x: n.c.x - n.hw,
      y: n.c.y - n.hh - fs * 0.6,
      w: n.hw * 2,
      h: n.hh * 2 + fs * 0.6,
    }));
    const a = this.area;
    const priority = (e: DiagramEdge): number => {
      const by = takenBy(e);
      if (by) return by === sides[0] ? 0 : 1;
      if (e.from === d.states[sides[0]!]) return 2;
      if (e.from === d.states[sides[1]!]) return 3;
      return 4;
    };
    const order = [...this.paths].sort((x, y) => priority(x.e) - priority(y.e));
    const placed: Box[] = [];
    const free = (box: Box) =>
      box.x >= a.x &&
      box.y >= a.y &&
      box.x + box.w <= a.x + a.w &&
      box.y + box.h <= a.y + a.h &&
      !nodeBoxes.some((n) => overlap(n, box)) &&
      !placed.some((q) => overlap(q, box, 2));
    for (const { e, pts, label } of order) {
      const p = priority(e);
      const by = takenBy(e);
      label.setColor(by ? CSS.white : p <= 3 ? CSS.ink : CSS.muted);
      label.setBackgroundColor(by ? sideCss(by) : 'rgba(255,255,255,0.9)');
      const w = label.width;
      const h = label.height;
      const at = (c: Point): Box => ({ x: c.x - w / 2, y: c.y - h / 2, w, h });
      let spot: Box | null = null;
      for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
        const box = at(along(pts, f));
        if (free(box)) {
          spot = box;
          break;
        }
      }
      // the edges that matter now get their label nearby, tied to the edge by a thin line
      let leader: Point | null = null;
      if (!spot && p <= 3) {
        const mid = along(pts, 0.5);
        search: for (let r = fs; r <= fs * 7; r += fs * 0.75) {
          for (let k = 0; k < 12; k++) {
            const ang = (k / 12) * Math.PI * 2;
            const box = at({ x: mid.x + Math.cos(ang) * r * 1.6, y: mid.y + Math.sin(ang) * r });
            if (free(box)) {
              spot = box;
              leader = mid;
              break search;
            }
          }
        }
      }
      if (!spot) {
        label.setVisible(false);
        continue;
      }
      placed.push(spot);
      label.setVisible(true).setPosition(spot.x + w / 2, spot.y + h / 2);
      if (leader) {
        const cx = Math.max(spot.x, Math.min(spot.x + w, leader.x));
        const cy = Math.max(spot.y, Math.min(spot.y + h, leader.y));
        this.edges
          .lineStyle(2, by ? sideColor(by) : COLORS.muted, 0.9)
          .lineBetween(cx, cy, leader.x, leader.y);
        this.edges.fillStyle(by ? sideColor(by) : COLORS.muted, 1).fillCircle(leader.x, leader.y, 3);
      }
    }
  }

  private drawEdge(g: Phaser.GameObjects.Graphics, pts: Point[], color: number, width: number): void {
    g.lineStyle(width, color, 1);
    g.strokePoints(pts.map((p) => new Phaser.Math.Vector2(p.x, p.y)));
    const end = pts[pts.length - 1]!;
    const prev = pts[pts.length - 3] ?? pts[0]!;
    const dx = end.x - prev.x;
    const dy = end.y - prev.y;
    const len = Math.hypot(dx, dy) || 1;
    const ux = dx / len;
    const uy = dy / len;
    const k = this.fs * 0.45 + width;
    g.fillStyle(color, 1).fillTriangle(
      end.x,
      end.y,
      end.x - ux * k - uy * k * 0.5,
      end.y - uy * k + ux * k * 0.5,
      end.x - ux * k + uy * k * 0.5,
      end.y - uy * k - ux * k * 0.5,
    );
  }
}
