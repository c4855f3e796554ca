/** The waiting room: looking for an opponent, or showing the private room's code to pass on. */
import type { WaitingData } from '../app/flow';
import type { Services } from '../app/services';
import { errorMessage } from '../ui/ack-text';
import { append, el } from '../ui/dom';
import { messageLine, scenarioText } from '../ui/forms';
import { BaseScene } from './base-scene';
import { COLORS, CSS, MONO } from './theme';

export class WaitingScene extends BaseScene {
  private waiting: WaitingData = { kind: 'quick' };
  private dots: { x0: number; x1: number; y: number; g: Phaser.GameObjects.Graphics } | null = null;

  constructor(s: Services) {
    super('waiting', s);
  }

  protected build(data: WaitingData): void {
    this.waiting = data;
    const t = this.t.bind(this);
    const lang = this.s.lang;
    const msg = messageLine('waiting-message');
    const cancel = el(
      'button',
      { attrs: { type: 'button', 'data-testid': 'cancel-waiting' } },
      t('cancelButton'),
    );
    cancel.addEventListener('click', () => {
      cancel.disabled = true;
      const done = data.kind === 'quick' ? this.s.net.cancelMatch() : this.s.net.leave();
      void done.then((a) => {
        cancel.disabled = false;
        if (!a.ok && a.error.code !== 'NOT_IN_GAME') return msg.show(errorMessage(lang, a.error), 'error');
        this.s.flow.showHome();
      });
    });
    const role =
      data.role === 'client'
        ? t('roleClient')
        : data.role === 'server'
          ? t('roleServer')
          : data.role
            ? t('roleAny')
            : null;
    append(
      this.panel,
      el('h1', { class: 'screen-title' }, t('waitingTitle')),
      el('p', { class: 'lead' }, data.kind === 'quick' ? t('waitingQuick') : t('waitingPrivate')),
      data.code
        ? el('p', { class: 'room-code', attrs: { 'data-testid': 'room-code-display' } }, data.code)
        : null,
      data.scenario
        ? el('p', {}, t('waitingScenario', { title: scenarioText(lang.lang, data.scenario).title }))
        : null,
      role ? el('p', {}, t('waitingRole', { role })) : null,
      cancel,
      msg.root,
    );
  }

  protected layout(w: number, h: number): void {
    const u = Math.max(12, Math.min(w / 30, h / 14, 34));
    let y = h * 0.12;
    this.text(w / 2, y, this.t('waitingTitle'), u * 1.4, { fontStyle: 'bold' }).setOrigin(0.5, 0);
    y += u * 2.4;
    const lead = this.waiting.kind === 'quick' ? this.t('waitingQuick') : this.t('waitingPrivate');
    this.text(w / 2, y, lead, u * 0.8, {
      color: CSS.muted,
      align: 'center',
      wordWrap: { width: w * 0.86 },
    }).setOrigin(0.5, 0);
    y += u * 3;
    if (this.waiting.code) {
      this.text(w / 2, y, this.waiting.code, u * 2.6, {
        fontFamily: MONO,
        fontStyle: 'bold',
        color: CSS.client,
        backgroundColor: '#ffffff',
        padding: { x: u, y: u * 0.4 },
      }).setOrigin(0.5, 0);
      y += u * 5;
    }
    const g = this.add.graphics();
    this.dots = { x0: w * 0.2, x1: w * 0.8, y: Math.min(y, h - u), g };
  }

  protected override tick(time: number): void {
    const d = this.dots;
    if (!d) return;
    d.g.clear();
    d.g.lineStyle(2, COLORS.wire, 1).lineBetween(d.x0, d.y, d.x1, d.y);
    const p = (((time / 1600) % 1) + 1) % 1;
    d.g.fillStyle(COLORS.client, 1).fillCircle(d.x0 + (d.x1 - d.x0) * p, d.y, 6);
  }

  protected override teardown(): void {
    this.dots = null;
  }
}
