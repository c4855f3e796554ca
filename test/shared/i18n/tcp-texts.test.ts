import {
  ARRIVAL_NOTE_CODES,
  CAPTURE_NOTE_CODES,
  JUDGE_ERROR_CODES,
  type JudgeErrorCode,
} from '../../../shared/tcp/codes';
import { TCP_STATES } from '../../../shared/tcp/types';
import type { CodeText, TcpTexts } from '../../../shared/i18n/tcp-texts';
import { TCP_TEXTS_EN } from '../../../shared/i18n/tcp-texts.en';
import { TCP_TEXTS_ZH_CN } from '../../../shared/i18n/tcp-texts.zh-CN';

const LANGS: ReadonlyArray<[string, TcpTexts]> = [
  ['en', TCP_TEXTS_EN],
  ['zh-CN', TCP_TEXTS_ZH_CN],
];

/** CJK ideographs plus CJK and full-width punctuation. */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;
const HTML = /<\/?[a-z][^>]*>|&[a-z]+;|&#\d+;/i;

const ERROR_PARAMS = ['state', 'expected', 'given'];
const NOTE_PARAMS = ['state', 'seq', 'ack', 'len', 'flags', 'rcvNxt'];
/** Capture notes may also name the segment they refer to. */
const CAPTURE_PARAMS = [...NOTE_PARAMS, 'ref'];

/** Error codes that come with {expected} and/or {given}; all others only have {state}. */
const ERROR_NUMBERS: Partial<Record<JudgeErrorCode, string[]>> = {
  BAD_SEGMENT: ['expected', 'given'],
  FLAGS_CONFLICT: ['given'],
  REPLY_OWED: ['expected', 'given'],
  SYN_SEQ_CHANGED: ['expected', 'given'],
  DATA_EXCEEDS_WINDOW: ['expected', 'given'],
  SEQ_SKIPPED: ['expected', 'given'],
  SEQ_REUSED: ['expected', 'given'],
  SEQ_PEER_SPACE: ['expected', 'given'],
  ACK_OFF_BY_ONE: ['expected', 'given'],
  ACK_OWN_SPACE: ['expected', 'given'],
  ACK_AHEAD: ['expected', 'given'],
  ACK_BEHIND: ['expected', 'given'],
  RST_SEQ_WRONG: ['expected', 'given'],
  RST_ACK_WRONG: ['expected', 'given'],
  CALL_SEND_BAD_LENGTH: ['given'],
};

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '');
}

function allowedForError(code: JudgeErrorCode): string[] {
  return ['state', ...(ERROR_NUMBERS[code] ?? [])];
}

function allTexts(t: TcpTexts): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [code, ct] of Object.entries(t.errors) as Array<[string, CodeText]>) {
    out.push([`errors.${code}.message`, ct.message], [`errors.${code}.explain`, ct.explain]);
  }
  for (const [code, ct] of Object.entries(t.notes) as Array<[string, CodeText]>) {
    out.push([`notes.${code}.message`, ct.message], [`notes.${code}.explain`, ct.explain]);
  }
  for (const [code, ct] of Object.entries(t.captureNotes) as Array<[string, CodeText]>) {
    out.push([`captureNotes.${code}.message`, ct.message], [`captureNotes.${code}.explain`, ct.explain]);
  }
  for (const [state, st] of Object.entries(t.states)) {
    out.push([`states.${state}.name`, st.name], [`states.${state}.description`, st.description]);
  }
  return out;
}

