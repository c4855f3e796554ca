/**
 * The game server's own path without sockets, for `npm run bench:game` (game-path.bench.ts): games
 * of `client-closes-first` played on a stepped clock, either through the server's real GameService
 * (the engine, the in-memory stores, the scheduler, the updates made and encoded by a Socket.IO
 * server without connections, the move's answer encoded as its ack) or by the engine alone (the
 * same moves with applyMove and advance, nothing stored, scheduled or sent). Each game's players
 * make the engine's first correct move when they can, as the load players do; a finished game is
 * replaced by a new one. Game n has the id and seed n in both paths, so they play the same games.
 */
import { Server } from 'socket.io';
import {
  advance,
  applyMove,
  correctMoves,
  createGame,
  nextDeadline,
  seatPlayer,
} from '../../shared/game/game-engine';
import { DEFAULT_SETTINGS, type Game } from '../../shared/game/game-types';
import type { Side } from '../../shared/tcp/types';
import type { Clock } from '../../server/clock';
import { GameService } from '../../server/games/game-service';
import { createLogger } from '../../server/logger';
import { LocalScheduler } from '../../server/scheduler';
import { textParser, TextEncoder } from '../../server/socket/text-encoder';
import type { AppServer } from '../../server/socket/types';
import { createMemoryStores } from '../../server/stores/stores';
import { TaskTracker } from '../../server/task-tracker';

const SIDES: readonly Side[] = ['client', 'server'];
/** How far the clock moves between two passes over the games (the flight is 1,200 ms). */
const STEP_MS = 200;

/** A clock whose time moves only when told, with its timers in a heap (thousands of games). */
export class SteppedClock implements Clock {
  private t = 1_000_000;
  private seq = 0;
  private heap: Array<{ at: number; seq: number; fn: () => void; live: boolean }> = [];

  now(): number {
    return this.t;
  }

  setTimer(at: number, fn: () => void): unknown {
    const timer = { at, seq: ++this.seq, fn, live: true };
    const h = this.heap;
    h.push(timer);
    for (let i = h.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
    return timer;
  }

  clearTimer(handle: unknown): void {
    (handle as { live: boolean }).live = false;
  }

  /** Moves time forward by `ms`, firing every timer due on the way, in time order. */
  advanceBy(ms: number): void {
    const target = this.t + ms;
    const h = this.heap;
    while (h.length && h[0]!.at <= target) {
      const top = h[0]!;
      const last = h.pop()!;
      if (h.length) {
        h[0] = last;
        for (let i = 0; ;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < h.length && before(h[l]!, h[m]!)) m = l;
          if (r < h.length && before(h[r]!, h[m]!)) m = r;
          if (m === i) break;
          [h[i], h[m]] = [h[m]!, h[i]!];
          i = m;
        }
      }
      this.t = Math.max(this.t, top.at);
      if (top.live) top.fn();
    }
    this.t = target;
  }
}

function before(a: { at: number; seq: number }, b: { at: number; seq: number }): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** Game n: the same id, seed and players in both paths. */
function freshGame(now: number, n: number): Game {
  let g = createGame({
    id: `g${n}`,
    scenarioId: 'client-closes-first',
    now,
    seed: n,
    settings: DEFAULT_SETTINGS,
  });
  g = seatPlayer(g, 'client', `c${n}`, `c${n}`, now);
  return seatPlayer(g, 'server', `s${n}`, `s${n}`, now);
}

/** By game id, a version found with no move and when it could change by itself. */
const idle = new Map<string, { version: number; until: number }>();

/**
 * The side that has a correct move now, and the move; not looked for again in a version that had
 * none until its next deadline (the driver's own work, kept small beside what it measures).
 */
function nextMover(
  g: Game,
  now: number,
): { side: Side; move: ReturnType<typeof correctMoves>[number] } | null {
  const seen = idle.get(g.id);
  if (seen && seen.version === g.version && now < seen.until) return null;
  const m = findMover(g);
  if (m) idle.delete(g.id);
  else idle.set(g.id, { version: g.version, until: nextDeadline(g) ?? Infinity });
  return m;
}

function findMover(g: Game): { side: Side; move: ReturnType<typeof correctMoves>[number] } | null {
  for (const side of SIDES) {
    const move = correctMoves(g, side, 1000)[0];
    if (move) return { side, move };
  }
  return null;
}

/** How a finished game ended. */
export interface Finished {
  goalMet: boolean;
  points: [number, number];
}

function finishedOf(g: Game): Finished | null {
  if (!g.result) return null;
  return { goalMet: g.result.goalMet, points: [g.score.client.points, g.score.server.points] };
}

