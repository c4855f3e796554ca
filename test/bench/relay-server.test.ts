/**
 * The benchmark's relays on a real Socket.IO server (port 0) with real socket.io-client players: the
 * bare relay only answers and forwards; with views it sends what a game server sends for a move (a
 * view in the answer and in the partner's message, then one more view to each side a flight later).
 */
import { io as connect, type Socket } from 'socket.io-client';
import { startRelay, sampleGame, type RelayOptions } from '../../bench/load/relay-server';
import type { GameView } from '../../shared/game/game-view';

const FLIGHT_MS = 30;

interface Received {
  forward: { n: number; view?: GameView }[];
  update: GameView[];
}

async function pairOn(
  o: RelayOptions,
): Promise<{ a: Socket; b: Socket; got: Record<'a' | 'b', Received>; close: () => void }> {
  const relay = await startRelay(0, '127.0.0.1', o);
  const got = { a: { forward: [], update: [] }, b: { forward: [], update: [] } } as Record<
    'a' | 'b',
    Received
  >;
  const open = (side: 'a' | 'b') =>
    new Promise<Socket>((resolve, reject) => {
      const s = connect(`http://127.0.0.1:${relay.port}`, {
        auth: { pair: 'p1', side },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      s.on('relay:forward', (m: { n: number; view?: GameView }) => got[side].forward.push(m));
      s.on('relay:update', (v: GameView) => got[side].update.push(v));
      s.once('relay:ready', () => resolve(s));
      s.once('connect_error', reject);
    });
  const [a, b] = await Promise.all([open('a'), open('b')]);
  return {
    a,
    b,
    got,
    close: () => {
      a.disconnect();
      b.disconnect();
      relay.close();
    },
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const MOVE = { kind: 'segment', segment: { flags: ['ACK'], seq: 1, ack: 1, len: 0, win: 65535 } };

describe('the benchmark relay', () => {
  it('answers a move and forwards it to the partner, nothing more', async () => {
    const r = await pairOn({});
    try {
      const answer = await r.a.emitWithAck('relay:move', { n: 1, move: MOVE });
      expect(answer).toEqual({ ok: true, data: { n: 1 } });
      await sleep(FLIGHT_MS * 3);
      expect(r.got.b.forward).toEqual([{ n: 1, move: MOVE }]);
      expect(r.got.a.forward).toEqual([]);
      expect([r.got.a.update, r.got.b.update]).toEqual([[], []]);
    } finally {
      r.close();
    }
  });

  it('with views: a view in the answer and in the forward, then one to each side a flight later', async () => {
    const r = await pairOn({ views: { flightMs: FLIGHT_MS } });
    try {
      const answer = (await r.a.emitWithAck('relay:move', { n: 1, move: MOVE })) as {
        ok: true;
        data: { n: number; view: GameView };
      };
      expect(answer.ok).toBe(true);
      expect(answer.data.view.role).toBe('client');
      const deadline = Date.now() + 5_000;
      while ((r.got.a.update.length < 1 || r.got.b.update.length < 1) && Date.now() < deadline)
        await sleep(5);
      expect(r.got.b.forward).toHaveLength(1);
      expect(r.got.b.forward[0]!.view!.role).toBe('server');
      expect(r.got.a.update.map((v) => v.role)).toEqual(['client']);
      expect(r.got.b.update.map((v) => v.role)).toEqual(['server']);
      // views the size a game sends: its state, the wire and the log entry it was not sent yet
      expect(r.got.b.update[0]!.log.length).toBe(1);
      expect(r.got.b.update[0]!.you.record.state).toBe(sampleGame().conn.server.state);
    } finally {
      r.close();
    }
  });

  it('refuses a move without a number, and forwards nothing', async () => {
    const r = await pairOn({ views: { flightMs: FLIGHT_MS } });
    try {
      const answer = await r.a.emitWithAck('relay:move', { move: MOVE });
      expect(answer).toEqual({ ok: false, error: { code: 'BAD_PAYLOAD' } });
      await sleep(FLIGHT_MS * 3);
      expect([r.got.b.forward, r.got.a.update, r.got.b.update]).toEqual([[], [], []]);
    } finally {
      r.close();
    }
  });
});
