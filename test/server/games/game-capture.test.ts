/**
 * game:capture over the real server: a player's own game (playing, then finished) as a pcapng file
 * in the player's language; a class's host asks for a pair's game; bad payloads and callers with
 * no game are answered with a code and change nothing.
 */
import { readCapture } from '../../../shared/trace/pcap-reader';
import { replayTrace } from '../../../shared/trace/replay';
import { setupClass } from '../../helpers/class-harness';
import { Harness, playOut, type TestClient } from '../../helpers/server-harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(async () => {
  await h.close();
});

const refused = (code: string) => ({ ok: false, error: expect.objectContaining({ code }) });

/** A private three-way handshake: `a` the client in English, `b` the server in Chinese. */
async function table(): Promise<{ a: TestClient; b: TestClient }> {
  const a = await h.connect({ lang: 'en' });
  const b = await h.connect({ lang: 'zh-CN' });
  const { code } = await a.must('match:private:create', { scenario: 'three-way-handshake', role: 'client' });
  await b.must('match:private:join', { code });
  return { a, b };
}

function decode(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

test('a player gets its own game, playing and finished, with comments in its language', async () => {
  const { a, b } = await table();
  await b.must('game:move', { move: { kind: 'call', call: 'listen' } });
  await a.must('game:move', {
    move: { kind: 'segment', segment: { flags: ['SYN'], seq: 1000, ack: 0, len: 0 } },
  });
  const playing = await a.must('game:capture', {});
  expect(playing.packets).toBe(1);
  expect(playing.filename).toMatch(/^handshake-arena-three-way-handshake-\d{4}-\d{2}-\d{2}\.pcapng$/);
  const [stream] = readCapture(decode(playing.pcapng), 'playing').streams;
  expect(stream!.trace.segments).toMatchObject([{ from: 'client', flags: ['SYN'], seq: 1000 }]);

  await playOut(h, [a, b]);
  const en = await a.must('game:capture', {});
  const zh = await b.must('game:capture', {});
  expect(en.packets).toBe(3);
  const r = replayTrace(readCapture(decode(en.pcapng), 'done').streams[0]!.trace);
  expect(r.firstRejected).toBeNull();
  expect([r.clientFinal, r.serverFinal]).toEqual(['ESTABLISHED', 'ESTABLISHED']);
  // the same game, the comments in each player's language
  expect(Buffer.from(decode(en.pcapng)).toString('utf8')).toContain('#1 client → server SYN seq=1000');
  expect(Buffer.from(decode(zh.pcapng)).toString('utf8')).toContain('#1 客户端 → 服务器 SYN seq=1000');
});

test.each([
  ['an unknown field', { gameId: 'someone-else' }],
  ['a pairId that is no string', { pairId: 7 }],
  ['an empty pairId', { pairId: '' }],
  ['no object', 'capture'],
])('%s is answered BAD_PAYLOAD, and nothing changes for either player', async (_what, payload) => {
  const { a, b } = await table();
  await h.sync([a, b]);
  const before = a.received.length + b.received.length;
  const version = a.view!.version;
  expect(await a.request('game:capture', payload)).toEqual(refused('BAD_PAYLOAD'));
  await h.sync([a, b]);
  expect(a.received.length + b.received.length).toBe(before);
  expect((await h.stores.games.get(a.view!.gameId))!.version).toBe(version);
});

test('a player in no game is answered NOT_IN_GAME', async () => {
  const c = await h.connect({ lang: 'en' });
  expect(await c.request('game:capture', {})).toEqual(refused('NOT_IN_GAME'));
});

test("a player may not name a pair (NOT_HOST); a class's host gets a pair's game, and PAIR_NOT_FOUND for another", async () => {
  const setup = await setupClass(h, 2);
  const [s1, s2] = setup.students;
  await setup.host.c.must('class:pairs:set', { pairs: [{ a: s1!.playerId, b: s2!.playerId }] });
  const started = await setup.host.c.must('class:round:start', { scenarios: ['three-way-handshake'] });
  const pairId = started.class.pairs[0]!.pairId;
  await s1!.c.waitFor(() => s1!.c.view?.gameId === started.class.pairs[0]!.gameId, 'the round game');
  expect(await s1!.c.request('game:capture', { pairId })).toEqual(refused('NOT_HOST'));
  const file = await setup.host.c.must('game:capture', { pairId });
  expect(file.filename).toMatch(/^handshake-arena-three-way-handshake-/);
  expect(readCapture(decode(file.pcapng), 'pair')).toMatchObject({ frames: file.packets, skipped: [] });
  expect(await setup.host.c.request('game:capture', { pairId: 'pair-99' })).toEqual(
    refused('PAIR_NOT_FOUND'),
  );
  // the host plays no game of its own
  expect(await setup.host.c.request('game:capture', {})).toEqual(refused('NOT_IN_GAME'));
});
