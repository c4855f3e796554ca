/**
 * The fair-play rules one by one, on the engine: what the application has, what a pointless move
 * earns and how the log says it, a round ended while only TIME_WAIT runs, a simultaneous open
 * answered late, the scenario's held and ordered segments.
 */
import {
  advance,
  applyMove,
  armWire,
  canAct,
  correctMoves,
  createGame,
  nextDeadline,
  seatPlayer,
  stopGame,
} from '../../../shared/game/game-engine';
import type { Game } from '../../../shared/game/game-types';
import type { ScenarioId } from '../../../shared/scenarios/scenarios';
import { ACK, PSH, type Move, type Side } from '../../../shared/tcp/types';
import { SIM_SETTINGS } from '../../helpers/fair-play-sim';

const SIDES: readonly Side[] = ['client', 'server'];

function start(id: ScenarioId): Game {
  let g = createGame({ id: 'g', scenarioId: id, now: 0, seed: 3, settings: SIM_SETTINGS });
  for (const s of SIDES) g = seatPlayer(g, s, `s-${s}`, s, 0);
  return g;
}

/** Plays correct first moves (and waits for deadlines) until `until` holds; returns the game and the time. */
function playUntil(g0: Game, until: (g: Game) => boolean, t0 = 0): { g: Game; t: number } {
  let g = g0;
  let t = t0;
  for (let i = 0; i < 300 && g.phase === 'playing' && !until(g); i++) {
    const side = SIDES.find((s) => canAct(g, s));
    if (side) {
      const r = applyMove(g, side, correctMoves(g, side, 1000)[0]!, t);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      g = r.game;
      continue;
    }
    t = Math.max(t, nextDeadline(g) ?? t);
    g = advance(g, t);
  }
  return { g, t };
}

function data(g: Game, side: Side, len: number): Move {
  const t = g.conn[side];
  return { kind: 'segment', segment: { flags: PSH | ACK, seq: t.sndNxt, ack: t.rcvNxt, len, win: t.rcvWnd } };
}

describe('the application sends what it has, no more', () => {
  /** client-closes-first with the server in CLOSE_WAIT, ACK sent, 7 octets to send. */
  function serverToSend(): { g: Game; t: number } {
    return playUntil(
      start('client-closes-first'),
      (g) =>
        correctMoves(g, 'server')[0]?.kind === 'segment' &&
        g.conn.server.state === 'CLOSE_WAIT' &&
        g.conn.server.owed === 'none',
    );
  }

  test.each([
    ['a segment of 8 octets', (g: Game) => data(g, 'server', 8), 8],
    ['a segment of 65535 octets', (g: Game) => data(g, 'server', 65535), 65535],
    ['send(8)', (): Move => ({ kind: 'call', call: { call: 'send', bytes: 8 } }), 8],
  ])('%s when 7 are left: OFF_PLAN, no mistake, nothing sent', (_name, move, n) => {
    const { g, t } = serverToSend();
    const r = applyMove(g, 'server', move(g), t);
    expect(r.ok ? null : r.error).toEqual({
      code: 'OFF_PLAN',
      intent: 'send',
      tried: 'send',
      bytesLeft: 7,
      bytesTried: n,
    });
    expect(r.game.conn).toEqual(g.conn);
    expect(r.game.wire).toEqual(g.wire);
    expect(r.game.score.server).toEqual(g.score.server);
  });

  test('7 octets in two segments: the step scores once, when it is done', () => {
    const { g, t } = serverToSend();
    const a = applyMove(g, 'server', data(g, 'server', 3), t);
    expect(a.ok).toBe(true);
    expect(a.game.score.server.points).toBe(g.score.server.points);
    expect(a.game.log.at(-1)).toMatchObject({ type: 'send', points: 0 });
    expect(a.game.log.at(-1)).not.toHaveProperty('pointless');
    const b = applyMove(a.game, 'server', data(a.game, 'server', 4), t + 1);
    expect(b.ok).toBe(true);
    expect(b.game.score.server.points).toBe(g.score.server.points + 10);
    const c = applyMove(b.game, 'server', data(b.game, 'server', 1), t + 2);
    expect(c.ok ? null : c.error.code).toBe('OFF_PLAN');
  });
});

describe('scoring', () => {
  test('a pure ACK nobody needs is accepted, scores 0, counts as pointless and says so in the log', () => {
    const { g, t } = playUntil(
      start('client-closes-first'),
      (x) => x.conn.client.state === 'ESTABLISHED' && x.conn.client.owed === 'none',
    );
    const c = g.conn.client;
    const r = applyMove(
      g,
      'client',
      { kind: 'segment', segment: { flags: ACK, seq: c.sndNxt, ack: c.rcvNxt, len: 0, win: c.rcvWnd } },
      t,
    );
    expect(r.ok).toBe(true);
    expect(r.game.score.client.points).toBe(g.score.client.points);
    expect(r.game.score.client.pointless).toBe(1);
    expect(r.game.log.at(-1)).toMatchObject({ type: 'send', side: 'client', points: 0, pointless: true });
  });

  test('a teacher-style extra duty (a duplicate to ACK) gives no bonus', () => {
    // client-closes-first duplicates the server's data: the client ACKs it once more, for 0 points
    const { g } = playUntil(start('client-closes-first'), () => false);
    const acksOfDuplicate = g.log.filter((e) => e.type === 'send' && e.side === 'client' && e.points === 0);
    expect(g.milestones).toContain('client:rcv:RCV_DUPLICATE');
    expect(acksOfDuplicate.length).toBeGreaterThan(0);
    expect(g.result?.goalMet).toBe(true);
  });
});

