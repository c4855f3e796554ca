/** What the teacher chooses for the next round, and the class:round:start payload made from it (pure). */
import type { BotLevel } from '../../../shared/game/game-types';
import type { ScenarioId } from '../../../shared/scenarios/scenarios';

export interface RoundChoices {
  scenarios: ScenarioId[];
  level: BotLevel;
  mslScale: number;
  minutes: number;
  hints: boolean;
}

/** The most scenarios one round can hold (the server's schema says the same). */
export const MAX_SCENARIOS = 6;

/** What a new console proposes: the handshake alone, ten minutes, hints on. */
export function defaultChoices(): RoundChoices {
  return { scenarios: ['three-way-handshake'], level: 'partner', mslScale: 1, minutes: 10, hints: true };
}

/** The class:round:start payload for the choices (minutes to ms, within the server's bounds). */
export function roundPayload(c: RoundChoices): {
  scenarios: ScenarioId[];
  level: BotLevel;
  mslScale: number;
  durationMs: number;
  hints: boolean;
} {
  const minutes = Math.min(180, Math.max(0.5, Number.isFinite(c.minutes) ? c.minutes : 10));
  const mslScale = Math.min(20, Math.max(0.5, Number.isFinite(c.mslScale) ? c.mslScale : 1));
  return {
    scenarios: c.scenarios.slice(0, MAX_SCENARIOS),
    level: c.level,
    mslScale,
    durationMs: Math.round(minutes * 60_000),
    hints: c.hints,
  };
}
