/**
 * English counts: "1 point", "2 points". A UI text names both forms where a count is shown,
 * `{n|point|points}`, beside the count's own `{n}`; Chinese texts have no such choice.
 */
import type { TextParams } from '../../../shared/i18n';

/** `one` for a count of exactly 1, else `many` (English: 0 points, 1 point, 2 points). */
export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

const CHOICE = /\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g;

/** Replaces each `{name|one|many}` with the form for params[name]; a missing count takes `many`. */
export function choosePlurals(template: string, params: TextParams): string {
  return template.replace(CHOICE, (_m, k: string, one: string, many: string) => {
    return plural(Number(params[k]), one, many);
  });
}
