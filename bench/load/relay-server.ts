/**
 * The baseline of the load benchmark: a bare Socket.IO relay with no rules and no state of its own.
 * A player names its pair and side in the handshake; a move is acknowledged and forwarded to the
 * partner's room, nothing more. Whatever the game server costs beyond this is the game's own cost.
 *
 * With `RELAY_UPDATES=1` it is the benchmark's `updates` variant: still no rules and no state, but
 * it sends the messages the game's protocol must send for a move (docs/protocol.md, "Updates"),
 * the way the game server sends them: the answer and the partner's message each carry an update
 * (a delta), and one flight (`FLIGHT_MS`) later the partner is pushed the segment's landing (its
 * sender is not: it learns nothing when its segment lands), all encoded with the game server's
 * packet encoder. The updates are those of one sample game's next move in mid-round, made once.
 * What the game server costs beyond this variant is its rules, state, timers and the making of its
 * updates; what this costs beyond the bare relay is the messages the protocol sends, a floor for
 * any server of it.
 *
 * Started by run.ts with an IPC channel: it reports its port, and answers probes (server-probe.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import type { ListeningMessage } from './ipc-messages';
import {
  advance,
  applyMove,
  canAct,
  correctMoves,
  createGame,
  seatPlayer,
} from '../../shared/game/game-engine';
import type { Game } from '../../shared/game/game-types';
import { viewFor } from '../../shared/game/game-view';
import { diffView, type ViewDelta } from '../../shared/game/view-delta';
import type { Side } from '../../shared/tcp/types';
import { textParser } from '../../server/socket/text-encoder';
import './server-probe';

interface RelayMove {
  n: number;
  move: unknown;
}

type Ack = (
  answer: { ok: true; data: { n: number; game?: ViewDelta } } | { ok: false; error: { code: string } },
) => void;

/** The room of one side of a pair; the partner's is the other side's. */
function room(pair: string, side: 'a' | 'b'): string {
  return `${pair}:${side}`;
}

/** How many moves into a round of `client-closes-first` the sample game is: the teardown has begun. */
const SAMPLE_MOVES = 6;

/**
 * A game of `client-closes-first` in mid-round, played by the rules' own correct moves: its views
 * have the size and shape of those a game server sends.
 */
export function sampleGame(): Game {
  let g = createGame({ id: 'g-sample01', scenarioId: 'client-closes-first', now: 0, seed: 7 });
  g = seatPlayer(g, 'client', 's-client', 'Player One', 0);
  g = seatPlayer(g, 'server', 's-server', '玩家二', 0);
  let now = 0;
  for (let i = 1; i <= SAMPLE_MOVES; i++) {
    // each move after the segment before it has landed
    now += g.settings.flightMs + 1;
    g = advance(g, now);
    const side: Side = canAct(g, 'server') ? 'server' : 'client';
    const r = applyMove(g, side, correctMoves(g, side)[0]!, now);
    if (!r.ok) throw new Error(`sample game: ${r.error.code}`);
    g = r.game;
  }
  return g;
}

/** What one move of the sample game sends: the mover's answer, the partner's update, its landing. */
export interface MoveUpdates {
  /** The sample game just before the move, at `now`. */
  before: Game;
  now: number;
  answer: ViewDelta;
  partner: ViewDelta;
  landing: ViewDelta;
}

/**
 * The updates of the sample game's next move (by whoever may act), made as the game server makes
 * them: from each seat's view before the move, with the log entries from there on.
 */
export function sampleMoveUpdates(): MoveUpdates {
  let g = sampleGame();
  let now = g.log.at(-1)!.t;
  // the first move from the sample on that puts one segment on the wire, as most moves do (a
  // scenario's duplicate makes two)
  for (let tries = 0; tries < 10; tries++) {
    // each move once everything in flight has landed
    now = Math.max(now, ...g.wire.map((w) => w.arriveAt)) + 1;
    const before = advance(g, now);
    const side: Side = canAct(before, 'server') ? 'server' : 'client';
    const peer: Side = side === 'client' ? 'server' : 'client';
    const r = applyMove(before, side, correctMoves(before, side)[0]!, now);
    if (!r.ok) throw new Error(`sample move: ${r.error.code}`);
    g = r.game;
    if (r.game.wire.length !== before.wire.length + 1) continue;
    // the moment the segment lands
    const at = r.game.wire.at(-1)!.arriveAt;
    const landed = advance(r.game, at);
    const delta = (from: Game, to: Game, seat: Side, t: number) =>
      diffView(viewFor(from, seat, t, from.log.length), viewFor(to, seat, t, from.log.length))!;
    return {
      before,
      now,
      answer: delta(before, r.game, side, now),
      partner: delta(before, r.game, peer, now),
      landing: delta(r.game, landed, peer, at),
    };
  }
  throw new Error('sample move: none puts one segment on the wire');
}

/** With updates: the flight after which the partner is pushed the segment's landing. */
export interface RelayOptions {
  updates?: { flightMs: number };
}

/** Starts the relay on `port` (0: any free port) and resolves with the port it listens on. */
export function startRelay(
  port: number,
  host: string,
  o: RelayOptions = {},
): Promise<{ port: number; close: () => void }> {
  const http = createServer();
  const updates = o.updates ?? null;
  // the same transport settings the game server runs with (Socket.IO's defaults; with updates, its
  // packet encoder too)
  const io = new Server(http, { maxHttpBufferSize: 16_384, ...(updates ? { parser: textParser } : {}) });
  const sample = updates ? sampleMoveUpdates() : null;
  io.on('connection', (socket: Socket) => {
    const auth = socket.handshake.auth as { pair?: unknown; side?: unknown };
    const pair = typeof auth.pair === 'string' ? auth.pair : null;
    const side = auth.side === 'a' || auth.side === 'b' ? auth.side : null;
    if (pair === null || side === null) {
      socket.disconnect(true);
      return;
    }
    const peer = side === 'a' ? 'b' : 'a';
    const partner = room(pair, peer);
    void socket.join(room(pair, side));
    socket.on('relay:move', (p: RelayMove, ack: unknown) => {
      if (typeof ack !== 'function') return;
      if (typeof p !== 'object' || p === null || typeof p.n !== 'number') {
        (ack as Ack)({ ok: false, error: { code: 'BAD_PAYLOAD' } });
        return;
      }
      if (!sample) {
        socket.to(partner).emit('relay:forward', { n: p.n, move: p.move });
        (ack as Ack)({ ok: true, data: { n: p.n } });
        return;
      }
      socket.to(partner).emit('relay:forward', { n: p.n, move: p.move, game: sample.partner });
      (ack as Ack)({ ok: true, data: { n: p.n, game: sample.answer } });
      setTimeout(() => io.to(partner).emit('relay:update', sample.landing), updates!.flightMs);
    });
    socket.emit('relay:ready');
  });
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      resolve({
        port: (http.address() as AddressInfo).port,
        close: () => {
          void io.close();
        },
      });
    });
  });
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 0);
  const updates =
    process.env.RELAY_UPDATES === '1' ? { flightMs: Number(process.env.FLIGHT_MS ?? 5) } : undefined;
  startRelay(port, '127.0.0.1', { updates }).then(
    (r) => {
      const m: ListeningMessage = { type: 'listening', port: r.port };
      process.send?.(m);
      process.once('SIGTERM', () => {
        r.close();
        process.exit(0);
      });
    },
    (err: unknown) => {
      process.stderr.write(`relay: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
