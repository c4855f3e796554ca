/**
 * The browser client's moves name the view they were made from (`basedOn`): a move made from a view
 * the game has since left behind is answered VIEW_STALE with the game as it is now (no mistake), and
 * the client hands that view on with its whole log. The real client class in Node, a real server.
 */
import type { GameView } from '../../../shared/game/game-view';
import type { MovePayload } from '../../../shared/protocol/events';
import { GameClient, VIEW_STALE } from '../../../client/src/net/game-client';
import type { KeyValueStore } from '../../../client/src/app/storage-keys';
import { Harness, waitUntil, type TestClient } from '../../helpers/server-harness';

let h: Harness;
const clients: GameClient[] = [];

beforeAll(async () => {
  h = await Harness.start();
});

afterAll(async () => {
  for (const c of clients) c.close();
  await h.close();
});

function memoryStore(): KeyValueStore {
  const m = new Map<string, string>();
  return { get: (k) => m.get(k) ?? null, set: (k, v) => void m.set(k, v) };
}

/** A browser client (the client of the handshake) and the newest view it was given. */
async function browserClient(): Promise<{ c: GameClient; latest: () => GameView | null }> {
  const c = new GameClient({ url: h.url, lang: 'en', store: memoryStore(), timeoutMs: 3000 });
  clients.push(c);
  let latest: GameView | null = null;
  let ready = false;
  c.on('session', () => (ready = true));
  c.on('game', (v) => (latest = v));
  c.connect();
  await waitUntil(() => ready, 'the session');
  return { c, latest: () => latest };
}

/** An ACK from CLOSED: refused by the judge whatever the game (nothing is synchronized yet). */
const WRONG: MovePayload = {
  kind: 'segment',
  segment: { flags: ['ACK'], seq: 1000, ack: 1, len: 0, win: 65535 },
};

test('a move made from an outdated view is answered VIEW_STALE with the whole game as it is now, no mistake', async () => {
  const ann = await browserClient();
  const made = await ann.c.createPrivate({ scenario: 'three-way-handshake', role: 'client' });
  if (!made.ok) throw new Error(JSON.stringify(made.error));
  const bo: TestClient = await h.connect({ lang: 'en' });
  await bo.must('match:private:join', { code: made.data.code });
  await waitUntil(() => ann.latest()?.phase === 'playing', 'the game to start');
  // what Ann looks at: connect() is not offered before the server listens
  const old = ann.latest()!;
  expect(old.you.canAct).toBe(false);

  // the server listens meanwhile: what judges Ann's next move has changed
  await bo.must('game:move', { move: { kind: 'call', call: 'listen' }, basedOn: bo.view!.version });
  await waitUntil(() => (ann.latest()?.version ?? 0) > old.version, 'the update after listen()');

  const stale = await ann.c.move(WRONG, old.version);
  if (stale.ok) throw new Error('the move was accepted');
  expect(stale.error.code).toBe(VIEW_STALE);
  expect(stale.error.message).toMatch(/not a mistake/);
  const now = stale.error.game!;
  expect(now.version).toBeGreaterThan(old.version);
  expect(now.logFrom).toBe(0);
  expect(now.log.map((e) => e.type)).toEqual(['call']);
  expect(now.you.canAct).toBe(true);
  expect(now.you.intent).toEqual({ intent: 'open' });
  expect(now.you.score.mistakes).toBe(0);

  // the same move from the view Ann holds now is judged: a refusal, counted as a mistake
  const judged = await ann.c.move(WRONG, now.version);
  if (judged.ok) throw new Error('the move was accepted');
  expect(judged.error.code).toBe('NOT_SYNCHRONIZED');
  // and the right move from that view is accepted; the answer's log is joined to the held view's
  const syn = await ann.c.move(
    { kind: 'segment', segment: { flags: ['SYN'], seq: 1000, ack: 0, len: 0, win: 65535 } },
    now.version,
  );
  if (!syn.ok) throw new Error(JSON.stringify(syn.error));
  expect(syn.data.game.logFrom).toBe(0);
  expect(syn.data.game.log.map((e) => e.type)).toEqual(['call', 'refused', 'send']);
  expect(syn.data.game.you.score.mistakes).toBe(1);
});
