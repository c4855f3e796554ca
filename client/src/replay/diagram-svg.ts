/**
 * The /replay page's state diagram: the states where RFC 793's figure puts them (DIAGRAM_GRID), the
 * edges of the shared transition table (diagramGraph), each side's current state marked in its
 * colour, and the edges taken at the step shown drawn thick with their labels (edge-labels.ts).
 */
import type { Lang } from '../../../shared/i18n';
import { TCP_STATES, type Side, type TcpState } from '../../../shared/tcp/types';
import { DIAGRAM_GRID, diagramGraph, type DiagramEdge } from '../view/diagram-graph';
import { edgeLabel } from '../view/edge-labels';
import type { LadderState } from '../view/ladder-model';
import { svgEl } from './svg-el';

const COL_W = 200;
const ROW_H = 78;
const BOX_W = 160;
const BOX_H = 34;
const GRAPH = diagramGraph();

function centre(s: TcpState): { x: number; y: number } {
  const p = DIAGRAM_GRID[s];
  return { x: 100 + p.col * COL_W, y: 30 + p.row * ROW_H };
}

/** A line between two states' boxes, cut at their edges so the head shows. */
function edgeEnds(from: TcpState, to: TcpState) {
  const a = centre(from);
  const b = centre(to);
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  // how far along the centre line the box's border is, for a box BOX_W x BOX_H
  const cut = (sx: number, sy: number) =>
    Math.min(sx === 0 ? Infinity : BOX_W / 2 / Math.abs(sx), sy === 0 ? Infinity : BOX_H / 2 / Math.abs(sy));
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const c = cut(ux, uy) + 3;
  return { x1: a.x + ux * c, y1: a.y + uy * c, x2: b.x - ux * c, y2: b.y - uy * c };
}

function arrowHead(x1: number, y1: number, x2: number, y2: number): string {
  const angle = Math.atan2(y2 - y1, x2 - x1);
  const p = (d: number) => `${x2 - 10 * Math.cos(angle + d)} ${y2 - 10 * Math.sin(angle + d)}`;
  return `M${p(0.4)}L${x2} ${y2}L${p(-0.4)}`;
}

export interface DiagramLabels {
  client: string;
  server: string;
}

/** The diagram with each side's state and the changes made at the step shown. */
export function diagramSvg(
  states: Readonly<Record<Side, TcpState>>,
  taken: readonly LadderState[],
  lang: Lang,
  labels: DiagramLabels,
): SVGSVGElement {
  const svg = svgEl('svg', { class: 'cap-diagram-svg', viewBox: '0 0 600 540', role: 'img' });
  const edge = (e: DiagramEdge, cls: string) => {
    const { x1, y1, x2, y2 } = edgeEnds(e.from, e.to);
    return svgEl(
      'g',
      { class: cls },
      svgEl('line', { x1, y1, x2, y2 }),
      svgEl('path', { d: arrowHead(x1, y1, x2, y2) }),
      svgEl('title', {}, edgeLabel(e, lang).join(' / ')),
    );
  };
  for (const e of GRAPH.edges) svg.append(edge(e, 'dia-edge'));
  for (const ch of taken) {
    if (ch.from === null) continue;
    const e = GRAPH.edges.find((x) => x.from === ch.from && x.to === ch.state) ?? {
      from: ch.from,
      to: ch.state,
      triggers: [],
    };
    const g = edge(e, `dia-edge taken side-${ch.side}`);
    const { x1, y1, x2, y2 } = edgeEnds(e.from, e.to);
    const lines = e.triggers.length ? edgeLabel(e, lang) : [];
    lines.forEach((l, i) =>
      g.append(
        svgEl('text', { x: (x1 + x2) / 2 + 6, y: (y1 + y2) / 2 + i * 15 - 4, class: 'dia-edge-label' }, l),
      ),
    );
    svg.append(g);
  }
  for (const s of TCP_STATES) {
    const { x, y } = centre(s);
    const sides = (['client', 'server'] as const).filter((side) => states[side] === s);
    const g = svgEl('g', {
      class: `dia-state${sides.map((side) => ` at-${side}`).join('')}`,
      'data-state': s,
    });
    g.append(
      svgEl('rect', { x: x - BOX_W / 2, y: y - BOX_H / 2, width: BOX_W, height: BOX_H, rx: 8 }),
      svgEl('text', { x, y: y + 5, 'text-anchor': 'middle' }, s),
    );
    sides.forEach((side, i) =>
      g.append(
        svgEl(
          'text',
          {
            x: x + (i === 0 ? -1 : 1) * (BOX_W / 2 - 2),
            y: y - BOX_H / 2 - 4,
            'text-anchor': i === 0 ? 'start' : 'end',
            class: `dia-who side-${side}`,
          },
          labels[side],
        ),
      ),
    );
    svg.append(g);
  }
  return svg;
}
