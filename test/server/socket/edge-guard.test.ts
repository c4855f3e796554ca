import { CLIENT_EVENTS } from '../../../shared/protocol/events';
import { Harness, waitUntil } from '../../helpers/server-harness';

describe('the edge of the socket', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(async () => {
    await h.close();
  });

  test('events reach their handlers from the guard, not from listeners on every connection', async () => {
    const [a] = await h.listeningPair();
    // a listener per event made each connection's listener table a 1.6 KB hash table (a tenth of a
    // player's memory at 10,000 players): a connection listens to none of the client's events
    const socket = h.app.io.sockets.sockets.get(a.socket.id!)!;
    const events: readonly string[] = CLIENT_EVENTS;
    expect(socket.eventNames().filter((n) => events.includes(String(n)))).toEqual([]);
    expect(socket.eventNames()).toContain('disconnect');
    // and every event still reaches its handler through the guard
    expect((await a.request('game:state', {})).ok).toBe(true);
    expect((await a.request('game:hint', {})).ok).toBe(false);
  });

  test('an unknown event is answered UNKNOWN_EVENT, by acknowledgement and by error:protocol', async () => {
    const [a, b] = await h.listeningPair();
    const before = b.updates.length;
    const version = a.view!.version;
    const r = await a.raw.timeout(2000).emitWithAck('game:teleport', { to: 'ESTABLISHED' });
    expect(r).toEqual({ ok: false, error: { code: 'UNKNOWN_EVENT', message: expect.any(String) } });
    a.raw.emit('admin:reset');
    await a.waitFor((c) => c.protocolErrors.length === 2, 'two protocol errors');
    expect(a.protocolErrors.map((e) => e.code)).toEqual(['UNKNOWN_EVENT', 'UNKNOWN_EVENT']);
    await h.flush([a, b]);
    expect(b.updates.length).toBe(before);
    expect((await h.stores.games.get(a.view!.gameId))!.version).toBe(version);
  });

  test('a payload over MAX_PAYLOAD_BYTES is PAYLOAD_TOO_LARGE, and is never parsed', async () => {
    const [a, b] = await h.listeningPair();
    const before = b.updates.length;
    const version = a.view!.version;
    const big = {
      move: { kind: 'segment', segment: { flags: ['SYN'], seq: 1, ack: 0, len: 0 } },
      pad: 'x'.repeat(5000),
    };
    const r = await a.request('game:move', big);
    expect(r.ok ? null : r.error.code).toBe('PAYLOAD_TOO_LARGE');
    a.raw.emit('game:move', big);
    await a.waitFor((c) => c.protocolErrors.some((e) => e.code === 'PAYLOAD_TOO_LARGE'), 'error:protocol');
    await h.flush([a, b]);
    expect(b.updates.length).toBe(before);
    expect((await h.stores.games.get(a.view!.gameId))!.version).toBe(version);
  });

  test("a message over Socket.IO's buffer limit closes that connection only", async () => {
    const c = await h.connect();
    const closed = new Promise<string>((resolve) => c.socket.on('disconnect', (reason) => resolve(reason)));
    c.raw.emit('game:state', { pad: 'x'.repeat(h.config.maxHttpBufferSize + 10) });
    expect(await closed).toMatch(/transport/);
    const d = await h.connect();
    expect(await d.must('game:state', {})).toEqual({ game: null });
  });

  test('without an acknowledgement callback nothing breaks: errors come as error:protocol, moves still count', async () => {
    const [a, b] = await h.listeningPair();
    a.raw.emit('game:move', { move: { kind: 'call' } });
    await a.waitFor((c) => c.protocolErrors.some((e) => e.code === 'BAD_PAYLOAD'), 'BAD_PAYLOAD');
    a.raw.emit(
      'game:move',
      { move: { kind: 'segment', segment: { flags: ['SYN'], seq: 1000, ack: 0, len: 0 } } },
      'not a function',
    );
    await waitUntil(() => b.view!.wire.length === 1, 'the SYN on the wire');
    a.raw.emit('game:state');
    expect(await a.must('game:state', {})).toMatchObject({ game: { role: 'client' } });
  });

  test('a failure inside a handler, sync or async, is answered INTERNAL and the server goes on', async () => {
    const c = await h.connect({ lang: 'en' });
    await c.must('practice:start', { scenario: 'three-way-handshake', role: 'client' });
    const games = h.stores.games;
    const original = games.get.bind(games);
    games.get = async () => {
      throw new Error('store down');
    };
    const r = await c.request('game:state', {});
    expect(r).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringMatching(/nothing was changed/) },
    });
    games.get = () => {
      throw new Error('sync failure');
    };
    const s = await c.request('game:hint', {});
    expect(s.ok ? null : s.error.code).toBe('INTERNAL');
    games.get = original;
    expect(await c.must('game:state', {})).toMatchObject({ game: { role: 'client' } });
  });
});

describe('the rate limit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ config: { rateLimitPerSec: 2, rateLimitBurst: 5 } });
  });
  afterAll(async () => {
    await h.close();
  });

  test('a burst beyond RATE_LIMIT_BURST is RATE_LIMITED until the bucket refills', async () => {
    const c = await h.connect({ lang: 'en' });
    const other = await h.connect();
    const answers = await Promise.all(Array.from({ length: 8 }, () => c.request('game:state', {})));
    expect(answers.filter((a) => a.ok)).toHaveLength(5);
    const limited = answers.filter((a) => !a.ok);
    expect(limited).toHaveLength(3);
    for (const a of limited) expect(a.ok ? null : a.error.code).toBe('RATE_LIMITED');
    c.raw.emit('game:state', {});
    await c.waitFor((x) => x.protocolErrors.some((e) => e.code === 'RATE_LIMITED'), 'error:protocol');
    // another connection has its own bucket
    expect((await other.request('game:state', {})).ok).toBe(true);
    // RATE_LIMIT_PER_SEC = 2: half a second gives one event back
    await h.advanceBy(500);
    expect((await c.request('game:state', {})).ok).toBe(true);
    const again = await c.request('game:state', {});
    expect(again.ok ? null : again.error.code).toBe('RATE_LIMITED');
  });
});