export interface Path {
  name: string;
  /** Starts a game; returns its id. */
  start(g: Game): Promise<string>;
  /** Plays the game's next correct move if someone has one, and says whether the game is over. */
  step(id: string): Promise<{ moved: boolean; finished: Finished | null }>;
  /** After the clock moved: lets what came due run. */
  settle(): Promise<void>;
  close(): void;
}

/** The engine alone: games in a Map, deadlines processed by advance on every pass. */
export function enginePath(clock: SteppedClock): Path {
  const games = new Map<string, Game>();
  return {
    name: 'engine alone',
    async start(g) {
      games.set(g.id, advance(g, clock.now()));
      return g.id;
    },
    async step(id) {
      const now = clock.now();
      let g = advance(games.get(id)!, now);
      const m = nextMover(g, now);
      if (m) {
        const r = applyMove(g, m.side, m.move, now);
        if (!r.ok) throw new Error(`refused: ${r.error.code}`);
        g = advance(r.game, now);
      }
      games.set(id, g);
      return { moved: m !== null, finished: finishedOf(g) };
    },
    async settle() {
      const now = clock.now();
      for (const [id, g] of games) {
        const due = nextDeadline(g);
        if (due !== null && due <= now) games.set(id, advance(g, now));
      }
    },
    close() {},
  };
}

/** The server's path: GameService on the in-memory stores, the scheduler, updates and answers. */
export function servicePath(clock: SteppedClock): Path {
  const logger = createLogger('silent');
  const tracker = new TaskTracker(logger);
  const stores = createMemoryStores();
  const io = new Server({ parser: textParser }) as AppServer;
  const scheduler = new LocalScheduler(clock, tracker);
  const service = new GameService({
    clock,
    stores,
    io,
    scheduler,
    logger,
    finishedGameTtlMs: 60_000,
    landingNoticeMs: 250,
  });
  const encoder = new TextEncoder();
  let ackId = 0;
  return {
    name: 'game service',
    async start(g) {
      const s = await service.start(g);
      service.publish(s);
      return s.id;
    },
    async step(id) {
      const stored = await stores.games.get(id);
      if (!stored) throw new Error(`game ${id} is gone`);
      const m = nextMover(advance(stored, clock.now()), clock.now());
      if (!m) return { moved: false, finished: finishedOf(stored) };
      const socketId = `${id}:${m.side}`;
      const r = await service.change(
        id,
        (g, now) => {
          const out = applyMove(g, m.side, m.move, now);
          return out.ok
            ? { game: out.game, value: null, answered: socketId }
            : { game: out.game, value: out.error, only: m.side };
        },
        stored,
      );
      if (!r || r.value) throw new Error(`refused: ${JSON.stringify(r?.value)}`);
      const answer = service.answer(r.game, m.side, socketId);
      encoder.encode({ type: 3, nsp: '/', id: ++ackId, data: [{ ok: true, data: { game: answer } }] });
      return { moved: true, finished: finishedOf(r.game) };
    },
    async settle() {
      await new Promise((resolve) => setImmediate(resolve));
      await tracker.idle();
      await new Promise((resolve) => setImmediate(resolve));
    },
    close() {
      service.stop();
      scheduler.stop();
      // io was never attached to an HTTP server: nothing to close
    },
  };
}

/** What a run did: CPU time per move, and the games it finished (each one's id and final score). */
export interface PathRun {
  name: string;
  moves: number;
  usPerMove: number;
  finished: Array<{ id: string; goalMet: boolean; points: [number, number] }>;
}

/** Plays `games` games at a time until `moves` moves were made. */
export async function playPath(
  make: (clock: SteppedClock) => Path,
  o: { games: number; moves: number },
): Promise<PathRun> {
  const clock = new SteppedClock();
  idle.clear();
  const path = make(clock);
  let n = 0;
  const ids: string[] = [];
  const finished: PathRun['finished'] = [];
  for (let i = 0; i < o.games; i++) ids.push(await path.start(freshGame(clock.now(), n++)));
  let moves = 0;
  const t0 = process.cpuUsage();
  while (moves < o.moves) {
    for (let i = 0; i < ids.length && moves < o.moves; i++) {
      const r = await path.step(ids[i]!);
      if (r.moved) moves++;
      if (r.finished) {
        finished.push({ id: ids[i]!, ...r.finished });
        ids[i] = await path.start(freshGame(clock.now(), n++));
      }
    }
    await path.settle();
    clock.advanceBy(STEP_MS);
    await path.settle();
  }
  const cpu = process.cpuUsage(t0);
  path.close();
  return { name: path.name, moves, usPerMove: (cpu.user + cpu.system) / moves, finished };
}
