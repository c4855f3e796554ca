/** The class's misconception summary: which refusal codes came up, how often, from how many students. */
import { misconceptionText } from '../i18n/class-texts';
import type { Lang } from '../i18n';
import type { JudgeErrorCode } from '../tcp/codes';
import type { Misconception, ResultRow } from './class-types';

/** Mistakes by code over `rows`, most frequent first, each with its phrase in `lang`. */
export function misconceptions(
  rows: readonly Pick<ResultRow, 'playerId' | 'byCode'>[],
  lang: Lang,
): Misconception[] {
  const counts = new Map<JudgeErrorCode, { count: number; students: Set<string> }>();
  for (const r of rows) {
    for (const [code, n] of Object.entries(r.byCode) as [JudgeErrorCode, number][]) {
      if (!n) continue;
      let c = counts.get(code);
      if (!c) {
        c = { count: 0, students: new Set() };
        counts.set(code, c);
      }
      c.count += n;
      c.students.add(r.playerId);
    }
  }
  return [...counts.entries()]
    .map(([code, c]) => ({
      code,
      count: c.count,
      students: c.students.size,
      text: misconceptionText(lang, code),
    }))
    .sort((a, b) => b.count - a.count || b.students - a.students || a.code.localeCompare(b.code));
}
