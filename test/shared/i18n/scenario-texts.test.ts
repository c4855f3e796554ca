import { SCENARIO_IDS, SCENARIOS } from '../../../shared/scenarios/scenarios';
import type { ScenarioTexts } from '../../../shared/i18n/scenario-texts';
import { SCENARIO_TEXTS_EN } from '../../../shared/i18n/scenario-texts.en';
import { SCENARIO_TEXTS_ZH_CN } from '../../../shared/i18n/scenario-texts.zh-CN';
import {
  PROTOCOL_ERROR_CODES,
  PROTOCOL_TEXTS,
  formatProtocolError,
} from '../../../shared/i18n/protocol-texts';
import type { Side } from '../../../shared/tcp/types';

const SIDES: readonly Side[] = ['client', 'server'];

/** CJK ideographs plus CJK and full-width punctuation. */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;

const SCENARIO_LANGS: ReadonlyArray<['zh-CN' | 'en', ScenarioTexts]> = [
  ['zh-CN', SCENARIO_TEXTS_ZH_CN],
  ['en', SCENARIO_TEXTS_EN],
];

function scenarioStrings(t: ScenarioTexts): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const id of SCENARIO_IDS) {
    const s = t[id];
    out.push([`${id}.title`, s.title], [`${id}.summary`, s.summary], [`${id}.teaches`, s.teaches]);
    for (const side of SIDES) out.push([`${id}.goal.${side}`, s.goal[side]]);
  }
  return out;
}

/** Braces left in a text once the allowed placeholders are taken out. */
function strayBraces(text: string, allowed: readonly string[]): boolean {
  let rest = text;
  for (const p of allowed) rest = rest.split(`{${p}}`).join('');
  return /[{}]/.test(rest);
}

describe.each(SCENARIO_LANGS)('scenario texts (%s)', (lang, texts) => {
  it('covers exactly the scenario ids', () => {
    expect(Object.keys(texts).sort()).toEqual([...SCENARIO_IDS].sort());
  });

  it.each([...SCENARIO_IDS])('%s has a title, summary, lesson and a goal for both roles', (id) => {
    const s = texts[id];
    expect(s.title.trim()).not.toBe('');
    expect(s.summary.trim()).not.toBe('');
    expect(s.teaches.trim()).not.toBe('');
    for (const side of SIDES) expect(s.goal[side].trim()).not.toBe('');
  });

  it('is written in the right language, without braces', () => {
    for (const [where, text] of scenarioStrings(texts)) {
      if (lang === 'zh-CN') expect({ where, cjk: CJK.test(text) }).toEqual({ where, cjk: true });
      else expect({ where, cjk: CJK.test(text) }).toEqual({ where, cjk: false });
      expect({ where, stray: strayBraces(text, []) }).toEqual({ where, stray: false });
      expect(text).toBe(text.trim());
    }
  });

  it.each([...SCENARIO_IDS])('%s: each goal names the states the round ends in', (id) => {
    for (const side of SIDES) {
      const goal = texts[id].goal[side];
      const named = SCENARIOS[id].goal[side].some((st) => new RegExp(`\\b${st}\\b`).test(goal));
      expect({ side, goal, named }).toEqual({ side, goal, named: true });
    }
  });

  it.each([...SCENARIO_IDS])("%s: each goal names its application's calls and byte counts", (id) => {
    for (const side of SIDES) {
      const goal = texts[id].goal[side];
      for (const step of SCENARIOS[id].plans[side]) {
        const must =
          step.intent === 'listen'
            ? 'listen()'
            : step.intent === 'open'
              ? 'connect()'
              : step.intent === 'close'
                ? 'close()'
                : String(step.bytes ?? 1);
        expect({ side, goal, has: goal.includes(must) }).toEqual({ side, goal, has: true });
      }
    }
  });

  it('the two roles of a scenario get different goals', () => {
    for (const id of SCENARIO_IDS) expect(texts[id].goal.client).not.toBe(texts[id].goal.server);
  });
});

describe('protocol error texts', () => {
  const langs = ['zh-CN', 'en'] as const;

  it.each(langs)('%s covers exactly the protocol error codes', (lang) => {
    expect(Object.keys(PROTOCOL_TEXTS[lang]).sort()).toEqual([...PROTOCOL_ERROR_CODES].sort());
  });

  it.each([...PROTOCOL_ERROR_CODES])('%s has a message in both languages', (code) => {
    const zh = PROTOCOL_TEXTS['zh-CN'][code];
    const en = PROTOCOL_TEXTS.en[code];
    expect(zh.trim()).not.toBe('');
    expect(en.trim()).not.toBe('');
    expect(CJK.test(zh)).toBe(true);
    expect(CJK.test(en)).toBe(false);
  });

  /** The codes whose message carries the server's detail. */
  const WITH_DETAIL: readonly string[] = ['BAD_PAYLOAD', 'SETTINGS_INVALID'];

  it('has no braces except the {detail} of BAD_PAYLOAD and SETTINGS_INVALID', () => {
    for (const lang of langs) {
      for (const code of PROTOCOL_ERROR_CODES) {
        const text = PROTOCOL_TEXTS[lang][code];
        expect({ lang, code, stray: strayBraces(text, ['detail']) }).toEqual({ lang, code, stray: false });
        expect({ lang, code, detail: text.includes('{detail}') }).toEqual({
          lang,
          code,
          detail: WITH_DETAIL.includes(code),
        });
      }
    }
  });

  it('fills {detail} when given', () => {
    expect(formatProtocolError('en', 'BAD_PAYLOAD', 'seq must be a number')).toBe(
      'The data sent with this message is malformed: seq must be a number.',
    );
    expect(formatProtocolError('zh-CN', 'BAD_PAYLOAD', 'seq 必须是数字')).toBe(
      '消息数据格式不正确：seq 必须是数字。',
    );
  });

  it('does not double the full stop when the detail ends with one', () => {
    expect(formatProtocolError('en', 'BAD_PAYLOAD', 'ack is missing.')).toBe(
      'The data sent with this message is malformed: ack is missing.',
    );
    expect(formatProtocolError('zh-CN', 'BAD_PAYLOAD', '缺少 ack。')).toBe('消息数据格式不正确：缺少 ack。');
  });

  it('takes the detail literally', () => {
    expect(formatProtocolError('en', 'BAD_PAYLOAD', "$& and $' and {x}")).toBe(
      "The data sent with this message is malformed: $& and $' and {x}.",
    );
  });

  it.each([undefined, '', '   '])(
    'removes {detail} and its separator cleanly when the detail is %p',
    (detail) => {
      expect(formatProtocolError('en', 'BAD_PAYLOAD', detail)).toBe(
        'The data sent with this message is malformed.',
      );
      expect(formatProtocolError('zh-CN', 'BAD_PAYLOAD', detail)).toBe('消息数据格式不正确。');
    },
  );

  it('leaves no placeholder in any message, with or without detail', () => {
    for (const lang of langs) {
      for (const code of PROTOCOL_ERROR_CODES) {
        for (const detail of [undefined, 'x']) {
          const m = formatProtocolError(lang, code, detail);
          expect(m).not.toMatch(/[{}]/);
          expect(m).not.toMatch(/\s[.。]$|[:：]\s*[.。]$|\s{2}/);
          if (!WITH_DETAIL.includes(code)) expect(m).toBe(PROTOCOL_TEXTS[lang][code]);
        }
      }
    }
  });
});
