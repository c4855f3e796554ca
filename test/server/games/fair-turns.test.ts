/**
 * Fair turns over the real protocol (a Socket.IO server on port 0, socket.io-client players): the
 * client's connect() waits for the server's listen(), for a human and for the bot, however long the
 * server takes; a move computed from a view that a landing segment made stale is answered
 * VIEW_STALE with the fresh view, counted as no mistake, and the player's next move is accepted.
 */
import type { GameView } from '../../../shared/game/game-view';
import type { MovePayload } from '../../../shared/protocol/events';
import { toMovePayload } from '../../../server/games/move-payload';
import { movesFromView } from '../../../shared/game/game-view';
import { Harness, TEST_SETTINGS, playOut, type TestClient } from '../../helpers/server-harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(async () => {
  await h.close();
});

async function privatePair(scenario: string): Promise<[TestClient, TestClient]> {
  const a = await h.connect({ lang: 'en' });
  const b = await h.connect({ lang: 'en' });
  const { code } = await a.must('match:private:create', { scenario, role: 'client' });
  await b.must('match:private:join', { code });
  await h.sync([a, b]);
  return [a, b];
}

describe('the opening cannot race', () => {
  test('the client is offered connect() only once the server listens; a SYN sent before is refused and harms nobody', async () => {
    const [a, b] = await privatePair('three-way-handshake');
    expect(a.view!.you.canAct).toBe(false);
    expect(a.view!.you.intent).toBeNull();
    const early = await a.request('game:move', {
      move: { kind: 'call', call: 'connect' },
      basedOn: a.view!.version,
    });
    expect(early.ok ? 'accepted' : early.error.code).toBe('NOT_YOUR_TURN');
    // the server student takes its time: a minute of thinking costs nothing and changes nothing
    await h.advanceBy(TEST_SETTINGS.turnMs - 1);
    await h.sync([a, b]);
    expect(a.view!.you.record.state).toBe('CLOSED');
    expect(b.view!.wire).toEqual([]);
    await b.must('game:move', { move: { kind: 'call', call: 'listen' }, basedOn: b.view!.version });
    await h.sync([a, b]);
    expect(a.view!.you.canAct).toBe(true);
    expect(a.view!.you.intent).toEqual({ intent: 'open' });
    await playOut(h, [a, b]);
    for (const c of [a, b]) {
      expect(c.view!.result).toMatchObject({ goalMet: true });
      expect(c.view!.you.score.mistakes).toBe(0);
    }
    a.close();
    b.close();
  });

  test('the bot as client waits for the player to listen, however long the player thinks', async () => {
    const p = await h.connect({ lang: 'en' });
    await p.must('practice:start', { scenario: 'client-closes-first', role: 'server' });
    await h.sync([p]);
    await h.advanceBy(TEST_SETTINGS.turnMs - 1);
    await h.sync([p]);
    // nothing arrived at the closed server: no RST owed, nothing refused
    expect(p.view!.you.record).toMatchObject({ state: 'CLOSED', owed: 'none' });
    expect(p.view!.log.filter((e) => e.type === 'arrive')).toEqual([]);
    await playOut(h, [p]);
    expect(p.view!.result).toMatchObject({ goalMet: true });
    expect(p.view!.you.score).toMatchObject({ mistakes: 0, forfeits: 0 });
    p.close();
  });
});

describe('VIEW_STALE', () => {
  /** Simultaneous open up to the point where both owe their SYN,ACK. */
  async function bothOweSynAck(): Promise<[TestClient, TestClient]> {
    const [a, b] = await privatePair('simultaneous-open');
    expect((await a.playCorrect()).ok).toBe(true);
    expect((await b.playCorrect(5000)).ok).toBe(true);
    await playOut(h, [a, b], (views) => views.every((v) => v.you.record.owed === 'syn-ack'));
    return [a, b];
  }

  test('a move computed before a segment landed is answered VIEW_STALE with the fresh view, no mistake; the next is accepted', async () => {
    const [a, b] = await bothOweSynAck();
    // the client computes its SYN,ACK from what it sees now...
    const seen: GameView = a.view!;
    const move: MovePayload = toMovePayload(movesFromView(seen)[0]!);
    expect(move).toMatchObject({ kind: 'segment', segment: { flags: ['SYN', 'ACK'] } });
    // ...while the server's SYN,ACK goes out and lands: the client is ESTABLISHED and owes an ACK
    expect((await b.playCorrect()).ok).toBe(true);
    await h.advanceBy(TEST_SETTINGS.flightMs);
    await h.sync([a, b]);
    const bUpdates = b.updates.length;
    const r = await a.request('game:move', { move, basedOn: seen.version });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VIEW_STALE');
    expect(r.error.message).toMatch(/out of date/);
    expect(r.error.game?.version).toBeGreaterThan(seen.version);
    expect(r.error.game?.you.record).toMatchObject({ state: 'ESTABLISHED', owed: 'ack' });
    expect(r.error.game?.you.score.mistakes).toBe(0);
    await h.flush([a, b]);
    // the opponent learns nothing of it: no update, no refused entry
    expect(b.updates.length).toBe(bUpdates);
    expect(b.view!.log.some((e) => e.type === 'refused')).toBe(false);
    // from the fresh view the right move (an ACK) is accepted
    const again = await a.playCorrect();
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.data.game.you.score.mistakes).toBe(0);
    await playOut(h, [a, b]);
    expect(a.view!.result).toMatchObject({ goalMet: true });
    a.close();
    b.close();
  });

  test('the same wrong move from the current view is a mistake', async () => {
    const [a, b] = await bothOweSynAck();
    expect((await b.playCorrect()).ok).toBe(true);
    await h.advanceBy(TEST_SETTINGS.flightMs);
    await h.sync([a, b]);
    const t = a.view!.you.record;
    const synAck: MovePayload = {
      kind: 'segment',
      segment: { flags: ['SYN', 'ACK'], seq: t.iss, ack: t.rcvNxt, len: 0, win: t.rcvWnd },
    };
    const r = await a.request('game:move', { move: synAck, basedOn: a.view!.version });
    expect(r.ok ? 'accepted' : r.error.code).toBe('SYN_NOT_ALLOWED');
    await h.flush([a]);
    expect(a.view!.you.score.mistakes).toBe(1);
    a.close();
    b.close();
  });

  test('basedOn is checked like every payload', async () => {
    const [a, b] = await privatePair('three-way-handshake');
    for (const basedOn of [-1, 1.5, 'x', null]) {
      const r = await b.request('game:move', { move: { kind: 'call', call: 'listen' }, basedOn });
      expect(r.ok ? 'accepted' : r.error.code).toBe('BAD_PAYLOAD');
    }
    await h.flush([a, b]);
    expect(b.view!.you.record.state).toBe('CLOSED');
    expect(a.updates.filter((v) => v.you.canAct)).toEqual([]);
    a.close();
    b.close();
  });
});
