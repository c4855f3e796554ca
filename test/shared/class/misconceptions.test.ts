/** The class's misconception summary: codes counted over students, in words in both languages. */
import { misconceptions } from '../../../shared/class/misconceptions';
import { MISCONCEPTION_TEXTS, misconceptionText } from '../../../shared/i18n/class-texts';
import { LANGS } from '../../../shared/i18n';
import { JUDGE_ERROR_CODES } from '../../../shared/tcp/codes';

const rows = [
  { playerId: 'p1', byCode: { ACK_OFF_BY_ONE: 2, SEQ_REUSED: 1 } },
  { playerId: 'p2', byCode: { ACK_OFF_BY_ONE: 1, ACK_AHEAD: 0 } },
  { playerId: 'p1', byCode: { ACK_OFF_BY_ONE: 1 } },
  { playerId: 'p3', byCode: { SEQ_REUSED: 1, RST_SEQ_WRONG: 1 } },
  { playerId: 'p4', byCode: {} },
];

test('codes are counted over rows, with how many different students made them, most frequent first', () => {
  expect(misconceptions(rows, 'en')).toEqual([
    { code: 'ACK_OFF_BY_ONE', count: 4, students: 2, text: 'ack = y instead of y+1' },
    { code: 'SEQ_REUSED', count: 2, students: 2, text: 'seq reuses numbers already sent' },
    { code: 'RST_SEQ_WRONG', count: 1, students: 1, text: 'RST with the wrong seq' },
  ]);
  expect(misconceptions([], 'en')).toEqual([]);
});

test('equal counts: more students first, then by code', () => {
  const out = misconceptions(
    [
      { playerId: 'p1', byCode: { SEQ_SKIPPED: 2, ACK_BEHIND: 1, ACK_AHEAD: 1 } },
      { playerId: 'p2', byCode: { ACK_BEHIND: 1, ACK_AHEAD: 1 } },
    ],
    'en',
  );
  expect(out.map((m) => m.code)).toEqual(['ACK_AHEAD', 'ACK_BEHIND', 'SEQ_SKIPPED']);
});

test("the words come from the texts in the host's language", () => {
  const zh = misconceptions(rows, 'zh-CN');
  expect(zh.map((m) => m.code)).toEqual(['ACK_OFF_BY_ONE', 'SEQ_REUSED', 'RST_SEQ_WRONG']);
  for (const m of zh) {
    expect(m.text).toBe(MISCONCEPTION_TEXTS['zh-CN'][m.code]);
    expect(m.text).not.toBe(MISCONCEPTION_TEXTS.en[m.code]);
    expect(m.text).toMatch(/[\u4e00-\u9fff]/);
  }
});

test('every judge error code has a phrase in every language', () => {
  const codes = [...JUDGE_ERROR_CODES];
  for (const lang of LANGS) {
    expect(Object.keys(MISCONCEPTION_TEXTS[lang]).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      const text = misconceptionText(lang, code);
      expect(text.trim()).not.toBe('');
      expect(text).not.toBe(code);
    }
  }
});
