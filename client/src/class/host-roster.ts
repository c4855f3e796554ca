/**
 * The console's roster and pairs: the students with their connection and a remove button, the lock
 * toggle, the pairing mode, and the next round's pairs, adjusted by picking two students to swap.
 */
import type { HostView, PairingMode } from '../../../shared/class/class-types';
import { el, replaceChildren, setText } from '../ui/dom';
import { choice, field } from '../ui/forms';
import type { HostContext } from './host-context';
import { swapStudents, unpaired } from './pair-edit';

export class HostRoster {
  readonly root: HTMLElement;
  private readonly title: HTMLElement;
  private readonly list: HTMLElement;
  private readonly lock: HTMLInputElement;
  private readonly mode: { select: HTMLSelectElement; value: () => PairingMode };
  private readonly rotate: HTMLInputElement;
  private readonly pairs: HTMLElement;
  private readonly help: HTMLElement;
  private view: HostView | null = null;
  private picked: string | null = null;
  private shown = '';

  constructor(private readonly c: HostContext) {
    const t = c.t;
    this.title = el('h2', { id: 'h-roster' });
    this.list = el('ul', { class: 'roster', attrs: { 'data-testid': 'roster' } });
    this.lock = el('input', { attrs: { type: 'checkbox', 'data-testid': 'lock' } });
    this.lock.addEventListener('change', () => void c.act(c.net.lockClass(this.lock.checked)));
    this.mode = choice<PairingMode>(
      'pairing-mode',
      [
        { value: 'arrival', label: t('pairingArrival') },
        { value: 'random', label: t('pairingRandom') },
      ],
      'arrival',
    );
    this.rotate = el('input', { attrs: { type: 'checkbox', 'data-testid': 'pairing-rotate' } });
    const sendPairing = () => void c.act(c.net.setPairing(this.mode.value(), this.rotate.checked));
    this.mode.select.addEventListener('change', sendPairing);
    this.rotate.addEventListener('change', sendPairing);
    const auto = el('button', { attrs: { type: 'button', 'data-testid': 'auto-pair' } }, t('autoPairButton'));
    auto.addEventListener('click', () => {
      this.picked = null;
      void c.act(c.net.autoPairs());
    });
    this.pairs = el('ol', { class: 'planned-pairs', attrs: { 'data-testid': 'planned-pairs' } });
    this.help = el('p', { class: 'hint-line', attrs: { role: 'status' } });
    this.root = el(
      'section',
      { class: 'card host-roster', attrs: { 'aria-labelledby': 'h-roster' } },
      this.title,
      el('label', { class: 'check' }, this.lock, t('lockLabel')),
      this.list,
      el('h2', { id: 'h-pairs' }, t('pairsTitle')),
      el(
        'div',
        { class: 'row' },
        field(t('pairingLabel'), this.mode.select),
        el('label', { class: 'check' }, this.rotate, t('rotateLabel')),
      ),
      auto,
      this.pairs,
      this.help,
    );
  }

  update(v: HostView): void {
    this.view = v;
    const t = this.c.t;
    setText(this.title, t('rosterTitle', { n: v.students.length }));
    if (document.activeElement !== this.lock) this.lock.checked = v.locked;
    if (document.activeElement !== this.mode.select) this.mode.select.value = v.pairing.mode;
    if (document.activeElement !== this.rotate) this.rotate.checked = v.pairing.rotate;
    // rebuilt only when something in it changed: a button must not vanish under the teacher's click
    const sig = JSON.stringify([v.students, v.plannedPairs, this.picked, this.c.lang.lang]);
    if (sig === this.shown) return;
    this.shown = sig;
    this.renderStudents(v);
    this.renderPairs(v);
  }

  private name(id: string | null): string {
    if (id === null) return this.c.t('botName');
    return this.view?.students.find((s) => s.playerId === id)?.nickname ?? '?';
  }

  private renderStudents(v: HostView): void {
    const t = this.c.t;
    if (v.students.length === 0) {
      replaceChildren(this.list, el('li', { class: 'empty' }, t('rosterEmpty')));
      return;
    }
    replaceChildren(
      this.list,
      ...v.students.map((s) => {
        const kick = el(
          'button',
          {
            class: 'small danger',
            attrs: {
              type: 'button',
              'aria-label': t('kickLabel', { name: s.nickname }),
              'data-testid': 'kick',
            },
          },
          t('kickButton'),
        );
        kick.addEventListener('click', () => {
          kick.disabled = true;
          void this.c.act(this.c.net.kick(s.playerId)).then(() => (kick.disabled = false));
        });
        return el(
          'li',
          { attrs: { 'data-player': s.playerId, 'data-connected': String(s.connected) } },
          el('span', { class: 'nick' }, s.nickname),
          s.connected ? null : el('span', { class: 'badge' }, t('offline')),
          kick,
        );
      }),
    );
  }

  private renderPairs(v: HostView): void {
    const t = this.c.t;
    const planned = v.plannedPairs;
    if (!planned || planned.length === 0) {
      replaceChildren(this.pairs, el('li', { class: 'empty' }, t('pairsNone')));
      setText(this.help, '');
      return;
    }
    const seat = (id: string | null) => {
      if (id === null) return el('span', { class: 'seat bot' }, t('botName'));
      const b = el(
        'button',
        {
          class: `seat small${this.picked === id ? ' picked' : ''}`,
          attrs: { type: 'button', 'aria-pressed': String(this.picked === id), 'data-player': id },
        },
        this.name(id),
      );
      b.addEventListener('click', () => this.pick(id));
      return b;
    };
    replaceChildren(
      this.pairs,
      ...planned.map((p) => el('li', {}, seat(p.a), el('span', { class: 'amp' }, ' ⇄ '), seat(p.b))),
    );
    const rest = unpaired(
      planned,
      v.students.map((s) => s.playerId),
    );
    const lines = [this.picked ? t('swapPicked', { name: this.name(this.picked) }) : t('swapHelp')];
    if (rest.length) lines.push(t('pairsUnpaired', { names: rest.map((id) => this.name(id)).join('、') }));
    setText(this.help, lines.join(' '));
  }

  /** The first click picks a student, the second swaps the two and sends the new pairs. */
  private pick(id: string): void {
    const v = this.view;
    if (!v?.plannedPairs) return;
    if (this.picked === null || this.picked === id) {
      this.picked = this.picked === id ? null : id;
    } else {
      const pairs = swapStudents(v.plannedPairs, this.picked, id);
      this.picked = null;
      void this.c.act(this.c.net.setPairs(pairs));
    }
    this.shown = '';
    this.update(v);
  }
}
