/** Small form pieces shared by the screens: labelled fields, the scenario and role pickers, messages. */
import type { Lang } from '../../../shared/i18n';
import { SCENARIO_TEXTS_EN } from '../../../shared/i18n/scenario-texts.en';
import { SCENARIO_TEXTS_ZH_CN } from '../../../shared/i18n/scenario-texts.zh-CN';
import type { ScenarioText } from '../../../shared/i18n/scenario-texts';
import { isScenarioId, SCENARIO_IDS, type ScenarioId } from '../../../shared/scenarios/scenarios';
import type { LangStore } from '../i18n/lang';
import { el, setText, uid } from './dom';

/** The texts of a scenario in a language. */
export function scenarioText(lang: Lang, id: ScenarioId): ScenarioText {
  return (lang === 'en' ? SCENARIO_TEXTS_EN : SCENARIO_TEXTS_ZH_CN)[id];
}

/** A label above its control. */
export function field(label: string, control: HTMLElement, extraClass = ''): HTMLElement {
  const id = control.id || uid('f');
  control.id = id;
  return el(
    'div',
    { class: `field ${extraClass}`.trim() },
    el('label', { attrs: { for: id } }, label),
    control,
  );
}

/** A select of every scenario by its title, with the chosen one's summary shown under it. */
export function scenarioPicker(
  lang: LangStore,
  name: string,
  initial: ScenarioId,
): { root: HTMLElement; value: () => ScenarioId } {
  const select = el(
    'select',
    { attrs: { name, 'data-testid': name } },
    ...SCENARIO_IDS.map((id) => {
      const o = el('option', { attrs: { value: id } }, scenarioText(lang.lang, id).title);
      o.selected = id === initial;
      return o;
    }),
  );
  const summary = el('p', { class: 'scenario-summary', attrs: { id: uid('sum') } });
  select.setAttribute('aria-describedby', summary.id);
  const value = (): ScenarioId => (isScenarioId(select.value) ? select.value : initial);
  const show = () => setText(summary, scenarioText(lang.lang, value()).summary);
  select.addEventListener('change', show);
  show();
  return {
    root: el('div', { class: 'scenario-picker' }, field(lang.t('scenarioLabel'), select), summary),
    value,
  };
}

/** A select among fixed options. */
export function choice<T extends string>(
  name: string,
  options: readonly { value: T; label: string }[],
  initial: T,
): { select: HTMLSelectElement; value: () => T } {
  const select = el(
    'select',
    { attrs: { name, 'data-testid': name } },
    ...options.map((o) => {
      const e = el('option', { attrs: { value: o.value } }, o.label);
      e.selected = o.value === initial;
      return e;
    }),
  );
  const value = (): T => options.find((o) => o.value === select.value)?.value ?? initial;
  return { select, value };
}

/** A message line that screen readers announce politely; `show` sets its text and tone. */
export function messageLine(testId: string): {
  root: HTMLElement;
  show: (text: string, tone?: 'info' | 'error') => void;
} {
  const root = el('p', {
    class: 'message',
    attrs: { role: 'status', 'aria-live': 'polite', 'data-testid': testId },
  });
  return {
    root,
    show(text, tone = 'info') {
      root.dataset['tone'] = tone;
      setText(root, text);
    },
  };
}
