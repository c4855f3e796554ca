import { CLIENT_EVENTS } from '../../../shared/protocol/events';
import { createLogger } from '../../../server/logger';
import { Harness, waitUntil, type TestClient } from '../../helpers/server-harness';

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

/**
 * Sends an event whose arguments are written as JSON text by the test (socket.io-client's own
 * encoder, JSON.stringify, cannot write a value nested 7,000 levels deep) and resolves with the
 * acknowledgement the server sends back.
 */
let rawIds = 900_000;
function rawRequest(c: TestClient, event: string, argsText: string): Promise<unknown> {
  const id = rawIds++;
  const engine = c.socket.io.engine;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${event}`)), 5000);
    const onPacket = (p: { type: string; data?: unknown }) => {
      const head = `3${id}[`;
      if (p.type !== 'message' || typeof p.data !== 'string' || !p.data.startsWith(head)) return;
      clearTimeout(timer);
      engine.off('packet', onPacket);
      resolve((JSON.parse(p.data.slice(head.length - 1)) as unknown[])[0]);
    };
    engine.on('packet', onPacket);
    // a Socket.IO EVENT packet with an acknowledgement id: 2<id>["event",...args]
    engine.write(`2${id}[${JSON.stringify(event)},${argsText}]`);
  });
}

describe('deeply nested payloads', () => {
  let h: Harness;
  const logged: Array<{ level: number; msg: string }> = [];
  beforeAll(async () => {
    const logger = createLogger('warn', { write: (line: string) => logged.push(JSON.parse(line)) });
    // MAX_PAYLOAD_BYTES=16384 (Socket.IO's buffer is then 4 times that): 7,000 levels of objects
    // fit in one message, and payloads nested deeper than JSON.stringify can go fit under the limit
    h = await Harness.start({ logger, config: { maxPayloadBytes: 16_384, maxHttpBufferSize: 65_536 } });
  });
  afterAll(async () => {
    await h.close();
  });

  const refused = (code: string) => ({ ok: false, error: { code, message: expect.any(String) } });
  const arrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
  const objects = (depth: number) => '{"a":'.repeat(depth) + '{}' + '}'.repeat(depth);

  // with the limit at 16,384: 7,000 levels of arrays are 14,002 characters, of objects 42,002
  test.each([
    ['arrays, 7,000 levels (under the limit)', 'BAD_PAYLOAD', arrays(7000)],
    ['arrays, 9,000 levels (over it)', 'PAYLOAD_TOO_LARGE', arrays(9000)],
    ['objects, 7,000 levels (over it)', 'PAYLOAD_TOO_LARGE', objects(7000)],
    ['objects, 2,700 levels (under it)', 'BAD_PAYLOAD', objects(2700)],
  ])('%s: %s, nothing logged, the server goes on', async (_n, code, text) => {
    expect(text.length > h.config.maxPayloadBytes).toBe(code === 'PAYLOAD_TOO_LARGE');
    const [a, b] = await h.listeningPair();
    const before = b.updates.length;
    const version = a.view!.version;
    logged.length = 0;
    for (const event of ['game:state', 'game:move', 'class:join', 'class:create']) {
      expect({ event, r: await rawRequest(a, event, text) }).toEqual({ event, r: refused(code) });
    }
    // as a second argument beside a small first one: counted too (the handler reads only the first)
    expect(await rawRequest(a, 'game:state', `{},${text}`)).toEqual(
      code === 'PAYLOAD_TOO_LARGE' ? refused(code) : expect.objectContaining({ ok: true }),
    );
    expect(logged).toEqual([]);
    expect(await a.must('game:state', {})).toMatchObject({ game: { version } });
    await h.flush([a, b]);
    expect(b.updates.length).toBe(before);
  });

  test.each([
    ['plain letters', 'x'],
    ['quotes (2 characters each in JSON)', '"'],
    ['line breaks (2 each)', '\n'],
    ['control characters (6 each)', '\u0001'],
    ['Chinese (1 each)', '中'],
    ['emoji (2 UTF-16 units each)', '😀'],
  ])(
    '%s: a payload of exactly MAX_PAYLOAD_BYTES passes the size check, one more is PAYLOAD_TOO_LARGE',
    async (_n, unit) => {
      const c = await h.connect({ lang: 'en' });
      const limit = h.config.maxPayloadBytes;
      /** {"pad":"<units><x…>"} whose JSON text is `length` long. */
      const payload = (length: number) => {
        const base = JSON.stringify({ pad: '' }).length;
        const units = Math.floor((length - base - 8) / (JSON.stringify(unit).length - 2));
        const pad = unit.repeat(units);
        const p = { pad: pad + 'x'.repeat(length - JSON.stringify({ pad }).length) };
        expect(JSON.stringify(p).length).toBe(length);
        return p;
      };
      // game:state takes {} only: a payload through the size check is refused by its schema
      const at = await c.request('game:state', payload(limit));
      expect(at.ok ? null : at.error.code).toBe('BAD_PAYLOAD');
      const over = await c.request('game:state', payload(limit + 1));
      expect(over.ok ? null : over.error.code).toBe('PAYLOAD_TOO_LARGE');
    },
  );
});
