/** New games with random ids and seeds: the engine's createGame and seatPlayer, nothing more. */
import { randomInt } from 'node:crypto';
import { createGame, seatPlayer } from '../../shared/game/game-engine';
import type { BotLevel, Game, GameSettings } from '../../shared/game/game-types';
import type { ScenarioId } from '../../shared/scenarios/scenarios';
import type { Side } from '../../shared/tcp/types';
import { newId } from '../sessions/session-ids';

export interface Seating {
  side: Side;
  sessionId: string;
  nickname: string;
}

export interface NewGameOptions {
  scenarioId: ScenarioId;
  settings: GameSettings;
  now: number;
  /** The players to seat now (the game starts when every seat is taken). */
  players: Seating[];
  bot?: { role: Side; level: BotLevel } | null;
  hints?: boolean;
  /** The class whose round the game belongs to. */
  classId?: string | null;
}

/** A game with the given players seated. */
export function newGame(o: NewGameOptions): Game {
  let g = createGame({
    id: newId('g', 9),
    scenarioId: o.scenarioId,
    now: o.now,
    seed: randomInt(0, 0x1_0000_0000),
    settings: o.settings,
    bot: o.bot ?? null,
    hints: o.hints ?? false,
    classId: o.classId ?? null,
  });
  for (const p of o.players) g = seatPlayer(g, p.side, p.sessionId, p.nickname, o.now);
  return g;
}

/** A random side, for 'any'. */
export function randomSide(): Side {
  return randomInt(0, 2) === 0 ? 'client' : 'server';
}

/** A random element of a non-empty list. */
export function pick<T>(list: readonly T[]): T {
  const x = list[randomInt(0, list.length)];
  if (x === undefined) throw new Error('pick from an empty list');
  return x;
}
