/**
 * npm run bench:game: what the game server's own path costs per move, without sockets.
 *
 * The load benchmark's figures move with the machine (the relay's own CPU per move read 140-230 µs
 * within an hour), and most of a move's time there is sockets. This one measures the server's path
 * around the rules alone (game-path.ts): GameService on the in-memory stores, the scheduler, the
 * updates made and encoded, the answer encoded. The baseline in the same run is the engine alone
 * playing the same games by the same moves; the difference is what the server adds around the
 * rules. On a stepped clock, so every run does the same work whatever the machine's speed.
 */
import { enginePath, playPath, servicePath } from './game-path/game-path';

const GAMES = Number(process.env.BENCH_GAMES ?? 2_000);
const MOVES = Number(process.env.BENCH_MOVES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function main(): Promise<void> {
  console.log(`bench:game: ${GAMES} games of client-closes-first, ${MOVES} moves a run, ${ROUNDS} rounds`);
  const engine: number[] = [];
  const service: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const make of [enginePath, servicePath]) {
      global.gc?.();
      const x = await playPath(make, { games: GAMES, moves: MOVES });
      (make === enginePath ? engine : service).push(x.usPerMove);
      console.log(`round ${r + 1}: ${x.name}: ${x.usPerMove.toFixed(1)} µs CPU per move (${x.moves} moves)`);
    }
  }
  const best = (xs: number[]) => Math.min(...xs);
  const e = best(engine);
  const s = best(service);
  console.log(
    `bench:game: engine alone ${e.toFixed(1)} µs/move, game service ${s.toFixed(1)} µs/move, ratio ${(s / e).toFixed(2)} (best of ${ROUNDS})`,
  );
}

void main();
