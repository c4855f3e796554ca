import { io as connectClient, type Socket } from 'socket.io-client';
import { createApp } from '../../server/app';
import { RealClock } from '../../server/clock';
import { defaultConfig } from '../../server/config';
import { toMovePayload } from '../../server/games/move-payload';
import { createLogger } from '../../server/logger';
import { createMemoryStores } from '../../server/stores/stores';
import { movesFromView, type GameView } from '../../shared/game/game-view';
import type { Ack } from '../../shared/protocol/events';
import { waitUntil } from '../helpers/server-harness';
import { nextView, type GameUpdate } from '../../shared/game/view-delta';

test('on the real clock, the timers run the game by themselves: a whole practice game to its end', async () => {
  const config = {
    ...defaultConfig(),
    logLevel: 'silent' as const,
    // short times, so the whole round (with TIME_WAIT) takes well under a second
    settings: { flightMs: 20, turnMs: 5000, rtoMs: 100, mslMs: 100, synRcvdMs: 1000, botDelayMs: 10 },
  };
  const app = createApp({
    config,
    clock: new RealClock(),
    stores: createMemoryStores(),
    logger: createLogger('silent'),
  });
  const port = await app.listen(0, '127.0.0.1');
  const socket: Socket = connectClient(`http://127.0.0.1:${port}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  try {
    let view: GameView | null = null;
    const take = async (u: GameUpdate) => {
      // updates say what changed (view-delta.ts); one that does not apply asks for the whole view
      const next = nextView(view, u);
      if (next) view = next;
      else await ask('game:state', {});
    };
    socket.on('game:update', (u: GameUpdate) => void take(u));
    const ask = async (event: string, payload: unknown): Promise<void> => {
      const r = (await socket.timeout(5000).emitWithAck(event, payload)) as Ack<{ game: GameUpdate | null }>;
      // on a busy machine a view may be overtaken by an arrival before the move leaves: the next
      // view shows what is owed then
      if (!r.ok || !r.data.game) return;
      await take(r.data.game);
    };
    await ask('practice:start', { scenario: 'lost-last-ack', role: 'client' });
    expect(view).not.toBeNull();
    let acted = -1;
    await waitUntil(async () => {
      const v = view!;
      if (v.phase === 'finished') return true;
      // one move per version: the next view shows whether more is owed
      if (v.you.canAct && acted !== v.version) {
        acted = v.version;
        const move = movesFromView(v, 4242)[0];
        if (move) await ask('game:move', { move: toMovePayload(move) });
      }
      return false;
    }, 'the game to finish on its own timers');
    expect(view!.result?.goalMet).toBe(true);
    expect(view!.you.record.state).toBe('CLOSED');
  } finally {
    socket.disconnect();
    await app.close();
  }
});
