/**
 * Game views carry only the log entries their receiver was not sent yet (game:update and the
 * answer of game:move); a client that joins them to what it holds (joinView, as the browser client
 * and this harness do) has exactly the whole state, also after a refused move that only its mover
 * was told of.
 */
import type { GameView } from '../../../shared/game/game-view';
import { toMovePayload } from '../../../server/games/move-payload';
import { correctMoves } from '../../../shared/game/game-engine';
import { Harness, playOut, type TestClient } from '../../helpers/server-harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(async () => {
  await h.close();
});

/** What the client holds must equal the whole state the server answers game:state with. */
async function expectWhole(c: TestClient): Promise<void> {
  const held = c.view!;
  const r = await c.must('game:state', {});
  expect(r.game!.logFrom).toBe(0);
  expect(held.version).toBe(r.game!.version);
  expect(held.log).toEqual(r.game!.log);
  expect(held.logFrom).toBe(0);
}

test('updates and move answers carry the new log entries only; joined, they are the whole log', async () => {
  const a = await h.connect({ lang: 'en' });
  const b = await h.connect({ lang: 'en' });
  const raw: GameView[] = [];
  const answers: GameView[] = [];
  a.socket.on('game:update', (v) => raw.push(structuredClone(v)));
  b.socket.on('game:update', (v) => raw.push(structuredClone(v)));
  const { code } = await a.must('match:private:create', { scenario: 'client-closes-first', role: 'client' });
  await b.must('match:private:join', { code });

  // up to the SYN's arrival at the server
  await playOut(h, [a, b], ([, vb]) => vb!.you.record.owed === 'syn-ack' && vb!.you.canAct);
  const logBefore = b.view!.log.length;
  // a wrong SYN,ACK (ack = x): refused, told to b alone
  const good = correctMoves((await h.stores.games.get(b.view!.gameId))!, 'server', 5000)[0]!;
  if (good.kind !== 'segment') throw new Error('a segment was expected');
  const wrong = { ...good, segment: { ...good.segment, ack: good.segment.ack - 1 } };
  const aUpdates = a.updates.length;
  const refused = await b.request('game:move', { move: toMovePayload(wrong) });
  expect(refused.ok).toBe(false);
  await h.app.idle();
  // a round trip on each connection that answers no game: what was sent before it has arrived
  for (const c of [a, b]) expect((await c.request('game:hint', {})).ok).toBe(false);
  expect(b.view!.log.length).toBe(logBefore + 1);
  expect(b.view!.log.at(-1)!.type).toBe('refused');
  expect(a.updates.length).toBe(aUpdates);
  expect(a.view!.log.some((e) => e.type === 'refused')).toBe(false);

  // the right one: its answer carries only what b was not sent, and a learns of the refusal now
  const right = await b.raw.timeout(5000).emitWithAck('game:move', { move: toMovePayload(good) });
  expect(right.ok).toBe(true);
  answers.push(right.data.game);
  // sent raw, the answer was not joined: b takes the whole state instead
  await b.must('game:state', {});
  await h.sync([a, b]);
  expect(answers[0]!.logFrom).toBeGreaterThan(0);
  expect(answers[0]!.log.length).toBeLessThanOrEqual(3);
  expect(a.view!.log.some((e) => e.type === 'refused' && e.side === 'server' && e.code === undefined)).toBe(
    true,
  );
  await expectWhole(a);

  await playOut(h, [a, b]);
  await h.flush([a, b]);
  for (const c of [a, b]) {
    expect(c.gaps).toEqual([]);
    await expectWhole(c);
  }
  // every update after the game began was a delta, and a short one
  const deltas = raw.filter((v) => v.logFrom > 0);
  expect(deltas.length).toBeGreaterThan(raw.length - 4);
  for (const v of deltas) expect(v.log.length).toBeLessThanOrEqual(4);
  const sent = raw.reduce((n, v) => n + v.log.length, 0);
  const joined = [...a.updates, ...b.updates].reduce((n, v) => n + v.log.length, 0);
  expect(sent * 4).toBeLessThan(joined);
});
