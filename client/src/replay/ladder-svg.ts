/**
 * The /replay page's ladder: a replayed capture's ladder model (replay-ladder.ts) drawn in SVG up to
 * the step shown, as the textbooks draw one: both timelines, each segment an arrow from the row that
 * sent it to the row before which it arrived (a cross half-way when it was lost after the capture
 * point, dashed while still in flight), each side's state beside its timeline where it changed, and
 * on the left each segment's number and capture time, as Wireshark lists them.
 */
import type { Side } from '../../../shared/tcp/types';
import type { Trace } from '../../../shared/trace/trace-format';
import { segmentLabel } from '../view/format';
import type { LadderModel } from '../view/ladder-model';
import type { Numbering } from '../view/numbering';
import { svgEl } from './svg-el';

const ROW = 40;
const TOP = 44;
const WIDTH = 780;
const X: Readonly<Record<Side, number>> = { client: 250, server: 640 };

export interface LadderLabels {
  client: string;
  server: string;
  lost: string;
  retransmission: string;
  /** Marks of a step's verdict on its row: refused, accepted with notes. */
  verdictOf: (step: number) => 'refused' | 'noted' | 'accepted' | 'skipped';
}

/** Seconds since the first segment, as Wireshark's relative time column writes them. */
function timeText(t: number | undefined): string {
  return t === undefined ? '' : t.toFixed(6);
}

/**
 * Draws the ladder up to position `upTo` (a step index; the steps' count for the end, where what was
 * still in flight arrives). `onPick` is called with the step of a segment clicked.
 */
export function ladderSvg(
  m: LadderModel,
  trace: Trace,
  upTo: number,
  num: Numbering,
  labels: LadderLabels,
  onPick: (step: number) => void,
): SVGSVGElement {
  const rows = Math.min(upTo, m.arrows.length - 1) + 2;
  const height = TOP + rows * ROW;
  const y = (at: number) => TOP + at * ROW;
  const svg = svgEl('svg', {
    class: 'cap-ladder-svg',
    viewBox: `0 0 ${WIDTH} ${height}`,
    width: WIDTH,
    height,
    role: 'img',
  });
  for (const side of ['client', 'server'] as const) {
    svg.append(
      svgEl(
        'text',
        { x: X[side], y: 18, class: `lad-host side-${side}`, 'text-anchor': 'middle' },
        labels[side],
      ),
      svgEl('line', { x1: X[side], y1: 26, x2: X[side], y2: height, class: `lad-timeline side-${side}` }),
    );
  }
  for (const a of m.arrows) {
    if (a.sentIndex > upTo) continue;
    const current = a.sentIndex === upTo;
    const ended = a.endIndex >= 0 && a.endIndex <= upTo;
    const lost = a.fate === 'lost' && ended;
    const x0 = X[a.from];
    let x1 = X[a.from === 'client' ? 'server' : 'client'];
    const y0 = y(a.sentAt);
    let y1 = ended ? y(a.endAt) : y(upTo + 1.4);
    if (lost) {
      x1 = (x0 + x1) / 2;
      y1 = (y0 + y1) / 2;
    }
    const verdict = labels.verdictOf(a.sentIndex);
    const cls = `lad-arrow side-${a.from} v-${verdict}${current ? ' current' : ''}${ended ? '' : ' flying'}`;
    const g = svgEl('g', {
      class: cls,
      'data-testid': 'cap-arrow',
      'data-step': a.sentIndex,
    });
    g.append(svgEl('line', { x1: x0, y1: y0, x2: x1, y2: y1 }));
    if (lost) {
      g.append(
        svgEl('path', {
          d: `M${x1 - 7} ${y1 - 7}L${x1 + 7} ${y1 + 7}M${x1 - 7} ${y1 + 7}L${x1 + 7} ${y1 - 7}`,
          class: 'lad-cross',
        }),
      );
    } else {
      // the head: two short strokes back along the arrow from its end
      const angle = Math.atan2(y1 - y0, x1 - x0);
      const head = (d: number) => `${x1 - 11 * Math.cos(angle + d)} ${y1 - 11 * Math.sin(angle + d)}`;
      g.append(svgEl('path', { d: `M${head(0.45)}L${x1} ${y1}L${head(-0.45)}`, class: 'lad-head' }));
    }
    const marks = [lost ? labels.lost : '', a.retransmission ? labels.retransmission : ''].filter(Boolean);
    const text = `${segmentLabel(a.segment, a.from, num)}${marks.length ? ` (${marks.join(', ')})` : ''}`;
    // the label just above the arrow's start, beside its sender: one row each, so segments that
    // cross on the wire (both sides sending at once) keep their labels apart
    const left = a.from === 'client';
    g.append(
      svgEl(
        'text',
        { x: x0 + (left ? 12 : -12), y: y0 - 5, 'text-anchor': left ? 'start' : 'end', class: 'lad-label' },
        text,
      ),
    );
    g.append(
      svgEl('text', { x: 8, y: y0 + 4, class: 'lad-index' }, `#${a.sentIndex}`),
      svgEl('text', { x: 52, y: y0 + 4, class: 'lad-time' }, timeText(trace.segments[a.sentIndex]?.t)),
    );
    g.addEventListener('click', () => onPick(a.sentIndex));
    svg.append(g);
  }
  for (const st of m.states) {
    if (st.index > upTo) continue;
    const left = st.side === 'client';
    svg.append(
      svgEl(
        'text',
        {
          x: X[st.side] + (left ? -8 : 8),
          y: st.index < 0 ? TOP - 2 : y(st.at) + 4,
          'text-anchor': left ? 'end' : 'start',
          class: `lad-state side-${st.side}${st.index === upTo ? ' current' : ''}`,
          'data-testid': `cap-state-${st.side}`,
        },
        st.state,
      ),
    );
  }
  return svg;
}
