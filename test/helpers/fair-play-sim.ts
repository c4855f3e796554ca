/**
 * Plays a game through the engine the way people play it: each human side looks at its view when
 * it may act, thinks for a while, and sends the move it computed from that view with the view's
 * version (`basedOn`); meanwhile segments land, timers fire and the other side moves. A VIEW_STALE
 * answer makes it look again. The bot, when there is one, plays by its own timer. Everything is
 * driven by the numbers the caller gives (think times, choices, tie-breaks), so fast-check can
 * search them.
 */
import {
  advance,
  applyMove,
  armWire,
  createGame,
  nextDeadline,
  seatPlayer,
  tamperWire,
  type WireAction,
} from '../../shared/game/game-engine';
import type { Game, GameSettings } from '../../shared/game/game-types';
import { movesFromView, viewFor, type GameView } from '../../shared/game/game-view';
import type { ScenarioId } from '../../shared/scenarios/scenarios';
import { ACK, FIN, PSH, RST, SYN, type Move, type Side } from '../../shared/tcp/types';
import { deepFreeze } from '../../server/stores/memory-game-store';

export const SIM_SETTINGS: GameSettings = {
  flightMs: 1000,
  turnMs: 20000,
  rtoMs: 5000,
  mslMs: 4000,
  synRcvdMs: 60000,
  botDelayMs: 0,
};

/** Where the numbers of a run come from: each list is read in turn and wraps around. */
export interface SimChoices {
  /** Think times in ms, before each human move. */
  think: number[];
  /** Which of the correct moves to play (index modulo their number). */
  pick: number[];
  /** Tie-breaks when a move and a deadline fall at the same time (odd: the move first). */
  ties: number[];
  /** Per human move: insert a legal but pointless segment first when one exists (odd: yes). */
  pointless?: number[];
  /** The teacher as the network: at these times, the newest segment in flight is dropped, delayed or duplicated. */
  tamper?: { at: number; action: WireAction }[];
  /** The teacher arms ahead: at these times, an action for the next segment `side` sends (null: cancel). */
  arm?: { at: number; side: Side; action: WireAction | null }[];
}

/** A move a side tries at a moment of its choice instead of the correct one (see SKIPS). */
export interface Skip {
  side: Side;
  /** When, from the side's view, the skip is tried (once). */
  when: (v: GameView) => boolean;
  move: (v: GameView) => Move;
}

export interface SimResult {
  game: Game;
  /** Refusals other than VIEW_STALE that correct play received (must stay empty). */
  refusals: string[];
  stale: number;
  pointlessSent: number;
  /** What became of the skip: accepted, refused with a code, or never tried. */
  skip: 'accepted' | `refused:${string}` | 'not-tried';
}

class Cycle {
  private i = 0;
  constructor(private readonly xs: number[]) {}
  next(): number {
    if (this.xs.length === 0) return 0;
    return this.xs[this.i++ % this.xs.length]!;
  }
}

/** A legal segment nobody needs now: a pure ACK repeating what the side last acknowledged. */
function pointlessAck(v: GameView): Move | null {
  const t = v.you.record;
  const synced = ['ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK'];
  if (!synced.includes(t.state) || t.owed !== 'none' || v.you.mustRetransmit) return null;
  return { kind: 'segment', segment: { flags: ACK, seq: t.sndNxt, ack: t.rcvNxt, len: 0, win: t.rcvWnd } };
}

