import type { GameView } from '../../../shared/game/game-view';
import type { ScenarioId } from '../../../shared/scenarios/scenarios';
import { Harness, playOut, type TestClient } from '../../helpers/server-harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(async () => {
  await h.close();
});

/** Two players: `a` the client, `b` the server. */
async function pair(scenario: ScenarioId): Promise<[TestClient, TestClient]> {
  const a = await h.connect({ lang: 'en' });
  const b = await h.connect({ lang: 'en' });
  const { code } = await a.must('match:private:create', { scenario, role: 'client' });
  await b.must('match:private:join', { code });
  return [a, b];
}

/** The last element that matches (Array.prototype.findLast is ES2023). */
function lastOf<T>(list: readonly T[], match: (x: T) => boolean): T | undefined {
  return [...list].reverse().find(match);
}

const timerLog = (v: GameView, side: string, timer: string) =>
  v.log.filter((e) => e.type === 'timer' && e.side === side && e.timer === timer);

test('TIME_WAIT lasts 2 x MSL, then the connection is CLOSED and the round ends', async () => {
  const [a, b] = await pair('piggybacked-teardown');
  // the client enters TIME_WAIT when the server's FIN,ACK arrives, and then sends the last ACK
  await playOut(h, [a, b], ([v]) => v!.you.record.state === 'TIME_WAIT' && !v!.you.canAct);
  const entered = lastOf(
    a.view!.log,
    (e) => e.type === 'arrive' && e.side === 'client' && e.notes.includes('RCV_TIME_WAIT'),
  )!.t;
  const expiry = a.view!.you.timers.timeWait!;
  expect(expiry).toBe(entered + 2 * h.config.settings.mslMs);
  expect(b.view!.peer.timeWait).toBe(expiry);

  await h.advanceTo(expiry - 1);
  await h.sync([a, b]);
  expect(a.view!.you.record.state).toBe('TIME_WAIT');
  expect(a.view!.phase).toBe('playing');

  await h.advanceTo(expiry);
  await h.sync([a, b]);
  expect(a.view!.you.record.state).toBe('CLOSED');
  expect(timerLog(a.view!, 'client', 'time-wait')).toEqual([
    { t: expiry, type: 'timer', side: 'client', timer: 'time-wait' },
  ]);
  expect(a.view!.phase).toBe('finished');
  expect(b.view!.result).toEqual({ goalMet: true, finishedAt: expiry });
});

test('lost-last-ack: the last ACK is lost, the FIN is retransmitted, TIME_WAIT answers it and restarts', async () => {
  const [a, b] = await pair('lost-last-ack');
  // the client's ACK from TIME_WAIT falls off the wire
  await playOut(h, [a, b], ([v]) => v!.log.some((e) => e.type === 'lost'));
  expect(a.view!.you.record.state).toBe('TIME_WAIT');
  expect(b.view!.you.record.state).toBe('LAST_ACK');
  const firstExpiry = a.view!.you.timers.timeWait!;

  // nothing is in flight; the server's retransmission timer is the next thing to happen
  const rto = b.view!.you.timers.rto!;
  expect(rto).toBeLessThan(firstExpiry);
  expect(b.view!.you.canAct).toBe(false);
  await h.advanceTo(rto);
  await h.sync([a, b]);
  expect(b.view!.you.mustRetransmit).toBe(true);
  expect(timerLog(b.view!, 'server', 'rto')).toHaveLength(1);

  // the server sends its FIN again, with the same seq
  const fin = b.view!.log.find(
    (e) => e.type === 'send' && e.side === 'server' && e.segment.flags.includes('FIN'),
  );
  const again = await b.playCorrect();
  expect(again.ok).toBe(true);
  await h.sync([a, b]);
  const resent = lastOf(b.view!.log, (e) => e.type === 'send' && e.side === 'server')!;
  expect(resent).toMatchObject({ retransmission: true, segment: { flags: ['FIN', 'ACK'] } });
  expect(resent.type === 'send' && fin?.type === 'send' && resent.segment.seq === fin.segment.seq).toBe(true);

  // it reaches the client still in TIME_WAIT, which owes the ACK again and restarts 2MSL
  await h.advanceTo(a.view!.wire[0]!.arriveAt);
  await h.sync([a, b]);
  expect(a.view!.you.record.state).toBe('TIME_WAIT');
  expect(a.view!.you.record.owed).toBe('ack');
  const arrival = lastOf(a.view!.log, (e) => e.type === 'arrive' && e.side === 'client')!;
  expect(arrival.type === 'arrive' && arrival.notes).toContain('RCV_TIME_WAIT_RESTART');
  expect(timerLog(a.view!, 'client', 'time-wait')).toEqual([
    { t: arrival.t, type: 'timer', side: 'client', timer: 'time-wait', restarted: true },
  ]);
  // 2MSL stands still while the ACK is owed, and starts again when it goes out
  expect(a.view!.you.timers.timeWait).toBeNull();
  await h.advanceBy(1500);
  expect((await a.playCorrect()).ok).toBe(true);
  await h.sync([a, b]);
  const restarted = a.view!.you.timers.timeWait!;
  expect(restarted).toBe(h.clock.now() + 2 * h.config.settings.mslMs);
  expect(restarted).toBeGreaterThan(firstExpiry);

  await playOut(h, [a, b]);
  for (const v of [a.view!, b.view!]) {
    expect(v.result?.goalMet).toBe(true);
    expect(v.you.record.state).toBe('CLOSED');
  }
});

test('a turn that runs out is forfeited: the correct move is played for the player, who loses points', async () => {
  const [a, b] = await pair('three-way-handshake');
  await b.must('game:move', { move: { kind: 'call', call: 'listen' } });
  await h.sync([a, b]);
  const deadline = a.view!.you.timers.turn!;
  expect(deadline).toBeGreaterThan(h.clock.now());
  const pointsBefore = a.view!.you.score.points;
  const updatesOfPeer = b.updates.length;

  await h.advanceTo(deadline - 1);
  await h.sync([a, b]);
  expect(a.view!.you.record.state).toBe('CLOSED');

  await h.advanceTo(deadline);
  await h.sync([a, b]);
  expect(a.view!.you.record.state).toBe('SYN_SENT');
  expect(a.view!.you.score.forfeits).toBe(1);
  expect(a.view!.you.score.points).toBeLessThan(pointsBefore);
  expect(timerLog(a.view!, 'client', 'turn')).toHaveLength(1);
  expect(lastOf(a.view!.log, (e) => e.type === 'send')).toMatchObject({ side: 'client', auto: true });
  expect(b.updates.length).toBeGreaterThan(updatesOfPeer);
  expect(b.view!.wire).toHaveLength(1);
});
