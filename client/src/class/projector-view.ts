/**
 * A pair on the projector: the ladder (both timelines, each segment an arrow labelled with its flags
 * and relative numbers, each side's state beside its timeline at every change, lost / copied / old
 * marks, the 2MSL bracket), both hosts' states in large type, freeze and ask (the question for the
 * side whose duty it is, then its answer and why) and a step-by-step replay of a finished game.
 * Plain DOM and an SVG of lines only: every text is an HTML element sized in CSS pixels.
 */
import type { Lang } from '../../../shared/i18n';
import { projectorText, type ProjectorKey } from '../../../shared/i18n/projector-texts';
import type { WatchView } from '../../../shared/protocol/events';
import type { Side } from '../../../shared/tcp/types';
import { captureButton } from '../ui/capture-button';
import { fullScreenDialog } from '../ui/full-screen';
import { el, replaceChildren, setText } from '../ui/dom';
import { svgLine, svgRoot } from '../ui/svg';
import { segmentLabel } from '../view/format';
import { spreadLabels, type LabelBox } from '../view/label-layout';
import { ladderModel, type LadderModel } from '../view/ladder-model';
import { numberingOf, type Numbering } from '../view/numbering';
import { replaySteps, type ReplayStep } from '../view/replay-steps';
import type { HostContext } from './host-context';
import { questionFor } from './projector-question';

export { questionFor, type Question } from './projector-question';

const SIDES: readonly Side[] = ['client', 'server'];

export class ProjectorView {
  readonly root: HTMLElement;
  private readonly title: HTMLElement;
  private readonly hosts: Record<Side, HTMLElement>;
  private readonly ladder: HTMLElement;
  private readonly askBox: HTMLElement;
  private readonly controls: HTMLElement;
  private readonly freezeButton: HTMLButtonElement;
  private readonly revealButton: HTMLButtonElement;
  /** A finished game downloads for Wireshark, as from the spectator view. */
  private readonly download: HTMLButtonElement;
  private view: WatchView | null = null;
  /** The replay's step shown (null: the whole game as it stands). */
  private step: number | null = null;
  private revealed = false;
  private frozen = false;

  constructor(
    private readonly c: HostContext,
    close: () => void,
  ) {
    const p = (k: ProjectorKey) => this.p(k);
    this.title = el('h2', { id: 'h-projector', class: 'proj-title' });
    const closeButton = el(
      'button',
      { attrs: { type: 'button', 'data-testid': 'projector-close' } },
      p('close'),
    );
    closeButton.addEventListener('click', close);
    this.freezeButton = el('button', { attrs: { type: 'button', 'data-testid': 'projector-freeze' } });
    this.freezeButton.addEventListener('click', () => void this.toggleFreeze());
    this.revealButton = el(
      'button',
      { attrs: { type: 'button', 'data-testid': 'projector-reveal' } },
      p('reveal'),
    );
    this.revealButton.addEventListener('click', () => {
      this.revealed = true;
      this.render();
    });
    this.controls = el('div', { class: 'proj-controls' });
    this.download = captureButton({ ...c, pairId: () => this.view?.pairId });
    this.hosts = {
      client: el('section', { class: 'proj-host side-client', attrs: { 'data-side': 'client' } }),
      server: el('section', { class: 'proj-host side-server', attrs: { 'data-side': 'server' } }),
    };
    this.ladder = el('div', { class: 'proj-ladder', attrs: { 'data-testid': 'projector-ladder' } });
    // a new size (the projector's window, the type with it): the labels are measured again
    new ResizeObserver(() => this.spreadLabels()).observe(this.ladder);
    this.askBox = el('section', {
      class: 'proj-ask',
      attrs: { 'data-testid': 'projector-ask', 'aria-live': 'polite' },
    });
    this.root = fullScreenDialog(
      'projector',
      'h-projector',
      'projector',
      el('header', { class: 'proj-head' }, this.title, this.controls, closeButton),
      el('div', { class: 'proj-board' }, this.hosts.client, this.ladder, this.hosts.server),
      this.askBox,
    );
  }

