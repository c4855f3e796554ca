/**
 * The game screen's DOM side: the scenario and goal, whose move it is (the next duty), the judge's
 * verdict with its explanation, hints (practice), the composer (locked while the game is paused),
 * the player's record as a table (for screen readers; the canvas draws it too) and the log.
 */
import type { GameView, SegmentView } from '../../../shared/game/game-view';
import { stateText } from '../../../shared/i18n';
import { JUDGE_ERROR_CODES } from '../../../shared/tcp/codes';
import type { ErrorPayload, HintData, MovePayload } from '../../../shared/protocol/events';
import type { Segment, Side } from '../../../shared/tcp/types';
import type { LangStore } from '../i18n/lang';
import { dutyStatus } from '../view/duty-text';
import { RECORD_FIELDS, recordText, segmentLabel } from '../view/format';
import { refusalInView, replyExplain, type LogLine } from '../view/log-lines';
import type { NumberMode, Numbering } from '../view/numbering';
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
  /** How numbers are shown now, and the switch between relative and absolute. */
  numbering: () => Numbering;
  setNumbers: (mode: NumberMode) => void;
  /** What the canvas shows when ladder and diagram do not fit side by side. */
  board: () => 'ladder' | 'diagram';
  setBoard: (tab: 'ladder' | 'diagram') => void;
}

