/** The misconception slides' content and keys, pure: one slide per mistake of the class, and how the keyboard steps. */
import type { Misconception } from '../../../shared/class/class-types';
import { errorText, type Lang } from '../../../shared/i18n';
import { misconceptionText } from '../../../shared/i18n/class-texts';
import type { JudgeErrorCode } from '../../../shared/tcp/codes';

export interface Slide {
  code: JudgeErrorCode;
  /** The mistake as a phrase ("ack = y instead of y+1"). */
  title: string;
  count: number;
  students: number;
  /** Why the rule is what it is: the refusal's explanation, the same the students read. */
  explain: string;
}

/** The slides of a class's misconceptions in a language, in the summary's order (most frequent first). */
export function mistakeSlides(list: readonly Misconception[], lang: Lang): Slide[] {
  return list.map((m) => ({
    code: m.code,
    title: misconceptionText(lang, m.code),
    count: m.count,
    students: m.students,
    // the explanations name no state or number: any state fills the refusal's text
    explain: errorText(lang, { code: m.code, state: 'CLOSED' }).explain,
  }));
}

/** The slide a key moves to from `i` of `n` (null: the key does not step). */
export function stepFor(key: string, i: number, n: number): number | null {
  if (n === 0) return null;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case ' ':
      return Math.min(n - 1, i + 1);
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
      return Math.max(0, i - 1);
    case 'Home':
      return 0;
    case 'End':
      return n - 1;
    default:
      return null;
  }
}