  private p(key: ProjectorKey, params?: Record<string, string | number>): string {
    return projectorText(this.c.lang.lang, key, params);
  }

  update(w: WatchView): void {
    if (this.view && this.view.client.gameId !== w.client.gameId) {
      this.step = null;
      this.revealed = false;
    }
    this.view = w;
    this.frozen = w.client.paused;
    this.render();
  }

  private async toggleFreeze(): Promise<void> {
    const w = this.view;
    if (!w) return;
    const want = !this.frozen;
    const r = await this.c.act(this.c.net.freeze(w.pairId, want));
    if (!r) return;
    this.frozen = r.frozen;
    this.revealed = false;
    this.render();
  }

  private render(): void {
    const w = this.view;
    if (!w) return;
    const lang = this.c.lang.lang;
    const bot = w.server.bot?.role === 'server';
    setText(
      this.title,
      this.p('title', {
        client: w.client.you.nickname,
        server: bot ? this.c.t('botName') : w.server.you.nickname,
      }),
    );
    this.root.dataset['pair'] = w.pairId;
    this.root.dataset['frozen'] = String(this.frozen);
    const finished = w.client.phase === 'finished';
    const m = ladderModel(w.client, w.server);
    const steps = replaySteps(w.client, m, []);
    if (this.step !== null) this.step = Math.min(this.step, steps.length - 1);
    const upTo = this.step === null ? Infinity : steps[this.step]!.index;
    const shownStates =
      this.step === null
        ? { client: w.client.you.record.state, server: w.server.you.record.state }
        : steps[this.step]!.states;
    for (const side of SIDES) {
      replaceChildren(
        this.hosts[side],
        el('p', { class: 'proj-role' }, this.p(side)),
        el(
          'p',
          { class: 'proj-name' },
          side === 'server' && bot
            ? this.c.t('botName')
            : (side === 'client' ? w.client : w.server).you.nickname,
        ),
        el(
          'p',
          {
            class: 'proj-state',
            attrs: { 'data-state': shownStates[side], 'data-testid': `projector-state-${side}` },
          },
          shownStates[side],
        ),
      );
    }
    this.renderControls(finished, steps);
    this.renderLadder(m, steps, upTo, numberingOf(w.client, 'relative'));
    this.renderAsk(w, lang, finished, steps);
  }

  private renderControls(finished: boolean, steps: ReplayStep[]): void {
    const button = (key: ProjectorKey, id: string, on: () => void, disabled = false) => {
      const b = el('button', { attrs: { type: 'button', 'data-testid': id } }, this.p(key));
      b.disabled = disabled;
      b.addEventListener('click', () => {
        on();
        this.render();
      });
      return b;
    };
    if (finished) {
      const s = this.step;
      replaceChildren(
        this.controls,
        button('replay', 'projector-replay', () => (this.step = 0)),
        button(
          'prev',
          'projector-prev',
          () => (this.step = Math.max(0, (s ?? steps.length - 1) - 1)),
          s === 0,
        ),
        button(
          'next',
          'projector-next',
          () => (this.step = Math.min(steps.length - 1, (s ?? -1) + 1)),
          s === null,
        ),
        button('all', 'projector-all', () => (this.step = null), s === null),
        el(
          'span',
          { class: 'proj-step', attrs: { 'data-testid': 'projector-step' } },
          s === null
            ? this.p('finished')
            : s === 0
              ? this.p('start')
              : this.p('step', { n: s, total: steps.length - 1 }),
        ),
        this.download,
      );
      return;
    }
    setText(this.freezeButton, this.p(this.frozen ? 'unfreeze' : 'freeze'));
    this.freezeButton.classList.toggle('on', this.frozen);
    const parts: HTMLElement[] = [this.freezeButton];
    if (this.frozen) parts.push(el('span', { class: 'proj-frozen' }, this.p('frozen')));
    replaceChildren(this.controls, ...parts);
  }

