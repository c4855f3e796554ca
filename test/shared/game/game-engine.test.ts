import {
  applyMove,
  advance,
  canAct,
  correctMoves,
  createGame,
  movesFor,
  nextDeadline,
  seatPlayer,
} from '../../../shared/game/game-engine';
import { newConnection } from '../../../shared/tcp/types';
import { DEFAULT_SETTINGS, type Game } from '../../../shared/game/game-types';
import { checkSettings } from '../../../shared/game/settings';
import { movesFromView, viewFor } from '../../../shared/game/game-view';
import { SCENARIO_IDS, SCENARIOS, type ScenarioId } from '../../../shared/scenarios/scenarios';
import type { Side } from '../../../shared/tcp/types';

const SIDES: Side[] = ['client', 'server'];
const settings = { flightMs: 1000, turnMs: 20000, rtoMs: 5000, mslMs: 4000, synRcvdMs: 60000, botDelayMs: 0 };

/** Both seats taken by scripted players (or one by the bot) at t=0. */
function start(
  id: ScenarioId,
  bot: Side | null = null,
  level: 'partner' | 'catch' = 'partner',
  seed = 7,
): Game {
  let g = createGame({
    id: 'g1',
    scenarioId: id,
    now: 0,
    seed,
    settings,
    bot: bot ? { role: bot, level } : null,
  });
  for (const s of SIDES) if (s !== bot) g = seatPlayer(g, s, `sess-${s}`, s, 0);
  return g;
}

/** Plays the game out: every human side that may act plays the first correct move; otherwise time jumps to the next deadline. */
function playOut(
  g0: Game,
  pick: (g: Game, side: Side) => number = () => 0,
): { g: Game; moves: number; t: number } {
  let g = g0;
  let t = 0;
  let moves = 0;
  for (let i = 0; i < 400 && g.phase === 'playing'; i++) {
    const side = SIDES.find((s) => g.bot?.role !== s && canAct(g, s));
    if (side) {
      const options = correctMoves(g, side, 1000 + i * 77);
      const move = options[pick(g, side) % options.length];
      if (!move) throw new Error(`${side} may act but has no correct move`);
      const r = applyMove(g, side, move, t);
      if (!r.ok)
        throw new Error(
          `${g.scenarioId}: ${side} refused ${JSON.stringify(r.error)} for ${JSON.stringify(move)}`,
        );
      g = r.game;
      moves++;
      t += 10;
      continue;
    }
    const d = nextDeadline(g);
    if (d === null) break;
    t = Math.max(t, d);
    g = advance(g, t);
  }
  return { g, moves, t };
}

describe.each(SCENARIO_IDS.map((id) => [id]))('%s', (id) => {
  test('two players play it to the goal', () => {
    const { g } = playOut(start(id));
    expect(g.phase).toBe('finished');
    expect(g.result?.goalMet).toBe(true);
    for (const s of SIDES) expect(SCENARIOS[id].goal[s]).toContain(g.conn[s].state);
    for (const s of SIDES) expect(g.score[s].mistakes).toBe(0);
  });

  test.each(SIDES.map((s) => [s]))('a player against the bot playing the %s', (botSide) => {
    const { g } = playOut(start(id, botSide));
    expect(g.result?.goalMet).toBe(true);
  });
});

