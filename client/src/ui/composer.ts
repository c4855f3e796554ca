/**
 * The segment composer: flag toggles, seq, ack and data length, send, and the application calls.
 * Plain form controls in tab order; Enter sends from any field, Alt+S/A/F/R/P toggle the flags from
 * anywhere on the game screen. What was typed survives a language switch (the scene is rebuilt).
 * Locked (every control disabled) while the game is paused. seq and ack take plain (absolute)
 * numbers, or the textbooks' relative ones ("x+1", "y+1"), converted to absolute before the move is
 * sent: the judge only ever sees absolute numbers. "x" in an opening SYN picks the ISN at random.
 */
import type { MovePayload } from '../../../shared/protocol/events';
import type { SegmentView } from '../../../shared/game/game-view';
import { flagNames, flagsFromNames } from '../../../shared/tcp/flags';
import type { AppCallName, FlagName, Segment, Side } from '../../../shared/tcp/types';
import type { LangStore } from '../i18n/lang';
import { numText, parseNumber, type Numbering } from '../view/numbering';
import type { Preview } from '../view/preview';
import { el, setText } from './dom';

export const COMPOSER_FLAGS = ['SYN', 'ACK', 'FIN', 'RST', 'PSH'] as const satisfies readonly FlagName[];
type ComposerFlag = (typeof COMPOSER_FLAGS)[number];
const SHORTCUT: Record<string, ComposerFlag> = {
  KeyS: 'SYN',
  KeyA: 'ACK',
  KeyF: 'FIN',
  KeyR: 'RST',
  KeyP: 'PSH',
};
const CALLS: readonly AppCallName[] = ['listen', 'connect', 'close'];

interface Draft {
  gameId: string;
  flags: ComposerFlag[];
  seq: string;
  ack: string;
  len: string;
}
/** Kept outside the scene so a language switch does not lose what was typed. */
let draft: Draft | null = null;
/** The ISN picked for "x" (or "y") in an opening SYN, kept so the preview and the move agree. */
let picked: { gameId: string; isn: number } | null = null;

/** A random initial sequence number, as a kernel picks one (RFC 6528). */
function randomIsn(): number {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return a[0]!;
}

export interface ComposerDeps {
  lang: LangStore;
  gameId: string;
  /** Sends a move; resolves true when the judge accepted it. */
  send: (move: MovePayload) => Promise<boolean>;
  /** The receive window the player advertises (its record's RCV.WND). */
  window: () => number;
  /** The judge's preview of a segment, or null when previews are off. */
  preview: (seg: Segment) => Preview | null;
  /** The player's side (whose ISN "x" or "y" an opening SYN may pick). */
  side: Side;
  /** How numbers are shown now: relative ones are read with its ISNs. */
  numbering: () => Numbering;
}

export class Composer {
  readonly root: HTMLFormElement;
  private readonly boxes = new Map<ComposerFlag, HTMLInputElement>();
  private readonly seq: HTMLInputElement;
  private readonly ack: HTMLInputElement;
  private readonly len: HTMLInputElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly problem: HTMLElement;
  private readonly previewLine: HTMLElement;
  private readonly absoluteLine: HTMLElement;
  private readonly tools: HTMLElement;
  private sending = false;
  private locked = false;