  private renderAsk(w: WatchView, lang: Lang, finished: boolean, steps: ReplayStep[]): void {
    if (finished) {
      const s = this.step === null ? null : steps[this.step];
      const lines =
        s && s.changes.length
          ? s.changes.map((ch) =>
              el('p', { class: `proj-change side-${ch.side}` }, `${this.p(ch.side)}: ${ch.from} → ${ch.to}`),
            )
          : [];
      replaceChildren(this.askBox, ...lines);
      this.askBox.hidden = lines.length === 0;
      return;
    }
    if (!this.frozen) {
      this.askBox.hidden = true;
      replaceChildren(this.askBox);
      return;
    }
    this.askBox.hidden = false;
    const q = questionFor(w, lang);
    if (!q) {
      replaceChildren(this.askBox, el('p', { class: 'proj-question' }, this.p('nothingToAsk')));
      return;
    }
    const parts: HTMLElement[] = [
      el(
        'p',
        { class: 'proj-question', attrs: { 'data-testid': 'projector-question', 'data-side': q.side } },
        q.ask,
      ),
    ];
    if (this.revealed)
      parts.push(
        el('p', { class: 'proj-answer', attrs: { 'data-testid': 'projector-answer' } }, q.answer),
        el('p', { class: 'proj-explain' }, q.explain),
      );
    else parts.push(this.revealButton);
    replaceChildren(this.askBox, ...parts);
  }

  /**
   * The ladder: one row per replay step (time runs down), the client's timeline at 30 %, the
   * server's at 70 %; an arrow runs from the row that sent it to the row where it arrived or was
   * lost (a loss ends half-way in a cross), or to the row after the last while in flight.
   */
  private renderLadder(m: LadderModel, steps: ReplayStep[], upTo: number, num: Numbering): void {
    const shown = steps.filter((s) => s.index <= upTo);
    const rowOf = (index: number): number => {
      if (index < 0) return 0;
      const r = steps.findIndex((s) => s.index >= index);
      return r < 0 ? steps.length - 1 : r;
    };
    const rows = shown.length + 1;
    const ROW = 'var(--proj-row)';
    const xOf = (s: Side) => (s === 'client' ? 30 : 70);
    const svg = svgRoot(`0 0 100 ${rows * 10}`, 'proj-lines');
    const line = (x1: number, y1: number, x2: number, y2: number, cls: string) => {
      svgLine(svg, x1, y1, x2, y2, cls);
    };
    for (const s of SIDES) line(xOf(s), 0, xOf(s), rows * 10, `timeline side-${s}`);
    const labels: HTMLElement[] = [];
    const at = (x: number, row: number, cls: string, text: string, extra: Record<string, string> = {}) => {
      const e = el('div', { class: cls, attrs: extra }, text);
      e.style.left = `${x}%`;
      e.style.top = `calc(${row} * ${ROW})`;
      labels.push(e);
    };
    for (const a of m.arrows) {
      if (a.sentIndex > upTo) continue;
      const r0 = rowOf(a.sentIndex) + 0.5;
      const ended = a.endIndex >= 0 && a.endIndex <= upTo;
      let r1 = ended ? rowOf(a.endIndex) + 0.5 : shown.length + 0.5;
      if (r1 <= r0) r1 = r0 + 0.5;
      const x0 = xOf(a.from);
      let x1 = xOf(a.from === 'client' ? 'server' : 'client');
      const lost = a.fate === 'lost' && ended;
      if (lost) {
        x1 = (x0 + x1) / 2;
        r1 = (r0 + r1) / 2;
      }
      const cls = ['arrow', `side-${a.from}`];
      if (lost) cls.push('lost');
      if (a.duplicate) cls.push('dup');
      if (a.injected) cls.push('old');
      if (!ended) cls.push('flying');
      line(x0, r0 * 10, x1, r1 * 10, cls.join(' '));
      if (lost) {
        line(x1 - 1.5, r1 * 10 - 3, x1 + 1.5, r1 * 10 + 3, 'cross');
        line(x1 - 1.5, r1 * 10 + 3, x1 + 1.5, r1 * 10 - 3, 'cross');
      } else {
        // the arrow head: two short strokes back from its end
        const dir = x1 > x0 ? -1 : 1;
        line(x1, r1 * 10, x1 + dir * 2.5, r1 * 10 - 2.5, cls.join(' '));
      }
      const marks: string[] = [];
      if (lost) marks.push(this.p('lost'));
      if (a.duplicate) marks.push(this.p('duplicate'));
      if (a.injected) marks.push(this.p('old'));
      if (a.retransmission) marks.push(this.p('retransmission'));
      const text = `${segmentLabel(a.segment, a.from, num)}${marks.length ? ` (${marks.join(', ')})` : ''}`;
      at(
        50,
        (r0 + (ended ? r1 : r0 + 0.6)) / 2 - 0.35,
        `proj-seg side-${a.from}${lost ? ' lost' : ''}`,
        text,
        {
          'data-testid': 'projector-segment',
          'data-segment': String(a.id),
        },
      );
    }
    // each side's state beside its timeline, at the row it changed
    for (const st of m.states) {
      if (st.index > upTo) continue;
      const row = st.index < 0 ? 0.05 : rowOf(st.index) + 0.2;
      at(st.side === 'client' ? 28 : 72, row, `proj-st side-${st.side}`, st.state, {
        'data-testid': `projector-st-${st.side}`,
      });
    }
    for (const tm of m.timers) {
      if (tm.kind !== 'time-wait' || tm.startIndex > upTo) continue;
      const r0 = rowOf(tm.startIndex) + 0.5;
      const r1 = tm.endIndex >= 0 && tm.endIndex <= upTo ? rowOf(tm.endIndex) + 0.5 : rows - 0.1;
      const x = tm.side === 'client' ? 31.5 : 68.5;
      line(x, r0 * 10, x, r1 * 10, 'bracket');
      const d = tm.side === 'client' ? 1 : -1;
      line(x, r0 * 10, x + d, r0 * 10, 'bracket');
      line(x, r1 * 10, x + d, r1 * 10, 'bracket');
      at(tm.side === 'client' ? 33 : 67, (r0 + r1) / 2 - 0.3, `proj-msl side-${tm.side}`, '2MSL', {
        'data-testid': 'projector-msl',
      });
    }
    const canvas = el('div', { class: 'proj-canvas' });
    canvas.style.height = `calc(${rows} * ${ROW})`;
    // the lines keep the rows' height when the labels, spread apart, make the canvas taller
    svg.style.height = canvas.style.height;
    canvas.append(svg, ...labels);
    replaceChildren(this.ladder, canvas);
    this.spreadLabels();
  }