/** Plays `id` to its end with humans on `humans` and the bot (partner) on the other side, if any. */
export function simulate(
  id: ScenarioId,
  humans: readonly Side[],
  c: SimChoices,
  opts: { botDelayMs?: number; seed?: number; skip?: Skip } = {},
): SimResult {
  const botSide: Side | null = humans.length === 2 ? null : humans[0] === 'client' ? 'server' : 'client';
  let g = createGame({
    id: 'sim',
    scenarioId: id,
    now: 0,
    seed: opts.seed ?? 7,
    settings: { ...SIM_SETTINGS, botDelayMs: opts.botDelayMs ?? 0 },
    bot: botSide ? { role: botSide, level: 'partner' } : null,
  });
  for (const s of humans) g = seatPlayer(g, s, `sess-${s}`, s, 0);
  const think = new Cycle(c.think);
  const pick = new Cycle(c.pick);
  const ties = new Cycle(c.ties);
  const pointless = new Cycle(c.pointless ?? []);
  const pending: Partial<Record<Side, { at: number; move: Move; basedOn: number; pointless: boolean }>> = {};
  const out: SimResult = { game: g, refusals: [], stale: 0, pointlessSent: 0, skip: 'not-tried' };
  let skipDone = false;
  const tampers = [
    ...(c.tamper ?? []).map((x) => ({ ...x, side: null as null })),
    ...(c.arm ?? []).map((x) => ({ ...x })),
  ].sort((a, b) => a.at - b.at);
  let t = 0;
  for (let step = 0; step < 2000 && g.phase === 'playing'; step++) {
    // every version is frozen, as the server's store does under jest: the engine shares the parts
    // it does not change between versions, so a change in place would corrupt an earlier one
    deepFreeze(g);
    for (const side of humans) {
      if (pending[side]) continue;
      const v = viewFor(g, side, t);
      if (!v.you.canAct) continue;
      const skip = opts.skip;
      let move: Move | undefined;
      let isPointless = false;
      const skipping = skip !== undefined && !skipDone && skip.side === side && skip.when(v);
      if (skipping) {
        skipDone = true;
        move = skip.move(v);
        out.skip = 'refused:?';
      } else {
        // a few pointless segments per game at most: a player that only sends those never ends it
        const extra = out.pointlessSent < 3 && pointless.next() % 2 === 1 ? pointlessAck(v) : null;
        if (extra) {
          out.pointlessSent++;
          move = extra;
          isPointless = true;
        } else {
          const moves = movesFromView(v, 0x10000000 + step * 7919);
          move = moves[pick.next() % Math.max(1, moves.length)];
        }
      }
      if (!move) throw new Error(`${id}: ${side} may act but has no correct move`);
      // the skip goes at once, so it is judged on the view it was chosen from
      const at = skipping ? t : t + think.next();
      pending[side] = { at, move, basedOn: v.version, pointless: isPointless };
    }
    const due = nextDeadline(g);
    const teacher = tampers[0];
    if (
      teacher &&
      teacher.at <= Math.min(due ?? Infinity, ...humans.map((s) => pending[s]?.at ?? Infinity))
    ) {
      tampers.shift();
      t = Math.max(t, teacher.at);
      g =
        teacher.side === null
          ? tamperWire(g, null, teacher.action, t).game
          : armWire(g, teacher.side, teacher.action, t).game;
      continue;
    }
    const mover = humans
      .filter((s) => pending[s])
      .sort((a, b) => pending[a]!.at - pending[b]!.at || ties.next() % 2)[0];
    const moveAt = mover ? pending[mover]!.at : null;
    const moveFirst =
      moveAt !== null && (due === null || moveAt < due || (moveAt === due && ties.next() % 2 === 1));
    if (moveFirst && mover) {
      const p = pending[mover]!;
      delete pending[mover];
      t = p.at;
      const r = applyMove(g, mover, p.move, t, { basedOn: p.basedOn });
      g = r.game;
      const isSkip = out.skip === 'refused:?' && opts.skip?.side === mover;
      if (isSkip) out.skip = r.ok ? 'accepted' : `refused:${r.error.code}`;
      if (!r.ok && p.pointless) out.pointlessSent--;
      if (!r.ok && r.error.code === 'VIEW_STALE') out.stale++;
      else if (!r.ok && !isSkip)
        out.refusals.push(`${mover} t=${t}: ${r.error.code} for ${JSON.stringify(p.move)}`);
      continue;
    }
    if (due === null) break;
    t = Math.max(t, due);
    g = advance(g, t);
  }
  out.game = g;
  return out;
}

/** Segments for skip moves, from the side's own record. */
export const seg = {
  ack: (v: GameView): Move => {
    const t = v.you.record;
    return { kind: 'segment', segment: { flags: ACK, seq: t.sndNxt, ack: t.rcvNxt, len: 0, win: t.rcvWnd } };
  },
  finAck: (v: GameView): Move => {
    const t = v.you.record;
    return {
      kind: 'segment',
      segment: { flags: FIN | ACK, seq: t.sndNxt, ack: t.rcvNxt, len: 0, win: t.rcvWnd },
    };
  },
  data: (v: GameView, len: number): Move => {
    const t = v.you.record;
    return {
      kind: 'segment',
      segment: { flags: PSH | ACK, seq: t.sndNxt, ack: t.rcvNxt, len, win: t.rcvWnd },
    };
  },
  rst: (v: GameView): Move => {
    const t = v.you.record;
    return {
      kind: 'segment',
      segment: { flags: RST | ACK, seq: t.sndNxt, ack: t.rcvNxt, len: 0, win: t.rcvWnd },
    };
  },
  synAck: (v: GameView): Move => {
    const t = v.you.record;
    return {
      kind: 'segment',
      segment: { flags: SYN | ACK, seq: 5000, ack: t.rcvNxt, len: 0, win: t.rcvWnd },
    };
  },
};