describe('a class round ended while only TIME_WAIT runs', () => {
  test('the wait is run out: the goal is judged as if the round had gone on', () => {
    const { g, t } = playUntil(
      start('client-closes-first'),
      (x) => x.conn.server.state === 'CLOSED' && x.conn.client.state === 'TIME_WAIT',
    );
    expect(g.timers.client.timeWait).not.toBeNull();
    const s = stopGame(g, t + 1);
    expect(s.phase).toBe('finished');
    expect(s.result).toMatchObject({ goalMet: true });
    expect(s.result?.timeUp).toBeUndefined();
    expect(s.milestones).toContain('client:2msl');
  });

  test('with a move still to make, the round stops where it is, marked timeUp', () => {
    const { g, t } = playUntil(start('client-closes-first'), (x) => x.conn.client.state === 'FIN_WAIT_2');
    const s = stopGame(g, t + 1);
    expect(s.result).toMatchObject({ goalMet: false, timeUp: true });
  });
});

describe('simultaneous open answered late', () => {
  test('a SYN,ACK that lands before our own was sent leaves an ACK owed, never a deadlock', () => {
    const { g, t } = playUntil(
      start('simultaneous-open'),
      (x) => x.conn.client.owed === 'syn-ack' && x.conn.server.owed === 'syn-ack',
    );
    const s = applyMove(g, 'server', correctMoves(g, 'server')[0]!, t);
    expect(s.ok).toBe(true);
    const landed = advance(s.game, t + SIM_SETTINGS.flightMs);
    expect(landed.conn.client).toMatchObject({ state: 'ESTABLISHED', owed: 'ack' });
    const moves = correctMoves(landed, 'client');
    expect(moves[0]).toMatchObject({ kind: 'segment', segment: { flags: ACK } });
    const done = playUntil(landed, () => false, t + SIM_SETTINGS.flightMs).g;
    expect(done.result).toMatchObject({ goalMet: true });
    expect(done.score.client.mistakes + done.score.server.mistakes).toBe(0);
  });
});

describe('a SYN lost in a simultaneous open', () => {
  test('the SYN,ACK that answers the peer re-sends our SYN: no second retransmission is asked for', () => {
    // the server's SYN is dropped; the client's SYN lands, the retransmission timer fires, and the
    // server's SYN,ACK both answers the client and carries its SYN again
    let g = start('simultaneous-open');
    g = armWire(g, 'server', 'drop', 0).game;
    const syn = (x: Game, s: Side) => applyMove(x, s, correctMoves(x, s)[0]!, 0);
    g = syn(g, 'server').game;
    g = syn(g, 'client').game;
    const t = SIM_SETTINGS.rtoMs;
    const due = advance(g, t);
    expect(due.mustRetransmit.server).toBe(true);
    expect(due.conn.server.owed).not.toBe('none');
    expect(due.conn.server.state).toBe('SYN_RCVD');
    const sent = applyMove(due, 'server', correctMoves(due, 'server')[0]!, t);
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    expect(sent.game.mustRetransmit.server).toBe(false);
    // the log calls it a retransmission, as a replay of its capture does
    expect(sent.game.log.at(-1)).toMatchObject({ type: 'send', side: 'server', retransmission: true });
    expect(sent.game.timers.server.rto).toBe(t + SIM_SETTINGS.rtoMs);
    expect(canAct(sent.game, 'server')).toBe(false);
  });
});

describe('the network of a scenario', () => {
  test('simultaneous close: the first FIN is held until the other side sends its own, so they cross', () => {
    const { g, t } = playUntil(start('simultaneous-close'), (x) => x.conn.client.state === 'FIN_WAIT_1');
    const fin = g.wire.find((w) => w.from === 'client' && w.kind === 'FIN');
    expect(fin?.heldFor).toBe('FIN');
    // long after its flight it is still on the wire while the server has not closed
    const later = advance(g, t + 10 * SIM_SETTINGS.flightMs);
    expect(later.wire.some((w) => w.id === fin!.id)).toBe(true);
    expect(later.conn.server.state).toBe('ESTABLISHED');
  });

  test("one side's segments arrive in the order they were sent", () => {
    const { g } = playUntil(start('client-closes-first'), () => false);
    const arrivals = g.log
      .filter((e) => e.type === 'arrive' && e.side === 'client')
      .map((e) => (e.type === 'arrive' ? e.segmentId : 0));
    const sends = g.log
      .filter((e) => e.type === 'send' && e.side === 'server')
      .map((e) => (e.type === 'send' ? e.segmentId : 0));
    // the duplicate copy has its own id right after its original: drop ids that were never "sent"
    const original = arrivals.filter((id) => sends.includes(id));
    expect(original).toEqual([...original].sort((a, b) => a - b));
  });
});
