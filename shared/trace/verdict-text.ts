/**
 * A replayed segment's verdict as words, in a language: "accepted, because it is a keep-alive ...",
 * "REFUSED BAD_ACK: ...", "...; lost after the capture point". The replay command's table and the
 * browser's /replay page write verdicts with these, so they read the same in both.
 */
import { errorText, noteMessage, type Lang, type TextParams } from '../i18n';
import type { CaptureNote } from '../tcp/capture';
import { flagLabel } from '../tcp/flags';
import { peerOf, type Segment, type Side } from '../tcp/types';
import type { ReplayArrival, ReplayResult, ReplayStep } from './replay';

/** The verdict words, in each language. */
export const VERDICT_WORDS = {
  en: {
    accepted: 'accepted',
    retransmission: 'retransmission',
    refused: 'REFUSED',
    skipped: 'not judged (after the refusal)',
    because: 'because',
    and: 'and',
  },
  'zh-CN': {
    accepted: '通过',
    retransmission: '重传',
    refused: '拒绝',
    skipped: '未裁决（前面已被拒绝）',
    because: '因为',
    and: '并且',
  },
} as const satisfies Record<Lang, Record<string, string>>;

/** How a sequence-space number is written: absolute by default, or relative to its owner's ISN. */
export type NumberText = (n: number, owner: Side) => string | number;

const ABSOLUTE_TEXT: NumberText = (n) => n;

/** The values a note's text is filled with: the segment's numbers, and what it refers to. */
export function noteParams(
  s: Segment,
  from: Side,
  extra: { state?: string; rcvNxt?: number; ref?: number },
  num: NumberText = ABSOLUTE_TEXT,
): TextParams {
  return {
    seq: num(s.seq, from),
    ack: num(s.ack, peerOf(from)),
    len: s.len,
    flags: flagLabel(s.flags),
    state: extra.state,
    rcvNxt: extra.rcvNxt === undefined ? undefined : num(extra.rcvNxt, from),
    ref: extra.ref,
  };
}

/** The receiver's view of an arrival: the segment (or the part of it that arrived) and its state after. */
export function arrivalParams(
  a: ReplayArrival,
  r: ReplayResult,
  num: NumberText = ABSOLUTE_TEXT,
): TextParams {
  const step = r.steps[a.index]!;
  const s = a.part ? { ...step.segment, seq: a.part.seq, len: a.part.len } : step.segment;
  return noteParams(s, step.from, { state: a.state, rcvNxt: a.rcvNxt }, num);
}

/** What the receiver noted on an arrival, one text per note. */
export function arrivalTexts(
  lang: Lang,
  a: ReplayArrival,
  r: ReplayResult,
  num: NumberText = ABSOLUTE_TEXT,
): string[] {
  const params = arrivalParams(a, r, num);
  return a.notes.map((n) => noteMessage(lang, n, params));
}

/** "accepted, because ...; and ...": the capture notes of a step, after its verdict word. */
export function because(
  lang: Lang,
  verdict: string,
  notes: readonly CaptureNote[],
  s: Segment,
  from: Side,
  num: NumberText = ABSOLUTE_TEXT,
): string {
  if (notes.length === 0) return verdict;
  const w = VERDICT_WORDS[lang];
  const end = lang === 'en' ? '.' : '。';
  const texts = notes.map((n) => {
    const text = noteMessage(lang, n.code, noteParams(s, from, { ref: n.ref }, num));
    return text.endsWith(end) ? text.slice(0, -end.length) : text;
  });
  const [comma, semicolon] = lang === 'en' ? [', ', '; '] : ['，', '；'];
  return `${verdict}${comma}${w.because} ${texts.join(`${semicolon}${w.and} `)}${end}`;
}

/**
 * A step's verdict in one line: the word with its capture notes, or the refusal's code and
 * message, and whether the segment was lost after the capture point (and resent as which).
 */
export function verdictLine(
  lang: Lang,
  r: ReplayResult,
  st: ReplayStep,
  num: NumberText = ABSOLUTE_TEXT,
): string {
  const w = VERDICT_WORDS[lang];
  const s = st.segment;
  let verdict =
    st.verdict === 'skipped' ? w.skipped : because(lang, w[st.verdict], st.notes, s, st.from, num);
  if (st.error) verdict = `${w.refused} ${st.error.code}: ${errorText(lang, st.error).message}`;
  const resend = r.lost.get(st.index);
  if (resend !== undefined) {
    verdict = verdict.replace(/[.。]$/, '') + (lang === 'en' ? '; ' : '；');
    verdict += noteMessage(lang, 'CAP_LOST', noteParams(s, st.from, { ref: resend }, num));
  }
  return verdict;
}