  constructor(private readonly d: ComposerDeps) {
    const t = d.lang.t.bind(d.lang);
    const flagBoxes = COMPOSER_FLAGS.map((f) => {
      const key = Object.entries(SHORTCUT)
        .find(([, v]) => v === f)![0]
        .slice(3);
      const box = el('input', {
        attrs: { type: 'checkbox', name: f, 'data-flag': f, 'aria-keyshortcuts': `Alt+${key}` },
      });
      this.boxes.set(f, box);
      return el('label', { class: 'flag' }, box, el('span', {}, f));
    });
    const numberInput = (name: string) =>
      el('input', {
        attrs: {
          name,
          inputmode: 'numeric',
          autocomplete: 'off',
          spellcheck: 'false',
          enterkeyhint: 'send',
          'data-testid': `composer-${name}`,
        },
      });
    this.seq = numberInput('seq');
    this.ack = numberInput('ack');
    this.len = numberInput('len');
    this.len.placeholder = '0';
    this.sendButton = el(
      'button',
      { class: 'primary send', attrs: { type: 'submit', 'data-testid': 'send' } },
      t('sendButton'),
    );
    this.problem = el('p', { class: 'problem', attrs: { role: 'alert', 'data-testid': 'composer-problem' } });
    this.previewLine = el('p', {
      class: 'preview',
      attrs: { 'aria-live': 'polite', 'data-testid': 'preview' },
    });
    this.absoluteLine = el('p', { class: 'absolute-line', attrs: { 'data-testid': 'composer-absolute' } });
    const numberField = (label: string, input: HTMLInputElement) =>
      el('label', { class: `num num-${input.name}` }, el('span', {}, label), input);
    const calls = CALLS.map((c) =>
      el(
        'button',
        {
          class: 'call',
          attrs: { type: 'button', 'data-call': c, 'data-testid': `call-${c}` },
          on: { click: () => void this.call(c) },
        },
        `${c}()`,
      ),
    );
    this.tools = el(
      'div',
      { class: 'tools' },
      el('fieldset', { class: 'calls' }, el('legend', {}, t('callsLegend')), ...calls),
    );
    this.root = el(
      'form',
      {
        class: 'composer',
        attrs: { 'aria-labelledby': 'composer-title', 'data-testid': 'composer', novalidate: true },
      },
      el('h2', { id: 'composer-title' }, t('composerTitle')),
      el('fieldset', { class: 'flags' }, el('legend', {}, t('flagsLegend')), ...flagBoxes),
      el(
        'div',
        { class: 'numbers' },
        numberField(t('seqLabel'), this.seq),
        numberField(t('ackLabel'), this.ack),
        numberField(t('lenLabel'), this.len),
      ),
      this.absoluteLine,
      this.sendButton,
      this.problem,
      this.previewLine,
      this.tools,
      el('p', { class: 'kbd-help' }, t('keyboardHelp')),
    );
    this.root.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.submit();
    });
    this.root.addEventListener('keydown', (ev) => {
      // Enter sends from a checkbox too (browsers submit only from text fields)
      if (ev.key === 'Enter' && ev.target instanceof HTMLInputElement && ev.target.type === 'checkbox') {
        ev.preventDefault();
        this.root.requestSubmit();
      }
    });
    this.root.addEventListener('input', () => this.changed());
    this.restore();
    this.applyMode();
  }

  /** The fields' keyboard and example follow the numbering: letters for x and y in relative mode. */
  private applyMode(): void {
    const relative = this.d.numbering().mode === 'relative';
    for (const i of [this.seq, this.ack]) {
      i.setAttribute('inputmode', relative ? 'text' : 'numeric');
      i.setAttribute('autocapitalize', 'off');
      i.placeholder = relative ? 'x+1' : '';
    }
  }

  /** Alt+S/A/F/R/P from anywhere on the screen; true when the key was used. */
  handleKey(ev: KeyboardEvent): boolean {
    if (this.locked || !ev.altKey || ev.ctrlKey || ev.metaKey) return false;
    const flag = SHORTCUT[ev.code];
    if (!flag) return false;
    const box = this.boxes.get(flag)!;
    box.checked = !box.checked;
    this.changed();
    return true;
  }

  /** Puts a segment in the fields (from a hint); the player still presses send. */
  fill(s: SegmentView): void {
    const num = this.d.numbering();
    const peer: Side = this.d.side === 'client' ? 'server' : 'client';
    for (const [f, box] of this.boxes) box.checked = s.flags.includes(f);
    this.seq.value = numText(num, s.seq, this.d.side);
    this.ack.value = s.flags.includes('ACK') ? numText(num, s.ack, peer) : '';
    this.len.value = s.len > 0 ? String(s.len) : '';
    this.changed();
    this.sendButton.focus();
  }

  /** Adds a button beside the application calls (the hint). */
  addTool(button: HTMLElement): void {
    this.tools.append(button);
  }

  /** Disables (or enables again) every field and button: nothing can be sent while locked. */
  setLocked(locked: boolean): void {
    if (locked === this.locked) return;
    this.locked = locked;
    this.root.dataset['locked'] = String(locked);
    for (const c of this.root.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button'))
      c.disabled = locked;
    // a move on its way keeps its button disabled until the answer comes
    if (this.sending) this.sendButton.disabled = true;
  }

  focusFirst(): void {
    this.boxes.get('SYN')?.focus();
  }

  /** Refreshes the preview (the record or the numbering changed). */
  refresh(): void {
    this.applyMode();
    this.showPreview();
  }

  /** Marks the field a refusal was about and puts the focus there. */
  markField(field: string | undefined): void {
    for (const i of [this.seq, this.ack, this.len]) i.removeAttribute('aria-invalid');
    const target =
      field === 'seq' ? this.seq : field === 'ack' ? this.ack : field === 'len' ? this.len : null;
    // focused without scrolling: the verdict above it is what must be seen first
    if (target) {
      target.setAttribute('aria-invalid', 'true');
      target.focus({ preventScroll: true });
      target.select();
    } else if (field === 'flags') {
      this.boxes.get('SYN')?.focus({ preventScroll: true });
    }
  }

  private flags(): ComposerFlag[] {
    return COMPOSER_FLAGS.filter((f) => this.boxes.get(f)!.checked);
  }

  /** The segment in the fields (numbers converted to absolute), or the problem with them. */
  private read(): { ok: true; seg: SegmentView } | { ok: false; problem: string; field: HTMLInputElement } {
    const t = this.d.lang.t.bind(this.d.lang);
    const num = this.d.numbering();
    const gameId = this.d.gameId;
    const pick = () => {
      if (picked?.gameId !== gameId) picked = { gameId, isn: randomIsn() };
      return picked.isn;
    };
    const seqNum = (i: HTMLInputElement, name: 'seq' | 'ack'): number | string => {
      const v = i.value.trim();
      if (v === '') return 0;
      const r = parseNumber(v, num.isn, this.d.side, name === 'seq' ? pick : undefined);
      if (r.ok) return r.value;
      if (r.problem === 'unknown' && r.letter) {
        const role = t(r.letter === 'x' ? 'roleClient' : 'roleServer');
        return t('unknownIsn', {
          letter: r.letter,
          role: this.d.lang.lang === 'en' ? role.toLowerCase() : role,
        });
      }
      // a field with a letter in it was meant relative: say how relative numbers are written
      return /[a-zａ-ｚ]/i.test(v) || num.mode === 'relative'
        ? t('badNumberRelative', { field: name })
        : t('badNumber', { field: name });
    };
    if (this.seq.value.trim() === '') return { ok: false, problem: t('seqRequired'), field: this.seq };
    const seq = seqNum(this.seq, 'seq');
    if (typeof seq === 'string') return { ok: false, problem: seq, field: this.seq };
    const ack = seqNum(this.ack, 'ack');
    if (typeof ack === 'string') return { ok: false, problem: ack, field: this.ack };
    const lenText = this.len.value.trim();
    const len =
      lenText === '' ? 0 : /^\d+$/.test(lenText) && Number(lenText) <= 65535 ? Number(lenText) : null;
    if (len === null) return { ok: false, problem: t('badLength'), field: this.len };
    // in the order people write them (SYN,ACK; FIN,ACK; PSH,ACK)
    const flags = flagNames(flagsFromNames(this.flags()) ?? 0);
    return { ok: true, seg: { flags, seq, ack, len, win: 0 } };
  }

  private async submit(): Promise<void> {
    if (this.sending || this.locked) return;
    const r = this.read();
    if (!r.ok) {
      setText(this.problem, r.problem);
      r.field.setAttribute('aria-invalid', 'true');
      r.field.focus();
      return;
    }
    setText(this.problem, '');
    const accepted = await this.run({ kind: 'segment', segment: { ...r.seg, win: this.d.window() } });
    if (accepted) this.clear();
  }

  private async call(c: AppCallName): Promise<void> {
    if (this.locked) return;
    setText(this.problem, '');
    await this.run({ kind: 'call', call: c });
  }

  private async run(move: MovePayload): Promise<boolean> {
    this.sending = true;
    this.sendButton.disabled = true;
    try {
      return await this.d.send(move);
    } finally {
      this.sending = false;
      this.sendButton.disabled = this.locked;
    }
  }

  private clear(): void {
    for (const box of this.boxes.values()) box.checked = false;
    this.seq.value = '';
    this.ack.value = '';
    this.len.value = '';
    for (const i of [this.seq, this.ack, this.len]) i.removeAttribute('aria-invalid');
    this.changed();
  }

  /** In relative mode, what a relative value typed becomes: the numbers the judge will see. */
  private showAbsolute(seg: SegmentView | null): void {
    const typed = /[xy]/i.test(`${this.seq.value}${this.ack.value}`.normalize('NFKC'));
    const show = seg !== null && typed;
    this.absoluteLine.hidden = !show;
    if (!show) return setText(this.absoluteLine, '');
    const parts = [`seq=${seg.seq}`];
    if (this.ack.value.trim() !== '' || seg.flags.includes('ACK')) parts.push(`ack=${seg.ack}`);
    setText(this.absoluteLine, this.d.lang.t('composerAbsolute', { nums: parts.join(' ') }));
  }

  private changed(): void {
    draft = {
      gameId: this.d.gameId,
      flags: this.flags(),
      seq: this.seq.value,
      ack: this.ack.value,
      len: this.len.value,
    };
    this.showPreview();
  }

  private restore(): void {
    if (draft?.gameId !== this.d.gameId) return;
    for (const [f, box] of this.boxes) box.checked = draft.flags.includes(f);
    this.seq.value = draft.seq;
    this.ack.value = draft.ack;
    this.len.value = draft.len;
    this.showPreview();
  }

  private showPreview(): void {
    const r = this.read();
    this.showAbsolute(r.ok ? r.seg : null);
    const flags = flagsFromNames(this.flags()) ?? 0;
    const p = r.ok ? this.d.preview({ ...r.seg, flags, win: this.d.window() }) : null;
    this.previewLine.hidden = p === null;
    if (!p) return setText(this.previewLine, '');
    const t = this.d.lang.t.bind(this.d.lang);
    this.previewLine.dataset['kind'] = p.kind;
    setText(
      this.previewLine,
      p.kind === 'refused'
        ? t('previewRefused', { message: p.message })
        : p.kind === 'right'
          ? t('previewRight')
          : p.kind === 'off-plan'
            ? t('previewOffPlan')
            : t('previewOk'),
    );
  }
}
