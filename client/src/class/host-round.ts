/**
 * The console's round controls, in two parts: `bar`, always in view (the round's status and
 * countdown, pause, resume, end), and `root`, the next round's form, folded away with the rest of
 * the set-up while a round runs (the scenarios in order, picked from SCENARIO_IDS by their
 * translated titles, the bot's level, the MSL scale, the duration and hints; start). The choices
 * survive a re-render (a language switch) in `RoundChoices`.
 */
import type { HostView } from '../../../shared/class/class-types';
import type { BotLevel } from '../../../shared/game/game-types';
import { MAX_SCENARIOS, roundPayload, type RoundChoices } from './round-choices';
import { isScenarioId, SCENARIO_IDS } from '../../../shared/scenarios/scenarios';
import { el, replaceChildren, setText } from '../ui/dom';
import { choice, field, scenarioText } from '../ui/forms';
import { clockText, roundLeft } from './class-time';
import type { HostContext } from './host-context';

export class HostRound {
  readonly root: HTMLElement;
  readonly bar: HTMLElement;
  private readonly order: HTMLElement;
  private readonly status: HTMLElement;
  private readonly countdown: HTMLElement;
  private readonly buttons: Record<'start' | 'pause' | 'resume' | 'end', HTMLButtonElement>;
  private readonly add: HTMLButtonElement;
  private view: HostView | null = null;

  constructor(
    private readonly c: HostContext,
    private readonly choices: RoundChoices,
  ) {
    const t = c.t;
    const lang = c.lang.lang;
    const pick = el(
      'select',
      { attrs: { name: 'round-scenario', 'data-testid': 'round-scenario' } },
      ...SCENARIO_IDS.map((id) => el('option', { attrs: { value: id } }, scenarioText(lang, id).title)),
    );
    this.add = el(
      'button',
      { attrs: { type: 'button', 'data-testid': 'add-scenario' } },
      t('addScenarioButton'),
    );
    this.add.addEventListener('click', () => {
      if (!isScenarioId(pick.value) || choices.scenarios.length >= MAX_SCENARIOS) return;
      choices.scenarios.push(pick.value);
      this.renderOrder();
    });
    this.order = el('ol', { class: 'scenario-order', attrs: { 'data-testid': 'scenario-order' } });
    const level = choice<BotLevel>(
      'round-level',
      [
        { value: 'partner', label: t('levelPartner') },
        { value: 'catch', label: t('levelCatch') },
      ],
      choices.level,
    );
    level.select.addEventListener('change', () => (choices.level = level.value()));
    const msl = el('input', {
      attrs: { type: 'number', min: 0.5, max: 20, step: 0.5, name: 'msl-scale', 'data-testid': 'msl-scale' },
    });
    msl.value = String(choices.mslScale);
    msl.addEventListener('change', () => (choices.mslScale = Number(msl.value)));
    const minutes = el('input', {
      attrs: { type: 'number', min: 0.5, max: 180, step: 0.5, name: 'duration', 'data-testid': 'duration' },
    });
    minutes.value = String(choices.minutes);
    minutes.addEventListener('change', () => (choices.minutes = Number(minutes.value)));
    const hints = el('input', { attrs: { type: 'checkbox', 'data-testid': 'round-hints' } });
    hints.checked = choices.hints;
    hints.addEventListener('change', () => (choices.hints = hints.checked));

    const button = (key: 'start' | 'pause' | 'resume' | 'end', label: string, cls = '') =>
      el('button', { class: cls, attrs: { type: 'button', 'data-testid': `round-${key}` } }, label);
    this.buttons = {
      start: button('start', t('startRoundButton'), 'primary'),
      pause: button('pause', t('pauseButton')),
      resume: button('resume', t('resumeButton')),
      end: button('end', t('endRoundButton'), 'danger'),
    };
    this.buttons.start.addEventListener('click', () => {
      // numbers typed but not yet confirmed by a change event count too
      choices.mslScale = Number(msl.value);
      choices.minutes = Number(minutes.value);
      void c.act(c.net.startRound(roundPayload(choices)));
    });
    this.buttons.pause.addEventListener('click', () => void c.act(c.net.pauseRound()));
    this.buttons.resume.addEventListener('click', () => void c.act(c.net.resumeRound()));
    this.buttons.end.addEventListener('click', () => void c.act(c.net.endRound()));
    this.status = el('p', {
      class: 'round-status',
      attrs: { 'data-testid': 'round-status', role: 'status' },
    });
    this.countdown = el('p', { class: 'round-countdown', attrs: { 'data-testid': 'round-countdown' } });

    const { start, ...running } = this.buttons;
    this.bar = el(
      'section',
      { class: 'host-round round-bar', attrs: { 'aria-label': t('roundTitle') } },
      el('div', { class: 'round-head' }, this.status, this.countdown),
      el('div', { class: 'actions round-actions' }, ...Object.values(running)),
    );
    this.root = el(
      'section',
      { class: 'card host-round-form', attrs: { 'aria-labelledby': 'h-round' } },
      el('h2', { id: 'h-round' }, t('roundTitle')),
      el('div', { class: 'inline-form' }, field(t('scenariosLabel'), pick), this.add),
      this.order,
      el(
        'div',
        { class: 'row' },
        field(t('levelLabel'), level.select),
        field(t('mslScaleLabel'), msl),
        field(t('durationLabel'), minutes),
      ),
      el('label', { class: 'check' }, hints, t('hintsLabel')),
      el('div', { class: 'actions' }, start),
    );
    this.renderOrder();
  }

  private renderOrder(): void {
    const lang = this.c.lang.lang;
    replaceChildren(
      this.order,
      ...this.choices.scenarios.map((id, i) => {
        const title = scenarioText(lang, id).title;
        const remove = el(
          'button',
          {
            class: 'small',
            attrs: { type: 'button', 'aria-label': this.c.t('removeScenarioLabel', { title }) },
          },
          '×',
        );
        remove.disabled = this.choices.scenarios.length <= 1;
        remove.addEventListener('click', () => {
          this.choices.scenarios.splice(i, 1);
          this.renderOrder();
        });
        return el('li', { attrs: { 'data-scenario': id } }, el('span', {}, title), remove);
      }),
    );
    this.add.disabled = this.choices.scenarios.length >= MAX_SCENARIOS;
    if (this.view) this.update(this.view);
  }

  update(v: HostView): void {
    this.view = v;
    const r = v.round;
    const running = r !== null && r.phase !== 'ended';
    this.buttons.start.disabled = running;
    this.buttons.pause.disabled = r?.phase !== 'playing';
    this.buttons.resume.disabled = r?.phase !== 'paused';
    this.buttons.end.disabled = !running;
    this.root.dataset['phase'] = r?.phase ?? 'none';
    this.bar.dataset['phase'] = r?.phase ?? 'none';
    this.tick();
  }

  /** The status line and the countdown at the server's time now. */
  tick(): void {
    const r = this.view?.round ?? null;
    const t = this.c.t;
    if (!r) {
      setText(this.status, t('roundNone'));
      setText(this.countdown, '');
      return;
    }
    const time = clockText(roundLeft(r, this.c.clock.now()));
    setText(
      this.status,
      r.phase === 'playing'
        ? t('classRoundPlaying', { n: r.index, time })
        : r.phase === 'paused'
          ? t('roundPausedStatus', { n: r.index, time })
          : t('classRoundEnded', { n: r.index }),
    );
    setText(this.countdown, r.phase === 'ended' ? '' : time);
  }
}
