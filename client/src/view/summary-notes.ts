/**
 * What the round summary says beside the score: praise for a clean round only when its goal was met
 * (a round with no refusal can still miss the goal), and the lesson's steps that never happened.
 */
import type { LessonStep } from '../../../shared/game/lesson-steps';
import type { GameView } from '../../../shared/game/game-view';
import type { Lang } from '../../../shared/i18n';
import { lessonText } from '../../../shared/i18n/lesson-texts';
import type { UiKey } from '../i18n/ui-texts';

export interface SummaryNotes {
  goalMet: boolean;
  /** The line shown when no move of the player's was refused. */
  clean: Extract<UiKey, 'noMistakes' | 'noMistakesGoalNotMet'>;
  /** The steps of the scenario's lesson that never happened, in the player's language. */
  missing: { step: LessonStep; text: string }[];
}

/** The summary's notes for a finished view: no praise beside a goal not met; the missing steps in words. */
export function summaryNotes(v: GameView, lang: Lang): SummaryNotes {
  const goalMet = v.result?.goalMet ?? false;
  const missing = goalMet ? [] : (v.result?.missing ?? []);
  return {
    goalMet,
    clean: goalMet ? 'noMistakes' : 'noMistakesGoalNotMet',
    missing: missing.map((step) => ({ step, text: lessonText(lang, step) })),
  };
}
