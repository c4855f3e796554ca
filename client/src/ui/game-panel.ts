/**
 * The game screen's DOM side: the scenario and goal, whose move it is (the next duty), the judge's
 * verdict with its explanation, hints (practice), the composer (locked while the game is paused),
 * the player's record as a table (for screen readers; the canvas draws it too) and the log.
 */
import type { GameView, SegmentView } from '../../../shared/game/game-view';
import { stateText } from '../../../shared/i18n';
import type { ErrorPayload, HintData, MovePayload } from '../../../shared/protocol/events';
import type { Segment, Side } from '../../../shared/tcp/types';
import type { LangStore } from '../i18n/lang';
import { dutyStatus } from '../view/duty-text';
import { RECORD_FIELDS, recordValue, segmentLabel } from '../view/format';
import type { LogLine } from '../view/log-lines';
import type { Preview } from '../view/preview';
import { errorMessage } from './ack-text';
import { Composer } from './composer';
import { el, replaceChildren, setText } from './dom';
import { scenarioText } from './forms';
import { LogList } from './log-list';

export interface GamePanelDeps {
  lang: LangStore;
  view: GameView;
  send: (move: MovePayload) => Promise<boolean>;
  preview: (seg: Segment) => Preview | null;
  hint: () => Promise<void>;
  leave: () => void;
}

export class GamePanel {
  readonly composer: Composer;
  private readonly status: HTMLElement;
  private readonly verdict: HTMLElement;
  private readonly hintBox: HTMLElement;
  private readonly recordCells = new Map<string, HTMLElement>();
  private readonly log: LogList;
  private view: GameView;
  /** The record the shown hint was for: a hint goes stale once something arrives. */
  private hintRecord = '';

  constructor(
    root: HTMLElement,
    private readonly d: GamePanelDeps,
  ) {
    const t = d.lang.t.bind(d.lang);
    const v = d.view;
    this.view = v;
    const sc = scenarioText(d.lang.lang, v.scenarioId);
    this.status = el('p', { class: 'turn-status', attrs: { role: 'status', 'data-testid': 'turn-status' } });
    this.verdict = el('section', {
      class: 'verdict',
      attrs: { 'aria-live': 'assertive', 'aria-atomic': 'true', 'data-testid': 'verdict', hidden: true },
    });
    this.hintBox = el('section', {
      class: 'hint',
      attrs: { 'aria-live': 'polite', 'data-testid': 'hint', hidden: true },
    });
    this.composer = new Composer({
      lang: d.lang,
      gameId: v.gameId,
      send: d.send,
      preview: d.preview,
      window: () => this.view.you.record.rcvWnd,
    });
    const hintButton = v.hints
      ? el(
          'button',
          { class: 'hint-button', attrs: { type: 'button', 'data-testid': 'hint-button' } },
          t('hintButton'),
        )
      : null;
    hintButton?.addEventListener('click', () => void d.hint());
    if (hintButton) this.composer.addTool(hintButton);

    const role = (s: Side) => t(s === 'client' ? 'roleClient' : 'roleServer');
    const row = (key: string, label: string) => {
      const td = el('td');
      this.recordCells.set(key, td);
      return el('tr', { attrs: { 'data-field': key } }, el('th', { attrs: { scope: 'row' } }, label), td);
    };
    const record = el(
      'section',
      { class: 'record sr-only', attrs: { 'aria-labelledby': 'record-title', 'data-testid': 'record' } },
      el('h2', { id: 'record-title' }, t('recordTitle')),
      el(
        'table',
        {},
        el(
          'tbody',
          {},
          row('state', t('recordState')),
          ...RECORD_FIELDS.map(([k, label]) => row(k, label)),
          row('peerState', t('peerStateLabel', { role: role(v.role === 'client' ? 'server' : 'client') })),
        ),
      ),
    );
    this.log = new LogList(d.lang);
    const leave = el(
      'button',
      { class: 'leave', attrs: { type: 'button', 'data-testid': 'leave' } },
      t('leaveButton'),
    );
    leave.addEventListener('click', d.leave);

    root.append(
      el(
        'header',
        { class: 'game-head' },
        el('h1', { class: 'screen-title' }, t('scenarioTitle', { title: sc.title })),
        el(
          'details',
          { class: 'goal' },
          el('summary', {}, t('goalTitle', { role: role(v.role).toLocaleLowerCase() })),
          el('p', { attrs: { 'data-testid': 'goal' } }, sc.goal[v.role]),
          el('p', { class: 'teaches' }, sc.teaches),
        ),
        leave,
      ),
      el('div', { class: 'dock' }, this.status, this.verdict, this.hintBox, this.composer.root),
      record,
      this.log.root,
    );
  }

