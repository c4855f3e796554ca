/**
 * The game: the two hosts with their states, record and clocks over their timelines, the ladder
 * diagram of the connection as it happens (the segment in flight moving along its arrow), the state
 * diagram with the edges just taken, and (in the DOM) the composer, the verdicts and the log.
 * Numbers relative to the ISNs (x, y) or absolute, as the player chose; where ladder and diagram do
 * not fit side by side at a readable size, the canvas shows one and the panel switches.
 */
import type { GameView } from '../../../shared/game/game-view';
import type { MovePayload } from '../../../shared/protocol/events';
import type { Side } from '../../../shared/tcp/types';
import type { StudentView } from '../../../shared/class/class-types';
import type { Services } from '../app/services';
import { OffsetClock, clockText, roundLeft } from '../class/class-time';
import { VIEW_STALE } from '../net/game-client';
import { errorMessage } from '../ui/ack-text';
import { el, setText } from '../ui/dom';
import { GamePanel } from '../ui/game-panel';
import { ladderModel, lastChanges, type LadderModel } from '../view/ladder-model';
import { logLines } from '../view/log-lines';
import { numberingOf, type Numbering } from '../view/numbering';
import { previewSegment } from '../view/preview';
import { BaseScene } from './base-scene';
import { boardLayout, type BoardTab } from './draw/board-layout';
import { screenMinText } from './draw/canvas-text';
import { HostCard, RecordGrid, recordValues, type CardSpec } from './draw/host-card';
import { LadderDiagram, scrollWithInput } from './draw/ladder';
import { StateDiagram } from './draw/state-diagram';
import { COLORS, sideColor } from './theme';

/** What the canvas shows on a small screen, kept across rebuilds (a language switch). */
let boardTab: BoardTab = 'ladder';

export class GameScene extends BaseScene {
  private view: GameView | null = null;
  private ui: GamePanel | null = null;
  private cards: HostCard[] = [];
  private ladder: LadderDiagram | null = null;
  private model: LadderModel | null = null;
  private diagram: StateDiagram | null = null;
  private grid: RecordGrid | null = null;
  private relayout = false;
  /** Counts layouts, so a part built a frame later belongs to the latest one. */
  private layouts = 0;
  private peerNote: HTMLElement | null = null;
  /** In a class: the round's countdown above the composer, on the server's time. */
  private roundLine: HTMLElement | null = null;
  private readonly roundClock = new OffsetClock();

  constructor(s: Services) {
    super('game', s);
  }

