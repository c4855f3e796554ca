/**
 * The baseline of the load benchmark: a bare Socket.IO relay with no rules and no state of its own.
 * A player names its pair and side in the handshake; a move is acknowledged and forwarded to the
 * partner's room, nothing more. Whatever the game server costs beyond this is the game's own cost.
 *
 * With `RELAY_VIEWS=1` it is the benchmark's `views` variant: still no rules and no state, but it
 * sends what the game server sends for a move, the way the game server sends it: the answer and the
 * partner's message each carry a game view, and one flight (`FLIGHT_MS`) later each side is pushed
 * one more view (the segment landing), all encoded with the game server's packet encoder. The views
 * are made afresh for every message from one sample game in mid-round. What the game server costs
 * beyond this variant is its rules, state and timers; what this costs beyond the bare relay is the
 * messages the game's design sends.
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
import { viewFor, type GameView } from '../../shared/game/game-view';
import type { Side } from '../../shared/tcp/types';
import { textParser } from '../../server/socket/text-encoder';
import './server-probe';

interface RelayMove {
  n: number;
  move: unknown;
}

type Ack = (
  answer: { ok: true; data: { n: number; view?: GameView } } | { ok: false; error: { code: string } },
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

/** With views: the flight after which each side is pushed the segment's landing. */
export interface RelayOptions {
  views?: { flightMs: number };
}

/** Starts the relay on `port` (0: any free port) and resolves with the port it listens on. */
export function startRelay(
  port: number,
  host: string,
  o: RelayOptions = {},
): Promise<{ port: number; close: () => void }> {
  const http = createServer();
  const views = o.views ?? null;
  // the same transport settings the game server runs with (Socket.IO's defaults; with views, its
  // packet encoder too)
  const io = new Server(http, { maxHttpBufferSize: 16_384, ...(views ? { parser: textParser } : {}) });
  const game = views ? sampleGame() : null;
  // a message carries the log entries its receiver was not sent yet: mostly one, the segment's
  // sending or its landing (the views then measure 1,110-1,140 bytes of JSON, as a game's do)
  const logFrom = game ? game.log.length - 1 : 0;
  const view = (side: 'a' | 'b') => viewFor(game!, side === 'a' ? 'client' : 'server', Date.now(), logFrom);
  io.on('connection', (socket: Socket) => {
    const auth = socket.handshake.auth as { pair?: unknown; side?: unknown };
    const pair = typeof auth.pair === 'string' ? auth.pair : null;
    const side = auth.side === 'a' || auth.side === 'b' ? auth.side : null;
    if (pair === null || side === null) {
      socket.disconnect(true);
      return;
    }
    const peer = side === 'a' ? 'b' : 'a';
    const mine = room(pair, side);
    const partner = room(pair, peer);
    void socket.join(mine);
    socket.on('relay:move', (p: RelayMove, ack: unknown) => {
      if (typeof ack !== 'function') return;
      if (typeof p !== 'object' || p === null || typeof p.n !== 'number') {
        (ack as Ack)({ ok: false, error: { code: 'BAD_PAYLOAD' } });
        return;
      }
      if (!views) {
        socket.to(partner).emit('relay:forward', { n: p.n, move: p.move });
        (ack as Ack)({ ok: true, data: { n: p.n } });
        return;
      }
      socket.to(partner).emit('relay:forward', { n: p.n, move: p.move, view: view(peer) });
      (ack as Ack)({ ok: true, data: { n: p.n, view: view(side) } });
      setTimeout(() => {
        io.to(mine).emit('relay:update', view(side));
        io.to(partner).emit('relay:update', view(peer));
      }, views.flightMs);
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
  const views =
    process.env.RELAY_VIEWS === '1' ? { flightMs: Number(process.env.FLIGHT_MS ?? 5) } : undefined;
  startRelay(port, '127.0.0.1', { views }).then(
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