describe.each(LANGS)('TCP teaching texts (%s)', (lang, texts) => {
  it('covers exactly the error codes, note codes and states', () => {
    expect(Object.keys(texts.errors).sort()).toEqual([...JUDGE_ERROR_CODES].sort());
    expect(Object.keys(texts.notes).sort()).toEqual([...ARRIVAL_NOTE_CODES].sort());
    expect(Object.keys(texts.captureNotes).sort()).toEqual([...CAPTURE_NOTE_CODES].sort());
    expect(Object.keys(texts.states).sort()).toEqual([...TCP_STATES].sort());
  });

  it.each([...JUDGE_ERROR_CODES])('error %s has a message and an explanation', (code) => {
    const t = texts.errors[code];
    expect(t.message.trim()).not.toBe('');
    expect(t.explain.trim()).not.toBe('');
  });

  it.each([...ARRIVAL_NOTE_CODES])('note %s has a message and an explanation', (code) => {
    const t = texts.notes[code];
    expect(t.message.trim()).not.toBe('');
    expect(t.explain.trim()).not.toBe('');
  });

  it.each([...CAPTURE_NOTE_CODES])('capture note %s has a message and an explanation', (code) => {
    const t = texts.captureNotes[code];
    expect(t.message.trim()).not.toBe('');
    expect(t.explain.trim()).not.toBe('');
  });

  it('capture notes use only the note placeholders and {ref}', () => {
    for (const code of CAPTURE_NOTE_CODES) {
      const { message, explain } = texts.captureNotes[code];
      for (const p of [...placeholders(message), ...placeholders(explain)]) {
        expect({ code, p, ok: CAPTURE_PARAMS.includes(p) }).toEqual({ code, p, ok: true });
      }
    }
  });

  it.each([...TCP_STATES])('state %s has a name and a description', (state) => {
    const s = texts.states[state];
    expect(s.name.trim()).not.toBe('');
    expect(s.description.trim()).not.toBe('');
    // The RFC state name stays in Latin letters, followed by the explanation in brackets.
    expect(s.name.startsWith(state)).toBe(true);
    expect(s.name.length).toBeGreaterThan(state.length);
  });

  it('errors use only {state}, {expected}, {given}, and the numbers only where the code provides them', () => {
    for (const code of JUDGE_ERROR_CODES) {
      const { message, explain } = texts.errors[code];
      for (const p of [...placeholders(message), ...placeholders(explain)]) {
        expect(ERROR_PARAMS).toContain(p);
        expect({ code, p, ok: allowedForError(code).includes(p) }).toEqual({ code, p, ok: true });
      }
    }
  });

  it('notes use only {state}, {seq}, {ack}, {len}, {flags}, {rcvNxt}', () => {
    for (const code of ARRIVAL_NOTE_CODES) {
      const { message, explain } = texts.notes[code];
      for (const p of [...placeholders(message), ...placeholders(explain)]) {
        expect({ code, p, ok: NOTE_PARAMS.includes(p) }).toEqual({ code, p, ok: true });
      }
    }
  });

  it('state names and descriptions have no placeholders', () => {
    for (const state of TCP_STATES) {
      const s = texts.states[state];
      expect(placeholders(s.name)).toEqual([]);
      expect(placeholders(s.description)).toEqual([]);
    }
  });

  it('has no stray braces, no HTML, and one-line messages', () => {
    for (const [where, text] of allTexts(texts)) {
      const rest = text.replace(/\{[A-Za-z]+\}/g, '');
      expect({ where, braces: /[{}]/.test(rest) }).toEqual({ where, braces: false });
      expect({ where, html: HTML.test(text) }).toEqual({ where, html: false });
      expect({ where, multiline: /[\r\n]/.test(text) }).toEqual({ where, multiline: false });
      expect({ where, trimmed: text === text.trim() }).toEqual({ where, trimmed: true });
    }
    for (const t of [
      ...Object.values(texts.errors),
      ...Object.values(texts.notes),
      ...Object.values(texts.captureNotes),
    ]) {
      expect(t.message.length).toBeLessThanOrEqual(120);
    }
  });

  it(lang === 'en' ? 'contains no CJK characters' : 'is written in Chinese', () => {
    for (const [where, text] of allTexts(texts)) {
      if (lang === 'en') {
        expect({ where, cjk: CJK.test(text) }).toEqual({ where, cjk: false });
      } else {
        expect({ where, cjk: CJK.test(text) }).toEqual({ where, cjk: true });
      }
    }
  });

  it('gives every code its own explanation and every state its own description', () => {
    const all = [
      ...Object.values(texts.errors),
      ...Object.values(texts.notes),
      ...Object.values(texts.captureNotes),
    ];
    const explains = all.map((t) => t.explain);
    expect(new Set(explains).size).toBe(explains.length);
    const messages = all.map((t) => t.message);
    expect(new Set(messages).size).toBe(messages.length);
    const descriptions = Object.values(texts.states).map((s) => s.description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
    const names = Object.values(texts.states).map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('English and Chinese say the same thing', () => {
  const sorted = (text: string): string[] => [...new Set(placeholders(text))].sort();

  it.each([...JUDGE_ERROR_CODES])('error %s uses the same placeholders in both languages', (code) => {
    expect(sorted(TCP_TEXTS_ZH_CN.errors[code].message)).toEqual(sorted(TCP_TEXTS_EN.errors[code].message));
    expect(sorted(TCP_TEXTS_ZH_CN.errors[code].explain)).toEqual(sorted(TCP_TEXTS_EN.errors[code].explain));
  });

  it.each([...ARRIVAL_NOTE_CODES])('note %s uses the same placeholders in both languages', (code) => {
    expect(sorted(TCP_TEXTS_ZH_CN.notes[code].message)).toEqual(sorted(TCP_TEXTS_EN.notes[code].message));
    expect(sorted(TCP_TEXTS_ZH_CN.notes[code].explain)).toEqual(sorted(TCP_TEXTS_EN.notes[code].explain));
  });

  it.each([...CAPTURE_NOTE_CODES])('capture note %s uses the same placeholders in both languages', (code) => {
    const zh = TCP_TEXTS_ZH_CN.captureNotes[code];
    const en = TCP_TEXTS_EN.captureNotes[code];
    expect(sorted(zh.message)).toEqual(sorted(en.message));
    expect(sorted(zh.explain)).toEqual(sorted(en.explain));
  });

  it('cites the same RFCs and sections in both languages', () => {
    const rfcs = (text: string): string[] => [...new Set(text.match(/RFC \d+|§[\d.]*\d/g) ?? [])].sort();
    const pairs: Array<[string, CodeText, CodeText]> = [
      ...JUDGE_ERROR_CODES.map((c): [string, CodeText, CodeText] => [
        c,
        TCP_TEXTS_EN.errors[c],
        TCP_TEXTS_ZH_CN.errors[c],
      ]),
      ...ARRIVAL_NOTE_CODES.map((c): [string, CodeText, CodeText] => [
        c,
        TCP_TEXTS_EN.notes[c],
        TCP_TEXTS_ZH_CN.notes[c],
      ]),
      ...CAPTURE_NOTE_CODES.map((c): [string, CodeText, CodeText] => [
        c,
        TCP_TEXTS_EN.captureNotes[c],
        TCP_TEXTS_ZH_CN.captureNotes[c],
      ]),
    ];
    for (const [code, en, zh] of pairs) {
      expect({ code, rfcs: rfcs(zh.explain) }).toEqual({ code, rfcs: rfcs(en.explain) });
    }
  });

  it('keeps the state names in Latin letters in Chinese too', () => {
    for (const state of TCP_STATES) {
      expect(TCP_TEXTS_ZH_CN.states[state].name).toMatch(new RegExp(`^${state}（.+）$`));
      expect(TCP_TEXTS_EN.states[state].name).toMatch(new RegExp(`^${state} \\(.+\\)$`));
    }
  });
});