  protected build(): void {
    const v = this.currentViewOrHome();
    this.view = v;
    if (!v) return;
    const lang = this.s.lang;
    this.ui = new GamePanel(this.panel, {
      lang,
      view: v,
      send: (m) => this.send(m),
      preview: (seg) =>
        this.view && this.view.bot && this.view.hints ? previewSegment(this.view, seg, lang.lang) : null,
      hint: () => this.hint(),
      leave: () => this.leave(),
      numbering: () => this.numbering(),
      setNumbers: (mode) => this.s.numbers.set(mode),
      board: () => boardTab,
      setBoard: (tab) => {
        boardTab = tab;
        this.redraw();
      },
    });
    this.peerNote = el('p', { class: 'peer-note', attrs: { role: 'status', hidden: true } });
    this.panel.querySelector('.dock')?.prepend(this.peerNote);
    this.roundLine = el('p', {
      class: 'round-line',
      attrs: { 'data-testid': 'game-round-clock', hidden: true },
    });
    this.peerNote.before(this.roundLine);
    this.onClassView(this.s.flow.classView);
    this.onShutdown(this.s.flow.onClass((cv) => this.onClassView(cv)));
    this.ui.update(v, this.lines(v));

    this.onShutdown(this.s.flow.onView((nv) => this.onView(nv)));
    this.onShutdown(
      this.s.numbers.onChange(() => {
        if (!this.view || !this.ui) return;
        this.ui.renumber();
        this.ui.update(this.view, this.lines(this.view));
        this.redraw();
      }),
    );
    this.scrollByInput();
    this.onShutdown(
      this.s.net.on('peer', (p) => {
        if (!this.peerNote) return;
        this.peerNote.hidden = false;
        const left =
          p.graceUntil === null ? 0 : Math.max(0, Math.round((p.graceUntil - this.s.clock.now()) / 1000));
        this.peerNote.textContent = p.connected ? this.t('peerBack') : this.t('peerGone', { s: left });
      }),
    );
    const onKey = (ev: KeyboardEvent) => {
      if (this.ui?.composer.handleKey(ev)) ev.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    this.onShutdown(() => window.removeEventListener('keydown', onKey));
    // a keyboard at hand: start in the composer (on touch screens this would pop the keyboard up)
    if (window.matchMedia('(pointer: fine)').matches) this.ui.composer.focusFirst();
  }

  /** The numbering the player chose, with this game's ISNs. */
  private numbering(): Numbering {
    const v = this.view;
    const mode = this.s.numbers.mode;
    return v ? numberingOf(v, mode) : { mode, isn: { client: null, server: null } };
  }

  private lines(v: GameView) {
    return logLines(v, this.s.lang.lang, this.t.bind(this), numberingOf(v, this.s.numbers.mode));
  }

  protected layout(w: number, h: number): void {
    const v = this.view;
    if (!v) return;
    const t = this.t.bind(this);
    const lang = this.s.lang.lang;
    const fs = screenMinText();
    const num = this.numbering();
    const peer: Side = v.role === 'client' ? 'server' : 'client';
    const values = recordValues(v, num, t('unknownValue'));
    const spec = (side: Side, record: boolean): CardSpec => ({
      side,
      mine: side === v.role,
      fs,
      lang,
      record,
      numbering: num,
    });
    const pad = Math.round(fs * 0.5);
    const b = boardLayout(w, h, fs, boardTab, {
      card: (cw, inCard) =>
        Math.max(
          HostCard.height(spec(v.role, inCard), cw, values),
          HostCard.height(spec(peer, false), cw, values),
        ),
      record: (rw) => RecordGrid.height(fs, rw - 2 * pad, values) + pad,
    });
    this.ui?.setBoardTabs(!b.split);
    const nick = (side: Side) => {
      if (side === v.role) return v.you.nickname;
      return v.peer.isBot ? t('botName') : v.peer.nickname;
    };
    this.cards = [];
    if (b.cards) {
      for (const side of ['client', 'server'] as const)
        this.cards.push(new HostCard(this, b.cards[side], spec(side, b.recordInCard), t, nick(side), values));
    }
    let grid: RecordGrid | null = null;
    if (b.record) {
      const r = b.record;
      const g = this.add.graphics();
      g.fillStyle(COLORS.panel, 1).fillRoundedRect(r.x, r.y, r.w, r.h, 8);
      g.fillStyle(sideColor(v.role), 1).fillRect(r.x, r.y + 4, 4, r.h - 8);
      grid = new RecordGrid(
        this,
        { x: r.x + pad, y: r.y + pad / 2, w: r.w - 2 * pad, h: r.h - pad },
        v.role,
        fs,
        t,
        values,
      );
    }
    this.grid = grid;
    this.ladder = b.ladder ? new LadderDiagram(this, b.ladder, { fs, t, me: v.role, header: false }) : null;
    this.diagram = null;
    this.draw(v);
    // the diagram a frame later: the first use of a large CJK font can take a while, and the board
    // should not wait for it
    const generation = ++this.layouts;
    if (b.diagram) {
      const r = b.diagram;
      this.time.delayedCall(0, () => {
        if (generation !== this.layouts || !this.view) return;
        this.diagram = new StateDiagram(this, r, fs, lang, t, v.role);
        this.draw(this.view);
      });
    }
  }

  private onClassView(cv: StudentView | null): void {
    if (cv) this.roundClock.sync(cv.serverNow);
    this.tickRound();
  }

  /** The class round's time left while it runs (students play against the round's clock too). */
  private tickRound(): void {
    const line = this.roundLine;
    if (!line) return;
    const round = this.s.flow.classView?.round ?? null;
    line.hidden = round === null || round.phase === 'ended';
    if (round === null || round.phase === 'ended') return;
    const time = clockText(roundLeft(round, this.roundClock.now()));
    line.dataset.phase = round.phase;
    const key = round.phase === 'paused' ? 'classRoundPaused' : 'classRoundPlaying';
    setText(line, this.t(key, { n: round.index, time }));
  }

  private onView(v: GameView): void {
    if (this.view && v.gameId !== this.view.gameId) return;
    this.view = v;
    this.ui?.update(v, this.lines(v));
    this.draw(v);
  }

  private draw(v: GameView): void {
    const num = this.numbering();
    let fits = true;
    for (const c of this.cards) fits = c.update(v, num) && fits;
    if (this.grid) fits = this.grid.update(v, num) && fits;
    // a record value grew wider than its cell (an absolute number appeared): lay the board out again
    if (!fits && !this.relayout) {
      this.relayout = true;
      this.time.delayedCall(0, () => {
        this.relayout = false;
        this.redraw();
      });
    }
    const m = ladderModel(v);
    this.model = m;
    this.ladder?.setModel(m);
    this.ladder?.setNumbering(num);
    const peer: Side = v.role === 'client' ? 'server' : 'client';
    const last = lastChanges(m);
    this.diagram?.update({
      states: { [v.role]: v.you.record.state, [peer]: v.peer.state },
      taken: Object.fromEntries(
        Object.entries(last).map(([side, st]) => [side, { from: st.from!, to: st.state }]),
      ),
    });
    this.tick();
  }

  protected override tick(): void {
    const v = this.view;
    if (!v) return;
    const now = this.s.clock.now();
    this.tickRound();
    const newest = this.model?.arrows.at(-1)?.id ?? null;
    this.ladder?.draw({ at: now, upTo: Infinity, focus: newest, follow: 'newest' });
    for (const c of this.cards) c.tick(v, now);
  }

  private scrollByInput(): void {
    this.onShutdown(scrollWithInput(this.s.shell.stage, () => this.ladder));
  }

  /** Sends a move made from the view shown now; a VIEW_STALE answer shows the new view, not a refusal. */
  private async send(move: MovePayload): Promise<boolean> {
    const a = await this.s.net.move(move, this.view?.version);
    if (!a.ok && a.error.code === VIEW_STALE) {
      // nothing was judged: the game as it is now replaces the old picture, and the player moves again
      if (a.error.game) this.s.flow.accept(a.error.game);
      this.ui?.hideHint();
      this.ui?.showNotice(errorMessage(this.s.lang, a.error));
      return false;
    }
    if (!this.ui) return false;
    if (a.ok) {
      this.ui.showAccepted(move);
      this.ui.hideHint();
      this.s.flow.accept(a.data.game);
      return true;
    }
    this.ui.showRefused(a.error);
    return false;
  }

  private async hint(): Promise<void> {
    const a = await this.s.net.hint();
    if (!this.ui) return;
    if (a.ok) this.ui.showHint(a.data);
    else this.ui.showHint(null, a.error);
  }

  private leave(): void {
    void this.s.net.leave().then(() => {
      if (this.s.flow.classView) this.s.flow.showClass({ mode: 'lobby' });
      else this.s.flow.showHome();
    });
  }

  protected override teardown(): void {
    this.ui = null;
    this.cards = [];
    this.grid = null;
    this.ladder = null;
    this.model = null;
    this.diagram = null;
    this.peerNote = null;
    this.roundLine = null;
  }
}
