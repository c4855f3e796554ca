/**
 * The eleven states and their transitions, drawn from the shared transition table, with both
 * sides' current states lit and the ways out of the player's own state drawn in its colour.
 */
import Phaser from 'phaser';
import type { GameView } from '../../../../shared/game/game-view';
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
import { stateGloss } from '../../view/format';
import type { Rect } from '../base-scene';
import { textMaker } from './canvas-text';
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

export class StateDiagram {
  private readonly nodes = new Map<TcpState, Node>();
  private readonly paths: { e: DiagramEdge; pts: Point[] }[] = [];
  private readonly lit: Phaser.GameObjects.Graphics;
  private readonly edges: Phaser.GameObjects.Graphics;
  private readonly tags: Record<'you' | 'peer', Phaser.GameObjects.Text>;
  private key = '';

  constructor(
    scene: Phaser.Scene,
    r: Rect,
    private readonly fs: number,
    lang: Lang,
    t: T,
    private readonly me: Side,
  ) {
    const peer: Side = me === 'client' ? 'server' : 'client';
    const text = textMaker(scene);
    const bg = scene.add.graphics();
    bg.fillStyle(COLORS.panel, 0.7).fillRoundedRect(r.x, r.y, r.w, r.h, 10);
    bg.lineStyle(1, COLORS.panelLine, 1).strokeRoundedRect(r.x, r.y, r.w, r.h, 10);
    const title = text(r.x + fs * 0.6, r.y + fs * 0.4, t('diagramTitle'), fs * 0.95, { fontStyle: 'bold' });
    const legend = text(r.x + fs * 0.6, r.y + r.h - fs * 0.4, t('diagramRst'), fs * 0.7, {
      color: CSS.muted,
      wordWrap: { width: r.w - fs * 1.2, useAdvancedWrap: true },
    }).setOrigin(0, 1);

    const wide = r.w / r.h > 1.6;
    const margin = fs * 1.6;
    const grid: Rect = {
      x: r.x + (wide ? fs * 0.5 : margin),
      y: r.y + title.height + fs * 0.6 + (wide ? margin * 0.6 : 0),
      w: r.w - (wide ? fs : 2 * margin),
      h: r.h - title.height - legend.height - fs * 1.2 - (wide ? margin * 1.2 : 0),
    };
    const cols = wide ? DIAGRAM_ROWS : DIAGRAM_COLS;
    const rows = wide ? DIAGRAM_COLS : DIAGRAM_ROWS;
    const cw = grid.w / cols;
    const ch = grid.h / rows;
    const hw = Math.min(cw * 0.44, fs * 6.5);
    const hh = Math.min(ch * 0.36, fs * 1.5);
    const twoLines = hh * 2 >= fs * 2.1;
    this.edges = scene.add.graphics().setDepth(1);
    this.lit = scene.add.graphics().setDepth(2);
    for (const s of TCP_STATES) {
      const pos = DIAGRAM_GRID[s];
      const col = wide ? pos.row : pos.col;
      const row = wide ? pos.col : pos.row;
      const c = { x: grid.x + (col + 0.5) * cw, y: grid.y + (row + 0.5) * ch };
      const size = Math.min(fs * 0.78, (hw * 2) / (s.length * 0.62));
      const code = text(c.x, c.y - (twoLines ? size * 0.55 : 0), s, size, {
        fontFamily: MONO,
        fontStyle: 'bold',
      })
        .setOrigin(0.5)
        .setDepth(3);
      const g = twoLines
        ? text(c.x, c.y + size * 0.62, stateGloss(stateText(lang, s).name), fs * 0.62, {
            color: CSS.muted,
            fixedWidth: hw * 2 - 4,
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
    for (const e of graph.edges) {
      const a = this.nodes.get(e.from)!;
      const b = this.nodes.get(e.to)!;
      const pa = DIAGRAM_GRID[e.from];
      const pb = DIAGRAM_GRID[e.to];
      let pts: Point[];
      if (Math.abs(pa.row - pb.row) >= 3) {
        // a long way back up to CLOSED: around the outside of all the nodes
        const far = (pa.col + pb.col) / 2 >= 1.5;
        const nodes = [...this.nodes.values()];
        const gap = fs * 0.75;
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
        const s0 = border(a, ctl);
        const s3 = border(b, ctl);
        pts = cubic(s0, ctl, ctl, s3);
      }
      this.paths.push({ e, pts });
    }
    const tag = (side: Side, label: string) =>
      text(0, 0, label, fs * 0.62, {
        color: CSS.white,
        backgroundColor: sideCss(side),
        padding: { x: 4, y: 1 },
        fontStyle: 'bold',
      })
        .setOrigin(0.5, 1)
        .setDepth(5)
        .setVisible(false);
    this.tags = { you: tag(me, t('diagramYou')), peer: tag(peer, t('diagramPeer')) };
  }

  /** Lights both current states; redraws only when one of them changed. */
  update(v: GameView): void {
    const mine = v.you.record.state;
    const theirs = v.peer.state;
    const key = `${mine}|${theirs}`;
    if (key === this.key) return;
    this.key = key;
    const peer: Side = this.me === 'client' ? 'server' : 'client';
    const g = this.edges;
    g.clear();
    for (const { e, pts } of this.paths) {
      const out = e.from === mine;
      this.drawEdge(g, pts, out ? sideColor(this.me) : COLORS.edge, out ? 3 : 1.5);
    }
    const lit = this.lit;
    lit.clear();
    for (const [s, n] of this.nodes) {
      const isMine = s === mine;
      const isPeer = s === theirs;
      lit.fillStyle(isMine ? sideColor(this.me) : COLORS.nodeFill, 1);
      lit.fillRoundedRect(n.c.x - n.hw, n.c.y - n.hh, n.hw * 2, n.hh * 2, 6);
      lit.lineStyle(isPeer ? 4 : 1.5, isPeer ? sideColor(peer) : COLORS.panelLine, 1);
      lit.strokeRoundedRect(n.c.x - n.hw, n.c.y - n.hh, n.hw * 2, n.hh * 2, 6);
      n.code.setColor(isMine ? CSS.white : CSS.ink);
      n.gloss?.setColor(isMine ? CSS.white : CSS.muted);
    }
    // the tags sit on the nodes' top corners, clear of the edges that leave from the middle
    const a = this.nodes.get(mine)!;
    const b = this.nodes.get(theirs)!;
    const you = this.tags.you;
    const them = this.tags.peer;
    you.setVisible(true).setPosition(a.c.x - a.hw + you.width / 2 + 2, a.c.y - a.hh + 2);
    them.setVisible(true).setPosition(b.c.x + b.hw - them.width / 2 - 2, b.c.y - b.hh + 2);
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
    const k = this.fs * 0.5 + width;
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
