/**
 * The update made from two games (shared/game/game-delta.ts) is the one diffView makes from the
 * seat's two views, as the server made it before: the older version's view without its log, the
 * newer one's with the entries from where both seats were sent it. Every scenario, with two players
 * and with a catch-level bot on either side, every pair of versions up to eight apart and the first
 * with the last, both seats; plus a pause, hints, a change of players, and a log at its limit.
 */
import { gameDelta, heldOfGame } from '../../../shared/game/game-delta';
import { LOG_LIMIT } from '../../../shared/game/game-engine';
import type { Game } from '../../../shared/game/game-types';
import { logSentToBoth, viewFor } from '../../../shared/game/game-view';
import { diffView, heldOf, landingNews, onlyOwnLanding } from '../../../shared/game/view-delta';
import { SCENARIO_IDS } from '../../../shared/scenarios/scenarios';
import type { Side } from '../../../shared/tcp/types';
import { playGame, type PlayOptions } from '../../helpers/engine-play';

const SIDES: Side[] = ['client', 'server'];
const NOW = 123_456;

/** The delta as the server made it from views. */
function fromViews(base: Game, g: Game, side: Side, now: number) {
  const from = logSentToBoth(base, g) === 0 ? 0 : base.log.length;
  return diffView(viewFor(base, side, now, base.log.length), viewFor(g, side, now, from));
}

function expectSame(base: Game, g: Game): number {
  let n = 0;
  for (const side of SIDES) {
    const d = gameDelta(base, g, side, NOW);
    expect(d).toEqual(fromViews(base, g, side, NOW));
    const held = viewFor(base, side, NOW, base.log.length);
    for (const now of [NOW, g.createdAt, ...g.wire.map((w) => w.arriveAt)]) {
      expect(onlyOwnLanding(d!, heldOfGame(base), now)).toBe(onlyOwnLanding(d!, heldOf(held), now));
      expect(landingNews(d!, heldOfGame(base), now)).toBe(landingNews(d!, heldOf(held), now));
    }
    n++;
  }
  return n;
}

const plays: Array<[string, PlayOptions]> = [
  ['two players', {}],
  ['a catch-level bot as the client', { bot: { role: 'client', level: 'catch' }, seed: 3 }],
  ['a catch-level bot as the server', { bot: { role: 'server', level: 'catch' }, seed: 11 }],
];

describe.each(plays)('with %s', (_name, opts) => {
  test.each(SCENARIO_IDS)('%s: every pair of versions up to 8 apart, both seats', (scenario) => {
    const { games } = playGame(scenario, undefined, 200, opts);
    expect(games.length).toBeGreaterThan(3);
    let n = 0;
    for (let i = 0; i < games.length; i++)
      for (let j = i; j < Math.min(games.length, i + 9); j++) n += expectSame(games[i]!, games[j]!);
    n += expectSame(games[0]!, games.at(-1)!);
    expect(n).toBeGreaterThan(games.length);
  });
});

describe('changes no scenario plays', () => {
  const { games } = playGame('client-closes-first');
  const mid = games[Math.floor(games.length / 2)]!;
  const later = games[Math.floor(games.length / 2) + 2]!;

  test('a pause and its end', () => {
    const paused: Game = { ...later, version: later.version + 1, pausedAt: NOW - 50 };
    expectSame(mid, paused);
    expectSame(paused, { ...paused, version: paused.version + 1, pausedAt: null });
    expect(gameDelta(mid, paused, 'client', NOW)).toMatchObject({ paused: true, serverNow: NOW - 50 });
  });

  test('hints, a bot, nicknames and a result', () => {
    const g: Game = {
      ...later,
      version: later.version + 1,
      hints: !later.hints,
      bot: { role: 'server', level: 'partner' },
      nicknames: { client: 'Ann', server: 'Bo' },
      result: { finishedAt: NOW, goalMet: false, abandonedBy: 'server' },
    };
    expectSame(mid, g);
    expect(Object.keys(gameDelta(mid, g, 'client', NOW)!)).toEqual(
      expect.arrayContaining(['hints', 'bot', 'you', 'peer', 'result']),
    );
  });

  test('a log at its limit (its oldest entries dropped, so sent whole)', () => {
    const long = (n: number): Game['log'] =>
      Array.from({ length: n }, (_, i) => later.log[i % later.log.length]!);
    const base: Game = { ...mid, log: long(LOG_LIMIT - 1) };
    const full: Game = { ...later, log: long(LOG_LIMIT) };
    expectSame(base, full);
    expect(gameDelta(base, full, 'server', NOW)!.log!.at).toBe(0);
  });

  test('a wire whose kept segments change order is sent whole', () => {
    const two = games.find((g) => g.wire.length >= 2) ?? { ...mid, wire: [...later.wire, ...mid.wire] };
    const w = two.wire;
    expect(w.length).toBeGreaterThanOrEqual(2);
    const swapped: Game = { ...two, version: two.version + 1, wire: [w[1]!, w[0]!, ...w.slice(2)] };
    expectSame(two, swapped);
    const d = gameDelta(two, swapped, 'client', NOW)!;
    expect(d.wire!.drop).toEqual(w.map((x) => x.id));
    expect(d.wire!.add!.map((x) => x.id)).toEqual(swapped.wire.map((x) => x.id));
  });

  test('another game is no delta', () => {
    expect(gameDelta(mid, { ...later, id: 'other' }, 'client', NOW)).toBeNull();
  });
});