  update(v: GameView, lines: readonly LogLine[]): void {
    this.view = v;
    const t = this.d.lang.t.bind(this.d.lang);
    const lang = this.d.lang.lang;
    const status = dutyStatus(v, t);
    setText(this.status, status.text);
    this.status.dataset['duty'] = status.kind;
    this.status.dataset['canAct'] = String(
      status.kind === 'retransmit' || status.kind === 'reply' || status.kind === 'plan',
    );
    // nothing counts while the teacher has paused the game: nothing can be sent either
    this.composer.setLocked(v.paused || v.phase === 'finished');

    const r = v.you.record;
    setText(this.recordCells.get('state')!, stateText(lang, r.state).name);
    this.recordCells.get('state')!.dataset['state'] = r.state;
    for (const [k] of RECORD_FIELDS) setText(this.recordCells.get(k)!, recordValue(r[k], t('unknownValue')));
    for (const [k] of RECORD_FIELDS) this.recordCells.get(k)!.dataset['value'] = String(r[k]);
    setText(this.recordCells.get('peerState')!, stateText(lang, v.peer.state).name);
    this.recordCells.get('peerState')!.dataset['state'] = v.peer.state;

    this.log.update(lines);
    this.composer.refresh();
    if (!this.hintBox.hidden && this.hintRecord !== JSON.stringify(v.you.record)) this.hideHint();
  }

  /** The judge accepted the move. */
  showAccepted(move: MovePayload): void {
    const t = this.d.lang.t.bind(this.d.lang);
    const what = move.kind === 'call' ? `${move.call}()` : segmentLabel(move.segment);
    this.verdict.hidden = false;
    this.verdict.dataset['kind'] = 'ok';
    replaceChildren(this.verdict, el('p', { class: 'msg' }, t('verdictOk', { move: what })));
  }

  /**
   * A neutral notice, not a verdict: the move was not judged (VIEW_STALE: the game changed while
   * the player moved); the player looks at the new picture and moves again.
   */
  showNotice(message: string): void {
    const t = this.d.lang.t.bind(this.d.lang);
    this.verdict.hidden = false;
    this.verdict.dataset['kind'] = 'notice';
    delete this.verdict.dataset['code'];
    replaceChildren(
      this.verdict,
      el('h2', {}, t('noticeTitle')),
      el('p', { class: 'msg', attrs: { 'data-testid': 'verdict-message' } }, message),
    );
  }

  /** The move was refused: the message, why, and the expected and given values. */
  showRefused(e: ErrorPayload): void {
    const t = this.d.lang.t.bind(this.d.lang);
    this.verdict.hidden = false;
    this.verdict.dataset['kind'] = 'refused';
    this.verdict.dataset['code'] = e.code;
    replaceChildren(
      this.verdict,
      el('h2', {}, t('verdictTitle')),
      el(
        'p',
        { class: 'msg', attrs: { 'data-testid': 'verdict-message' } },
        t('verdictRefused', { message: errorMessage(this.d.lang, e) }),
      ),
      e.explain
        ? el(
            'p',
            { class: 'why', attrs: { 'data-testid': 'verdict-explain' } },
            t('verdictWhy', { explain: e.explain }),
          )
        : null,
      e.expected !== undefined && e.given !== undefined
        ? el('p', { class: 'expected' }, t('verdictExpected', { expected: e.expected, given: e.given }))
        : null,
    );
    this.composer.markField(e.field);
  }

  showHint(h: HintData | null, error?: ErrorPayload): void {
    const t = this.d.lang.t.bind(this.d.lang);
    this.hintBox.hidden = false;
    this.hintRecord = JSON.stringify(this.view.you.record);
    if (!h) {
      replaceChildren(this.hintBox, el('p', {}, error ? errorMessage(this.d.lang, error) : t('hintNone')));
      return;
    }
    const items = h.moves.map((m) => {
      const label = m.kind === 'call' ? `${m.call}()` : segmentLabel(m.segment);
      const use = el(
        'button',
        { class: 'use-move', attrs: { type: 'button', 'data-testid': 'use-hint' } },
        t('useMove'),
      );
      use.addEventListener('click', () => {
        if (m.kind === 'segment') this.composer.fill(m.segment as SegmentView);
        else document.querySelector<HTMLButtonElement>(`button[data-call="${m.call}"]`)?.focus();
      });
      return el('li', {}, el('code', {}, label), ' ', use);
    });
    replaceChildren(
      this.hintBox,
      el('h2', {}, t('hintTitle')),
      items.length ? el('ul', {}, ...items) : el('p', {}, t('hintNone')),
      h.explain ? el('p', { class: 'why' }, h.explain) : null,
    );
  }

  hideHint(): void {
    this.hintBox.hidden = true;
  }
}
