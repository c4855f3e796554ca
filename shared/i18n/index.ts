/** Looking up and filling the game's texts in the player's language. */
import { CAPTURE_NOTE_CODES, type ArrivalNoteCode, type CaptureNoteCode } from '../tcp/codes';
import type { JudgeError } from '../tcp/judge-error';
import type { TcpState } from '../tcp/types';
import type { CodeText, TcpTexts } from './tcp-texts';
import { TCP_TEXTS_EN } from './tcp-texts.en';
import { TCP_TEXTS_ZH_CN } from './tcp-texts.zh-CN';

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';

const TCP_TEXTS: Record<Lang, TcpTexts> = { 'zh-CN': TCP_TEXTS_ZH_CN, en: TCP_TEXTS_EN };

/** True for a language the game speaks. */
export function isLang(x: unknown): x is Lang {
  return typeof x === 'string' && (LANGS as readonly string[]).includes(x);
}

/** Picks the best language for an Accept-Language-style list ("zh-TW,zh;q=0.9,en"); zh-CN by default. */
export function pickLang(preferred: readonly string[]): Lang {
  for (const p of preferred) {
    const tag = p.trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LANG;
}

export type TextParams = Readonly<Record<string, string | number | undefined>>;

/** Replaces {name} placeholders; a missing value shows as "?". */
export function fill(template: string, params: TextParams): string {
  return template.replace(/\{(\w+)\}/g, (_m, k: string) => {
    const v = params[k];
    return v === undefined ? '?' : String(v);
  });
}

function filled(t: CodeText, params: TextParams): CodeText {
  return { message: fill(t.message, params), explain: fill(t.explain, params) };
}

/** The message and explanation of a refusal, in a language. */
export function errorText(lang: Lang, e: JudgeError): CodeText {
  return filled(TCP_TEXTS[lang].errors[e.code], { state: e.state, expected: e.expected, given: e.given });
}

function isCaptureNote(code: string): code is CaptureNoteCode {
  return (CAPTURE_NOTE_CODES as readonly string[]).includes(code);
}

/** The message and explanation of an arrival note or a capture note, in a language. */
export function noteText(lang: Lang, code: ArrivalNoteCode | CaptureNoteCode, params: TextParams): CodeText {
  const texts = TCP_TEXTS[lang];
  return filled(isCaptureNote(code) ? texts.captureNotes[code] : texts.notes[code], params);
}

/** A state's display name and description, in a language. */
export function stateText(lang: Lang, state: TcpState): { name: string; description: string } {
  return TCP_TEXTS[lang].states[state];
}
