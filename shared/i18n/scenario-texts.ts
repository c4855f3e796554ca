/**
 * The texts that present a scenario to the players: its name, what happens, what it teaches, and
 * each role's goal. The goals must say what the scenario data (shared/scenarios/scenarios.ts) asks:
 * the calls each side's application makes, the network's tricks, and the states the round ends in.
 */
import type { ScenarioId } from '../scenarios/scenarios';
import type { Side } from '../tcp/types';

export interface ScenarioText {
  /** Short name, e.g. "三次握手" / "Three-way handshake". */
  title: string;
  /** One sentence: what happens. */
  summary: string;
  /** One to three sentences: the question the scenario answers, and why. */
  teaches: string;
  /** Per role, what this player must do and which state it must reach. */
  goal: Record<Side, string>;
}

export type ScenarioTexts = Record<ScenarioId, ScenarioText>;