describe('the game engine', () => {
  test('a move out of turn is refused and changes nothing', () => {
    const g = start('three-way-handshake');
    const r = applyMove(
      g,
      'server',
      { kind: 'segment', segment: { flags: 0x12, seq: 1, ack: 1, len: 0, win: 65535 } },
      0,
    );
    // the server may move (it has to listen) but a SYN,ACK before any SYN arrived is wrong
    expect(r.ok).toBe(false);
    expect(r.ok ? null : r.error.code).toBe('FIRST_SYN_HAS_ACK');
    expect(r.game.conn).toEqual(g.conn);
    expect(r.game.score.server.mistakes).toBe(1);
    // after the server listened, the server has nothing to do until a SYN arrives
    const l = applyMove(g, 'server', { kind: 'call', call: { call: 'listen' } }, 0);
    // the client's application connects in this scenario; it does not listen
    const c = applyMove(l.game, 'client', { kind: 'call', call: { call: 'listen' } }, 0);
    expect(c.ok ? null : c.error).toEqual({ code: 'OFF_PLAN', intent: 'open', tried: 'listen' });
    expect(c.game.conn).toEqual(l.game.conn);
    const again = applyMove(
      l.game,
      'server',
      { kind: 'segment', segment: { flags: 0x10, seq: 1, ack: 1, len: 0, win: 65535 } },
      1,
    );
    expect(again.ok ? null : again.error.code).toBe('NOT_YOUR_TURN');
    // a move out of turn is answered but is not a TCP mistake
    expect(again.game.score.server.mistakes).toBe(0);
    expect(again.game.conn).toEqual(l.game.conn);
  });

  test('the lost last ACK: the server retransmits its FIN and TIME_WAIT answers it and restarts', () => {
    const { g } = playOut(start('lost-last-ack'));
    const timers = g.log.filter((e) => e.type === 'timer');
    expect(timers.some((e) => e.type === 'timer' && e.side === 'server' && e.timer === 'rto')).toBe(true);
    expect(
      timers.some((e) => e.type === 'timer' && e.side === 'client' && e.timer === 'time-wait' && e.restarted),
    ).toBe(true);
    expect(g.log.some((e) => e.type === 'lost' && e.side === 'client')).toBe(true);
    expect(g.log.filter((e) => e.type === 'send' && e.side === 'server' && e.retransmission)).toHaveLength(1);
  });

  test('TIME_WAIT lasts 2 x MSL', () => {
    const g = playOut(start('piggybacked-teardown')).g;
    // counted from the last ACK, the moment a kernel enters TIME_WAIT and answers at once
    const lastAck = g.log.filter((e) => e.type === 'send' && e.side === 'client').pop()!;
    const expire = g.log.find((e) => e.type === 'timer' && e.timer === 'time-wait' && e.side === 'client')!;
    expect(expire.t - lastAck.t).toBe(2 * settings.mslMs);
  });

  test('a turn that runs out is forfeited: the correct move is played and scored', () => {
    let g = start('three-way-handshake');
    g = applyMove(g, 'server', { kind: 'call', call: { call: 'listen' } }, 0).game;
    // the client does nothing: at the turn deadline the kernel connects for it
    const d = g.timers.client.turn!;
    expect(d).toBe(settings.turnMs);
    g = advance(g, d);
    expect(g.conn.client.state).toBe('SYN_SENT');
    expect(g.score.client.forfeits).toBe(1);
    expect(g.log.some((e) => e.type === 'send' && e.side === 'client' && e.auto)).toBe(true);
  });

  test.each(SCENARIO_IDS.flatMap((id) => SIDES.map((s) => [id, s] as const)))(
    'the catch-the-error bot never breaks %s (bot plays the %s)',
    (id, botSide) => {
      for (let seed = 1; seed <= 60; seed++) {
        const { g } = playOut(start(id, botSide, 'catch', seed));
        expect(g.phase).toBe('finished');
      }
    },
  );

  test('a slow last ACK does not shorten TIME_WAIT', () => {
    let g = start('piggybacked-teardown');
    let t = 0;
    for (let i = 0; i < 200 && g.phase === 'playing'; i++) {
      const side = SIDES.find((s) => canAct(g, s));
      if (side) {
        // the client thinks for almost a whole turn before its last ACK
        if (side === 'client' && g.conn.client.state === 'TIME_WAIT') t += settings.turnMs - 100;
        g = applyMove(g, side, correctMoves(g, side, 9)[0]!, t).game;
        continue;
      }
      t = nextDeadline(g) ?? t;
      g = advance(g, t);
    }
    expect(g.result?.goalMet).toBe(true);
    expect(g.log.some((e) => e.type === 'arrive' && e.notes.includes('RCV_STRAY_SEGMENT'))).toBe(false);
  });

  test('the catch-the-error bot sends wrong segments and the answers are scored', () => {
    let caught = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { g } = playOut(start('client-closes-first', 'server', 'catch', seed));
      expect(g.result?.goalMet).toBe(true);
      caught += g.score.client.caught;
      expect(g.score.client.caught + g.score.client.missed).toBe(g.trapsSent);
    }
    expect(caught).toBeGreaterThan(0);
  });

  test('the same inputs give the same game', () => {
    expect(playOut(start('lost-syn-or-syn-ack', 'server', 'catch', 3)).g).toEqual(
      playOut(start('lost-syn-or-syn-ack', 'server', 'catch', 3)).g,
    );
  });

  test('functions never change their argument', () => {
    const g = start('client-closes-first');
    const before = JSON.stringify(g);
    applyMove(g, 'server', { kind: 'call', call: { call: 'listen' } }, 5);
    advance(g, 100000);
    expect(JSON.stringify(g)).toBe(before);
  });
});

