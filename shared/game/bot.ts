/**
 * The bot: it plays a side through the same rules and hints as everyone. The "catch" level now and
 * then puts a wrong segment on the wire first, which the human must answer the way TCP would.
 */
import { ACK, RST, SYN, type Move, type Segment, type Side } from '../tcp/types';
import type { Game } from './game-types';
import { correctMoves } from './game-engine';
import { nextRandom, randomUint32 } from './rng';

/** How often the catch-level bot tries a wrong segment, and at most how many per game. */
export const TRAP_CHANCE = 0.35;
export const TRAP_LIMIT = 2;

export interface BotPick {
  move: Move | null;
  /** A wrong segment to send instead (catch level). */
  trap: Segment | null;
  rng: number;
}

/** The bot's next move for a side (pure: the random state comes from and goes back to the game). */
export function botMove(g: Game, side: Side): BotPick {
  let rng = g.rng;
  const [iss, r1] = randomUint32(rng);
  rng = r1;
  const moves = correctMoves(g, side, iss);
  const move = moves[0] ?? null;
  if (!move || g.bot?.level !== 'catch' || g.trapsSent >= TRAP_LIMIT || move.kind !== 'segment') {
    return { move, trap: null, rng };
  }
  const [roll, r2] = nextRandom(rng);
  rng = r2;
  const s = move.segment;
  if (roll >= TRAP_CHANCE || s.flags & RST || !(s.flags & ACK)) return { move, trap: null, rng };
  const [which, r3] = nextRandom(rng);
  rng = r3;
  // an ack of something never sent, or (for a SYN,ACK) an ack that does not match the SYN
  const trap: Segment =
    s.flags & SYN || which < 0.5 ? { ...s, ack: (s.ack + 1000) >>> 0 } : { ...s, seq: (s.seq + 70000) >>> 0 };
  return { move: null, trap, rng };
}
