/**
 * The baseline of the load benchmark: a bare Socket.IO relay with no rules and no state of its own.
 * A player names its pair and side in the handshake; a move is acknowledged and forwarded to the
 * partner's room, nothing more. Whatever the game server costs beyond this is the game's own cost.
 *
 * Started by run.ts with an IPC channel: it reports its port, and answers probes (server-probe.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import type { ListeningMessage } from './ipc-messages';
import './server-probe';

interface RelayMove {
  n: number;
  move: unknown;
}

type Ack = (answer: { ok: true; data: { n: number } } | { ok: false; error: { code: string } }) => void;

/** The room of one side of a pair; the partner's is the other side's. */
function room(pair: string, side: 'a' | 'b'): string {
  return `${pair}:${side}`;
}

/** Starts the relay on `port` (0: any free port) and resolves with the port it listens on. */
export function startRelay(port: number, host: string): Promise<{ port: number; close: () => void }> {
  const http = createServer();
  // the same transport settings the game server runs with (Socket.IO's defaults)
  const io = new Server(http, { maxHttpBufferSize: 16_384 });
  io.on('connection', (socket: Socket) => {
    const auth = socket.handshake.auth as { pair?: unknown; side?: unknown };
    const pair = typeof auth.pair === 'string' ? auth.pair : null;
    const side = auth.side === 'a' || auth.side === 'b' ? auth.side : null;
    if (pair === null || side === null) {
      socket.disconnect(true);
      return;
    }
    const partner = room(pair, side === 'a' ? 'b' : 'a');
    void socket.join(room(pair, side));
    socket.on('relay:move', (p: RelayMove, ack: unknown) => {
      if (typeof ack !== 'function') return;
      if (typeof p !== 'object' || p === null || typeof p.n !== 'number') {
        (ack as Ack)({ ok: false, error: { code: 'BAD_PAYLOAD' } });
        return;
      }
      socket.to(partner).emit('relay:forward', { n: p.n, move: p.move });
      (ack as Ack)({ ok: true, data: { n: p.n } });
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
  startRelay(port, '127.0.0.1').then(
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
