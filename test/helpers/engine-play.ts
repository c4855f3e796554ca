/**
 * Games played by the shared engine alone, for the client's pure view code: both players play the
 * engine's first correct move (a test may swap a move for its own), the clock jumps to the next
 * deadline when nobody can move, and every view either player had on the way is kept. Also the UI
 * texts as the client looks them up (plurals chosen, placeholders filled).
 */
import {
  advance,
  applyMove,
  correctMoves,
  createGame,
  nextDeadline,
  seatPlayer,
} from '../../shared/game/game-engine';
import type { BotLevel, Game } from '../../shared/game/game-types';
import { viewFor, type GameView } from '../../shared/game/game-view';
import type { Lang, TextParams } from '../../shared/i18n';
import type { ScenarioId } from '../../shared/scenarios/scenarios';
import type { Move, Side } from '../../shared/tcp/types';
import { uiText } from '../../client/src/i18n/lang';
import type { UiKey } from '../../client/src/i18n/ui-texts';
import { deepFreeze } from '../../server/stores/memory-game-store';

const SIDES: Side[] = ['client', 'server'];

export interface Played {
  game: Game;
  /** Each side's view before every step, in order. */
  views: GameView[];
  /** The game before every step, then the last one. */
  games: Game[];
}

/** A move to play instead of the engine's correct one, or that one unchanged. */
export type Swap = (g: Game, side: Side, correct: Move) => Move;

/** Who plays: the seed of the game's random numbers, and a bot on one side (by its own timers). */
export interface PlayOptions {
  seed?: number;
  bot?: { role: Side; level: BotLevel };
}

/** Plays a scenario to its end (or `maxSteps`); throws if the engine refuses a move. */
export function playGame(
  scenarioId: ScenarioId,
  swap: Swap = (_g, _s, m) => m,
  maxSteps = 200,
  opts: PlayOptions = {},
): Played {
  let now = 1000;
  const bot = opts.bot ?? null;
  let g = createGame({ id: 'g1', scenarioId, now, seed: opts.seed ?? 7, settings: { botDelayMs: 0 }, bot });
  const humans = SIDES.filter((s) => s !== bot?.role);
  if (humans.includes('client')) g = seatPlayer(g, 'client', 's1', 'ann', now);
  if (humans.includes('server')) g = seatPlayer(g, 'server', 's2', 'bo', now);
  const views: GameView[] = [];
  const games: Game[] = [];
  for (let i = 0; i < maxSteps && g.phase === 'playing'; i++) {
    // frozen, as the server's store does under jest: a change in place of a part the engine shares
    // between versions fails here
    games.push(deepFreeze(g));
    for (const s of SIDES) views.push(viewFor(g, s, now));
    const side = humans.find((s) => correctMoves(g, s, 1000).length > 0);
    if (side) {
      const correct = correctMoves(g, side, side === 'client' ? 1000 : 5000)[0]!;
      const r = applyMove(g, side, swap(g, side, correct), now);
      if (!r.ok) throw new Error(`${scenarioId}: refused ${JSON.stringify(r.error)}`);
      g = r.game;
    } else {
      now = nextDeadline(g) ?? now + 1000;
      g = advance(g, now);
    }
  }
  games.push(g);
  for (const s of SIDES) views.push(viewFor(g, s, now));
  return { game: g, views, games };
}

/** The first view on the way that `pick` accepts; throws when there is none. */
export function viewWhere(p: Played, what: string, pick: (v: GameView) => boolean): GameView {
  const v = p.views.find(pick);
  if (!v) throw new Error(`no view: ${what}`);
  return v;
}

/** The UI's texts in a language, looked up as the client does. */
export function translator(lang: Lang): (key: UiKey, params?: TextParams) => string {
  return (key, params) => uiText(lang, key, params);
}
