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

/** Templates cut at their placeholders (text, name, text, ..., text): the texts are few, fills many. */
const TEMPLATE_PARTS = new Map<string, readonly string[]>();

function templateParts(template: string): readonly string[] {
  let parts = TEMPLATE_PARTS.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    if (TEMPLATE_PARTS.size >= 2000) TEMPLATE_PARTS.clear(); // texts built at run time stay bounded
    TEMPLATE_PARTS.set(template, parts);
  }
  return parts;
}

/** Replaces {name} placeholders; a missing value shows as "?". */
export function fill(template: string, params: TextParams): string {
  const parts = templateParts(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const v = params[parts[i]!];
    out += (v === undefined ? '?' : String(v)) + parts[i + 1]!;
  }
  return out;
}

function filled(t: CodeText, params: TextParams): CodeText {
  return { message: fill(t.message, params), explain: fill(t.explain, params) };
}

/** The message and explanation of a refusal, in a language. */
export function errorText(lang: Lang, e: JudgeError): CodeText {
  return filled(TCP_TEXTS[lang].errors[e.code], { state: e.state, expected: e.expected, given: e.given });
}

const CAPTURE_NOTES: ReadonlySet<string> = new Set(CAPTURE_NOTE_CODES);

function isCaptureNote(code: string): code is CaptureNoteCode {
  return CAPTURE_NOTES.has(code);
}

function noteTemplates(lang: Lang, code: ArrivalNoteCode | CaptureNoteCode): CodeText {
  const texts = TCP_TEXTS[lang];
  return isCaptureNote(code) ? texts.captureNotes[code] : texts.notes[code];
}

/** The message and explanation of an arrival note or a capture note, in a language. */
export function noteText(lang: Lang, code: ArrivalNoteCode | CaptureNoteCode, params: TextParams): CodeText {
  return filled(noteTemplates(lang, code), params);
}

/** The message of a note alone (noteText without filling the explanation: a replay's table writes thousands). */
export function noteMessage(lang: Lang, code: ArrivalNoteCode | CaptureNoteCode, params: TextParams): string {
  return fill(noteTemplates(lang, code).message, params);
}

/** A state's display name and description, in a language. */
export function stateText(lang: Lang, state: TcpState): { name: string; description: string } {
  return TCP_TEXTS[lang].states[state];
}
