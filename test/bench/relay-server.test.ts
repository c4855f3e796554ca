/**
 * The benchmark's relays on a real Socket.IO server (port 0) with real socket.io-client players: the
 * bare relay only answers and forwards; with updates it sends the messages the game's protocol sends
 * for a move (an update in the answer and in the partner's message, then the landing to the partner
 * a flight later, none to the mover).
 */
import { io as connect, type Socket } from 'socket.io-client';
import { startRelay, sampleMoveUpdates, type RelayOptions } from '../../bench/load/relay-server';
import { applyDelta, type ViewDelta } from '../../shared/game/view-delta';
import { viewFor } from '../../shared/game/game-view';

const FLIGHT_MS = 30;

interface Received {
  forward: { n: number; game?: ViewDelta }[];
  update: ViewDelta[];
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
      s.on('relay:forward', (m: { n: number; game?: ViewDelta }) => got[side].forward.push(m));
      s.on('relay:update', (v: ViewDelta) => got[side].update.push(v));
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

  it('with updates: one in the answer and in the forward, then the landing to the partner alone a flight later', async () => {
    const r = await pairOn({ updates: { flightMs: FLIGHT_MS } });
    try {
      const answer = (await r.a.emitWithAck('relay:move', { n: 1, move: MOVE })) as {
        ok: true;
        data: { n: number; game: ViewDelta };
      };
      expect(answer.ok).toBe(true);
      const deadline = Date.now() + 5_000;
      while (r.got.b.update.length < 1 && Date.now() < deadline) await sleep(5);
      await sleep(FLIGHT_MS * 3);
      expect(r.got.b.forward).toHaveLength(1);
      expect(r.got.a.update).toEqual([]);
      expect(r.got.b.update).toHaveLength(1);
      // the sample move's real updates: they apply, in order, to the seats' views before the move
      const s = sampleMoveUpdates();
      expect([answer.data.game, r.got.b.forward[0]!.game, r.got.b.update[0]]).toEqual([
        s.answer,
        s.partner,
        s.landing,
      ]);
      const seat = (d: ViewDelta) => viewFor(s.before, d.role, s.now);
      expect(s.answer.role).not.toBe(s.partner.role);
      expect(applyDelta(seat(s.answer), s.answer)).not.toBeNull();
      const partnerView = applyDelta(seat(s.partner), s.partner)!;
      expect(partnerView.wire.length).toBe(seat(s.partner).wire.length + 1);
      // the landing takes the segment off the partner's wire
      expect(applyDelta(partnerView, s.landing)!.wire.length).toBe(partnerView.wire.length - 1);
    } finally {
      r.close();
    }
  });

  it('refuses a move without a number, and forwards nothing', async () => {
    const r = await pairOn({ updates: { flightMs: FLIGHT_MS } });
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
