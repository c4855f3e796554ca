/** The class's own texts: a short phrase per judge error code for the misconception summary. */
import type { JudgeErrorCode } from '../tcp/codes';
import { MISCONCEPTION_TEXTS_EN } from './class-texts.en';
import { MISCONCEPTION_TEXTS_ZH_CN } from './class-texts.zh-CN';
import type { Lang } from './index';

export const MISCONCEPTION_TEXTS: Record<Lang, Record<JudgeErrorCode, string>> = {
  'zh-CN': MISCONCEPTION_TEXTS_ZH_CN,
  en: MISCONCEPTION_TEXTS_EN,
};

/** The misconception phrase of an error code in `lang` (the code itself for an unknown one). */
export function misconceptionText(lang: Lang, code: JudgeErrorCode): string {
  return MISCONCEPTION_TEXTS[lang][code] ?? code;
}