  /**
   * Moves the ladder's labels apart where they would cover each other (segments close together,
   * a label as wide as the gap between the timelines): measured as drawn, so again when the
   * projector's size changes. The states stay beside their timelines; segment labels move down.
   */
  private spreadLabels(): void {
    const canvas = this.ladder.querySelector<HTMLElement>('.proj-canvas');
    if (!canvas) return;
    const labels = [...canvas.querySelectorAll<HTMLElement>('.proj-seg, .proj-st, .proj-msl')];
    for (const l of labels) l.style.marginTop = '';
    canvas.style.minHeight = '';
    const base = canvas.getBoundingClientRect();
    const boxes: LabelBox[] = labels.map((l) => {
      const r = l.getBoundingClientRect();
      return {
        left: r.left - base.left,
        right: r.right - base.left,
        top: r.top - base.top,
        height: r.height,
        fixed: !l.classList.contains('proj-seg'),
      };
    });
    const tops = spreadLabels(boxes, 2);
    let bottom = 0;
    labels.forEach((l, i) => {
      const shift = tops[i]! - boxes[i]!.top;
      if (shift > 0.5) l.style.marginTop = `${shift}px`;
      bottom = Math.max(bottom, tops[i]! + boxes[i]!.height);
    });
    if (bottom > base.height) canvas.style.minHeight = `${Math.ceil(bottom + 8)}px`;
    this.ladder.scrollTop = this.ladder.scrollHeight;
  }
}
