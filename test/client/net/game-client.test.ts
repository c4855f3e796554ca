/**
 * The browser client's connection (client/src/net/game-client.ts) when the server refuses or closes
 * it: Socket.IO gives up after a refusal by the server's middleware and after a close by the server,
 * so the client connects again by itself, with a growing pause. A real redis-server (paused: up but
 * silent, as a stuck database), a real server on Redis stores, the real client class in Node.
 */
import type { Redis } from 'ioredis';
import type { ErrorPayload, SessionInfo } from '../../../shared/protocol/events';
import { GameClient } from '../../../client/src/net/game-client';
import { STORAGE_KEYS, type KeyValueStore } from '../../../client/src/app/storage-keys';
import { createLogger } from '../../../server/logger';
import { guardStores } from '../../../server/redis/store-guard';
import { openRedis } from '../../../server/stores/redis/redis-connection';
import { createRedisStores } from '../../../server/stores/redis/redis-stores';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server';
import { Harness, waitUntil } from '../../helpers/server-harness';

const PREFIX = 'ha:client-test:';
let server: RedisServer;
let redis: Redis;
let h: Harness;
const clients: GameClient[] = [];

beforeAll(async () => {
  server = await startRedisServer();
  redis = await openRedis(server.url, { name: 'client-test', logger: createLogger('silent') });
  const stores = guardStores(
    createRedisStores(redis, {
      logger: createLogger('silent'),
      prefix: PREFIX,
      finishedGameTtlMs: 60_000,
      classTtlMs: 3_600_000,
    }),
  );
  h = await Harness.start({ stores });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await h.close();
  redis.disconnect();
  await server.stop();
});

function memoryStore(): KeyValueStore {
  const m = new Map<string, string>();
  return { get: (k) => m.get(k) ?? null, set: (k, v) => void m.set(k, v) };
}

/** A client of the browser's class, with what it told its screens. */
function client(store = memoryStore()): { c: GameClient; sessions: SessionInfo[]; errors: ErrorPayload[] } {
  const c = new GameClient({ url: h.url, lang: 'en', store, timeoutMs: 3000, retryMs: 100, retryMaxMs: 400 });
  clients.push(c);
  const sessions: SessionInfo[] = [];
  const errors: ErrorPayload[] = [];
  c.on('session', (s) => sessions.push(s));
  c.on('protocolError', (e) => errors.push(e));
  return { c, sessions, errors };
}

test('refused while Redis does not answer (STORE_UNAVAILABLE), it connects by itself once Redis answers', async () => {
  const { c, sessions, errors } = client();
  server.pause();
  try {
    c.connect();
    // the handshake's store read times out (about a second): refused with the code and its text
    await waitUntil(() => errors.some((e) => e.code === 'STORE_UNAVAILABLE'), 'the refusal');
    expect(errors[0]!.message.length).toBeGreaterThan(20);
    expect(sessions).toEqual([]);
  } finally {
    server.resume();
  }
  await waitUntil(() => sessions.length === 1, 'a session once Redis answers');
  expect(c.connection).toBe('connected');
  const r = await c.updateSession({ nickname: 'Back' });
  expect(r.ok).toBe(true);
}, 15_000);

test('a connection whose setup fails is told why and closed; the client connects again until it works', async () => {
  // a session in a game, then the game's record broken (a string where a hash should be)
  const first = client();
  first.c.connect();
  await waitUntil(() => first.sessions.length === 1, 'the first session');
  const made = await first.c.createPrivate({ scenario: 'three-way-handshake' });
  if (!made.ok) throw new Error(JSON.stringify(made.error));
  const gameKey = `${PREFIX}game:${made.data.game.gameId}`;
  const store = memoryStore();
  store.set(STORAGE_KEYS.token, first.sessions[0]!.token);
  first.c.close();
  await redis.set(gameKey, 'not a hash');

  // the same player comes back: its game cannot be read, so the connection is told and closed
  const again = client(store);
  again.c.connect();
  await waitUntil(
    () => again.errors.filter((e) => e.code === 'INTERNAL').length >= 2,
    'two closes, two tries',
  );
  expect(again.sessions).toEqual([]);
  // the record is gone (as after its time to live): the next try gets the session, without the game
  await redis.del(gameKey);
  await waitUntil(() => again.sessions.length === 1, 'the session once the game can be read');
  expect(again.sessions[0]!.resumed).toBe(true);
  expect(again.sessions[0]!.game).toBeNull();
}, 15_000);

test('a move sent while Redis does not answer goes again with the same id once it does: applied once', async () => {
  const { c, sessions } = client();
  c.connect();
  await waitUntil(() => sessions.length === 1, 'the session');
  const started = await c.startPractice({
    scenario: 'three-way-handshake',
    role: 'server',
    level: 'partner',
    hints: false,
  });
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  const sent: unknown[] = [];
  // what goes out on the wire: each sending of the move, with its id
  (
    c as unknown as { socket: { onAnyOutgoing(f: (e: string, ...a: unknown[]) => void): void } }
  ).socket.onAnyOutgoing((event, payload) => {
    if (event === 'game:move') sent.push(payload);
  });
  server.pause();
  const answer = c.move({ kind: 'call', call: 'listen' }, started.data.game.version);
  // the first sending times out in the store (about a second); Redis answers again after that
  await waitUntil(() => sent.length >= 1, 'the first sending');
  await new Promise((r) => setTimeout(r, 1500));
  server.resume();
  const a = await answer;
  expect(a.ok).toBe(true);
  expect(sent.length).toBeGreaterThan(1);
  const ids = new Set(sent.map((p) => (p as { moveId: string }).moveId));
  expect(ids.size).toBe(1);
  expect([...ids][0]).toMatch(/^[0-9a-f]{32}$/);
  const state = await c.gameState();
  if (!state.ok || !state.data.game) throw new Error('no game');
  // listen() happened once: one call in the log, and the client's SYN (the bot's) came after it
  expect(state.data.game.log.filter((e) => e.type === 'call' && e.call === 'listen')).toHaveLength(1);
}, 20_000);