export class GamePanel {
  readonly composer: Composer;
  private readonly status: HTMLElement;
  private readonly verdict: HTMLElement;
  private readonly hintBox: HTMLElement;
  private readonly recordCells = new Map<string, HTMLElement>();
  private readonly log: LogList;
  private readonly numbersBox: HTMLInputElement;
  private readonly boardTabs: HTMLElement;
  private readonly tabButtons: Record<'ladder' | 'diagram', HTMLButtonElement>;
  /** The last verdict shown, shown again when the numbering changes. */
  private shown: { kind: 'ok'; move: MovePayload } | { kind: 'refused'; e: ErrorPayload } | null = null;
  /** The numbering the verdict was written in (its ISNs become known as the SYNs go out). */
  private shownIn = '';
  private view: GameView;
  /** The record the shown hint was for: a hint goes stale once something arrives. */
  private hintRecord = '';
  /** The hint shown, written again when the numbering changes. */
  private hintShown: HintData | null = null;

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
      side: v.role,
      numbering: d.numbering,
    });
    // relative (x, y) or absolute numbers, and on a small screen what the canvas shows
    this.numbersBox = el('input', {
      attrs: { type: 'checkbox', 'data-testid': 'numbers-relative', 'aria-describedby': 'numbers-help' },
    });
    this.numbersBox.checked = d.numbering().mode === 'relative';
    this.numbersBox.addEventListener('change', () =>
      d.setNumbers(this.numbersBox.checked ? 'relative' : 'absolute'),
    );
    const tab = (which: 'ladder' | 'diagram', key: 'boardLadder' | 'boardDiagram') => {
      const b = el(
        'button',
        { class: 'board-tab', attrs: { type: 'button', 'data-testid': `board-${which}` } },
        t(key),
      );
      b.addEventListener('click', () => d.setBoard(which));
      return b;
    };
    this.tabButtons = { ladder: tab('ladder', 'boardLadder'), diagram: tab('diagram', 'boardDiagram') };
    this.boardTabs = el(
      'div',
      { class: 'board-tabs', attrs: { role: 'group', 'aria-label': t('boardSwitchLabel'), hidden: true } },
      this.tabButtons.ladder,
      this.tabButtons.diagram,
    );
    const boardBar = el(
      'div',
      { class: 'board-bar' },
      el(
        'label',
        { class: 'numbers-toggle', attrs: { title: t('numbersHelp') } },
        this.numbersBox,
        el('span', {}, t('numbersLabel')),
      ),
      el('p', { id: 'numbers-help', class: 'sr-only' }, t('numbersHelp')),
      this.boardTabs,
    );
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
      el('div', { class: 'dock' }, boardBar, this.status, this.verdict, this.hintBox, this.composer.root),
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
    const num = this.d.numbering();
    setText(this.recordCells.get('state')!, stateText(lang, r.state).name);
    this.recordCells.get('state')!.dataset['state'] = r.state;
    for (const [k] of RECORD_FIELDS)
      setText(this.recordCells.get(k)!, recordText(k, r[k], v.role, num, t('unknownValue')));
    for (const [k] of RECORD_FIELDS) this.recordCells.get(k)!.dataset['value'] = String(r[k]);
    setText(this.recordCells.get('peerState')!, stateText(lang, v.peer.state).name);
    this.recordCells.get('peerState')!.dataset['state'] = v.peer.state;

    this.log.update(lines);
    this.rewriteVerdict();
    this.composer.refresh();
    if (!this.hintBox.hidden && this.hintRecord !== JSON.stringify(v.you.record)) this.hideHint();
  }

  /** Shows whether the canvas offers both pictures at once, or one of them with a switch. */
  setBoardTabs(visible: boolean): void {
    this.boardTabs.hidden = !visible;
    const on = this.d.board();
    for (const [k, b] of Object.entries(this.tabButtons)) b.setAttribute('aria-pressed', String(k === on));
  }

  /** The numbering changed: the toggle, the record, the verdict and the composer follow. */
  renumber(): void {
    this.numbersBox.checked = this.d.numbering().mode === 'relative';
    this.rewriteVerdict();
    if (!this.hintBox.hidden && this.hintShown) this.showHint(this.hintShown);
  }

  /** Writes the verdict again when the numbering it was written in changed (an ISN became known). */
  private rewriteVerdict(): void {
    const s = this.shown;
    if (!s || this.shownIn === JSON.stringify(this.d.numbering())) return;
    if (s.kind === 'ok') this.showAccepted(s.move);
    else this.showRefused(s.e, true);
  }

  /** The judge accepted the move. */
  showAccepted(move: MovePayload): void {
    const t = this.d.lang.t.bind(this.d.lang);
    this.shown = { kind: 'ok', move };
    this.shownIn = JSON.stringify(this.d.numbering());
    const what =
      move.kind === 'call'
        ? `${move.call}()`
        : segmentLabel(move.segment, this.view.role, this.d.numbering());
    this.verdict.hidden = false;
    this.verdict.dataset['kind'] = 'ok';
    // what the judge accepted, in absolute numbers whatever is shown
    this.verdict.dataset['move'] = move.kind === 'call' ? `${move.call}()` : segmentLabel(move.segment);
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
    delete this.verdict.dataset['move'];
    this.shown = null;
    delete this.verdict.dataset['code'];
    replaceChildren(
      this.verdict,
      el('h2', {}, t('noticeTitle')),
      el('p', { class: 'msg', attrs: { 'data-testid': 'verdict-message' } }, message),
    );
  }

  /**
   * The move was refused: the message, why, and the expected and given values. In relative
   * numbering the judge's words are written again locally with its numbers as x+1 and y+1.
   */
  showRefused(e: ErrorPayload, again = false): void {
    const t = this.d.lang.t.bind(this.d.lang);
    this.shown = { kind: 'refused', e };
    const num = this.d.numbering();
    this.shownIn = JSON.stringify(num);
    if (num.mode === 'relative' && (JUDGE_ERROR_CODES as readonly string[]).includes(e.code)) {
      const local = refusalInView(this.d.lang.lang, e, this.view.role, this.view.you.record.state, num);
      e = {
        ...e,
        message: local.message,
        explain: local.explain,
        expected: local.expected,
        given: local.given,
      };
    }
    this.verdict.hidden = false;
    this.verdict.dataset['kind'] = 'refused';
    delete this.verdict.dataset['move'];
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
    if (again) return;
    this.composer.markField(e.field);
    // the explanation first: on a phone the panel is short, and the field is one tap away
    this.verdict.scrollIntoView({ block: 'nearest' });
  }

  showHint(h: HintData | null, error?: ErrorPayload): void {
    const t = this.d.lang.t.bind(this.d.lang);
    this.hintShown = h;
    this.hintBox.hidden = false;
    this.hintRecord = JSON.stringify(this.view.you.record);
    if (!h) {
      replaceChildren(this.hintBox, el('p', {}, error ? errorMessage(this.d.lang, error) : t('hintNone')));
      this.keepVerdictInView();
      return;
    }
    const items = h.moves.map((m) => {
      const label =
        m.kind === 'call' ? `${m.call}()` : segmentLabel(m.segment, this.view.role, this.d.numbering());
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
    // the server explains in absolute numbers; in relative numbering the same words with x and y
    const num = this.d.numbering();
    const explain =
      (num.mode === 'relative' ? replyExplain(this.d.lang.lang, this.view, num) : null) ?? h.explain;
    replaceChildren(
      this.hintBox,
      el('h2', {}, t('hintTitle')),
      items.length ? el('ul', {}, ...items) : el('p', {}, t('hintNone')),
      explain ? el('p', { class: 'why', attrs: { 'data-testid': 'hint-explain' } }, explain) : null,
    );
    this.keepVerdictInView();
  }

  /** A hint opens under the verdict: the verdict and its explanation stay on screen, the hint below. */
  private keepVerdictInView(): void {
    if (this.verdict.hidden) this.hintBox.scrollIntoView({ block: 'nearest' });
    else this.verdict.scrollIntoView({ block: 'start' });
  }

  hideHint(): void {
    this.hintBox.hidden = true;
  }
}