describe('what each scenario shows happens', () => {
  const notes = (g: Game) => g.log.flatMap((e) => (e.type === 'arrive' ? e.notes : []));
  test.each([
    ['simultaneous-open', 'RCV_SIMULTANEOUS_OPEN', 2],
    ['simultaneous-close', 'RCV_SIMULTANEOUS_CLOSE', 2],
    ['delayed-duplicate-syn', 'RCV_RESET_TO_LISTEN', 1],
    ['connection-refused', 'RCV_REFUSED', 1],
    ['old-segment-new-connection', 'RCV_DUPLICATE', 1],
    ['lost-last-ack', 'RCV_TIME_WAIT_RESTART', 1],
    ['client-closes-first', 'RCV_DATA', 1],
    ['client-closes-first', 'RCV_DUPLICATE', 1],
  ] as const)('%s: %s', (id, note, count) => {
    const { g } = playOut(start(id));
    expect(notes(g).filter((n) => n === note)).toHaveLength(count);
  });

  test('lost-syn-or-syn-ack: both the SYN and the SYN,ACK are lost and sent again with the same seq', () => {
    const { g } = playOut(start('lost-syn-or-syn-ack'));
    const lost = g.log.filter((e) => e.type === 'lost');
    expect(lost.map((e) => e.type === 'lost' && e.side)).toEqual(['client', 'server']);
    const resent = g.log.filter((e) => e.type === 'send' && e.retransmission);
    expect(resent.length).toBeGreaterThanOrEqual(2);
  });

  test('piggybacked-teardown: three segments close the connection', () => {
    const { g } = playOut(start('piggybacked-teardown'));
    const sends = g.log.filter((e) => e.type === 'send');
    expect(sends.slice(3).map((e) => e.type === 'send' && e.side)).toEqual(['client', 'server', 'client']);
  });
});

describe('checkSettings', () => {
  test('defaults and the test settings are fine', () => {
    expect(checkSettings(DEFAULT_SETTINGS)).toEqual([]);
    expect(checkSettings(settings)).toEqual([]);
  });
  test('TIME_WAIT shorter than a retransmission is refused', () => {
    expect(checkSettings({ ...DEFAULT_SETTINGS, mslMs: 1000 }).join()).toMatch(/TIME_WAIT/);
    expect(checkSettings({ ...DEFAULT_SETTINGS, flightMs: 0 })).toEqual([
      'flightMs must be a positive whole number of milliseconds',
    ]);
  });
});

describe('movesFromView', () => {
  test.each(SCENARIO_IDS.map((id) => [id]))('%s: a view gives the same moves as the game', (id) => {
    let g = start(id);
    let t = 0;
    for (let i = 0; i < 200 && g.phase === 'playing'; i++) {
      for (const s of SIDES) expect(movesFromView(viewFor(g, s, t), 99)).toEqual(correctMoves(g, s, 99));
      const side = SIDES.find((s) => canAct(g, s));
      if (side) {
        g = applyMove(g, side, correctMoves(g, side, 5)[0]!, t).game;
        t += 10;
      } else {
        t = nextDeadline(g) ?? t;
        g = advance(g, t);
      }
    }
    expect(g.phase).toBe('finished');
  });
});

describe('correct moves', () => {
  test('an owed reply comes before the application listen()', () => {
    const t = { ...newConnection().server, owed: 'rst-ack' as const, owedSeq: 0, owedAck: 8 };
    expect(movesFor(t, 'listen', false).map((m) => m.kind)).toEqual(['segment']);
  });
});
