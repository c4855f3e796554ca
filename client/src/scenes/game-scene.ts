/**
 * The game: the two hosts with their states, records and clocks, the wire with the segments in
 * flight, the state diagram, and (in the DOM) the composer, the verdicts and the log.
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
import { logLines } from '../view/log-lines';
import { previewSegment } from '../view/preview';
import { BaseScene } from './base-scene';
import { boardLayout } from './draw/board-layout';
import { HostCard } from './draw/host-card';
import { StateDiagram } from './draw/state-diagram';
import { WireLane } from './draw/wire-lane';

export class GameScene extends BaseScene {
  private view: GameView | null = null;
  private ui: GamePanel | null = null;
  private cards: HostCard[] = [];
  private wire: WireLane | null = null;
  private diagram: StateDiagram | null = null;
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
    this.ui.update(v, logLines(v, lang.lang, this.t.bind(this)));

    this.onShutdown(this.s.flow.onView((nv) => this.onView(nv)));
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

  protected layout(w: number, h: number): void {
    const v = this.view;
    if (!v) return;
    const b = boardLayout(w, h, v.role);
    const t = this.t.bind(this);
    const lang = this.s.lang.lang;
    const nick = (side: Side) => {
      if (side === v.role) return v.you.nickname;
      return v.peer.isBot ? t('botName') : v.peer.nickname;
    };
    this.cards = (['client', 'server'] as const).map(
      (side) => new HostCard(this, side, v.role, b.cards[side], b.fs, b.orientation, lang, t, nick(side)),
    );
    this.wire = new WireLane(this, b, t);
    this.diagram = new StateDiagram(this, b.diagram, b.fs, lang, t, v.role);
    this.draw(v);
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
    this.ui?.update(v, logLines(v, this.s.lang.lang, this.t.bind(this)));
    this.draw(v);
  }

  private draw(v: GameView): void {
    for (const c of this.cards) c.update(v);
    this.wire?.update(v);
    this.diagram?.update(v);
    this.tick();
  }

  protected override tick(): void {
    const v = this.view;
    if (!v) return;
    const now = this.s.clock.now();
    this.tickRound();
    this.wire?.tick(now);
    for (const c of this.cards) c.tick(v, now);
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
    this.wire = null;
    this.diagram = null;
    this.peerNote = null;
    this.roundLine = null;
  }
}
