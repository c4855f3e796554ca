/**
 * The client's pure view code, without a browser: the state diagram read from the transition
 * table, segment motion on the wire, and the log's sentences, whose numbers and states come from
 * replaying each player's own record (checked on every scenario played to its end by the engine),
 * with what each move earned; English counts in the singular or the plural.
 */
import {
  applyMove,
  advance,
  correctMoves,
  createGame,
  nextDeadline,
  seatPlayer,
} from '../../shared/game/game-engine';
import type { Game } from '../../shared/game/game-types';
import { viewFor, type WireView } from '../../shared/game/game-view';
import { LANGS } from '../../shared/i18n';
import { SCENARIO_IDS } from '../../shared/scenarios/scenarios';
import { TRANSITIONS } from '../../shared/tcp/transitions';
import { TCP_STATES, type Side } from '../../shared/tcp/types';
import { plural } from '../../client/src/i18n/plural';
import { UI_TEXTS, type UiKey } from '../../client/src/i18n/ui-texts';
import { spectatorLines } from '../../client/src/class/spectator-lines';
import { DIAGRAM_GRID, diagramGraph } from '../../client/src/view/diagram-graph';
import { logLines, mistakes } from '../../client/src/view/log-lines';
import { recordHistory } from '../../shared/game/record-history';
import { motionOf } from '../../client/src/view/wire-motion';
import { playGame, translator } from '../helpers/engine-play';

const SIDES: Side[] = ['client', 'server'];

/** Plays a scenario to its end with the engine's correct moves for both players. */
function playOut(scenarioId: (typeof SCENARIO_IDS)[number]): Game {
  let now = 1000;
  let g = createGame({ id: 'g1', scenarioId, now, seed: 7, settings: { botDelayMs: 0 } });
  g = seatPlayer(g, 'client', 's1', 'ann', now);
  g = seatPlayer(g, 'server', 's2', 'bo', now);
  for (let i = 0; i < 200 && g.phase === 'playing'; i++) {
    const side = SIDES.find((s) => correctMoves(g, s, 1000).length > 0);
    if (side) {
      const r = applyMove(g, side, correctMoves(g, side, side === 'client' ? 1000 : 5000)[0]!, now);
      if (!r.ok) throw new Error(`${scenarioId}: engine refused its own move`);
      g = r.game;
    } else {
      now = nextDeadline(g) ?? now + 1000;
      g = advance(g, now);
    }
  }
  return g;
}

describe('state diagram', () => {
  const graph = diagramGraph();

  test('every row of the transition table is an edge or a reset', () => {
    for (const r of TRANSITIONS) {
      if (r.from === r.to) continue;
      const edge = graph.edges.find((e) => e.from === r.from && e.to === r.to);
      const reset = graph.resets.includes(r);
      expect(edge !== undefined || reset).toBe(true);
      if (edge && !reset) expect(edge.triggers).toContain(r.on);
    }
    expect(graph.resets.every((r) => r.to === 'CLOSED')).toBe(true);
  });

  test('the eleven states each have their own place', () => {
    const places = TCP_STATES.map((s) => `${DIAGRAM_GRID[s].col},${DIAGRAM_GRID[s].row}`);
    expect(new Set(places).size).toBe(11);
  });
});

describe('motion on the wire', () => {
  const w: WireView = {
    id: 1,
    from: 'client',
    segment: { flags: ['SYN'], seq: 1, ack: 0, len: 0, win: 65535 },
    sentAt: 1000,
    arriveAt: 2000,
    lost: false,
    injected: false,
  };

  test.each([
    [900, 0],
    [1000, 0],
    [1250, 0.25],
    [2000, 1],
    [2500, 1],
  ])('at %i a segment is %f of the way', (now, progress) => {
    expect(motionOf(w, now)).toEqual({ progress, fall: 0 });
  });

  test('a lost segment stops half-way and falls', () => {
    const lost = { ...w, lost: true };
    expect(motionOf(lost, 1400)).toEqual({ progress: 0.4, fall: 0 });
    expect(motionOf(lost, 1750)).toEqual({ progress: 0.5, fall: 0.5 });
  });
});

describe('log sentences', () => {
  // a "?" standing alone is what fill() leaves for a value it was not given
  const unfilled = /(^|[\s=：:（(])\?($|[\s，。,.)）])/;

  test.each(SCENARIO_IDS)('%s: each side replays its own record, and every sentence is filled in', (id) => {
    const g = playOut(id);
    expect(g.phase).toBe('finished');
    for (const side of SIDES) {
      const v = viewFor(g, side, g.result?.finishedAt ?? 0);
      expect(recordHistory(v.log, side, v.you.record)).not.toBeNull();
      for (const lang of LANGS) {
        const tr = translator(lang);
        for (const line of logLines(v, lang, tr)) {
          expect(line.text).not.toMatch(unfilled);
          expect(line.text).not.toMatch(/[{}]/);
        }
      }
    }
  });

  test("a refusal is explained with the state the player was in, the opponent's only counted", () => {
    // the server answers the client's SYN with a SYN,ACK whose ack is one short
    let g = createGame({ id: 'g2', scenarioId: 'three-way-handshake', now: 0, seed: 3 });
    g = seatPlayer(g, 'client', 's1', 'ann', 0);
    g = seatPlayer(g, 'server', 's2', 'bo', 0);
    g = (applyMove(g, 'server', { kind: 'call', call: { call: 'listen' } }, 0) as { game: Game }).game;
    const syn = { kind: 'segment' as const, segment: { flags: 2, seq: 1000, ack: 0, len: 0, win: 65535 } };
    g = (applyMove(g, 'client', syn, 0) as { game: Game }).game;
    g = advance(g, 5000);
    const wrong = {
      kind: 'segment' as const,
      segment: { flags: 0x12, seq: 5000, ack: 1000, len: 0, win: 65535 },
    };
    const r = applyMove(g, 'server', wrong, 5000);
    expect(r.ok).toBe(false);
    const server = viewFor(r.game, 'server', 5000);
    const [m] = mistakes(server, 'en');
    expect(m?.code).toBe('ACK_OFF_BY_ONE');
    expect(m?.message).toContain('1001');
    expect(m?.explain.length).toBeGreaterThan(40);
    const client = viewFor(r.game, 'client', 5000);
    expect(logLines(client, 'en', translator('en')).at(-1)?.text).toBe(UI_TEXTS.en.logRefusedPeer);
    expect(mistakes(client, 'en')).toEqual([]);
  });
});

describe('what each move earned, in the log', () => {
  // the client sends a second, identical ACK after the handshake's: legal, but nobody needed it
  let extra = false;
  const { game } = playGame('client-closes-first', (g, side, m) => {
    const t = g.conn.client;
    if (extra || side !== 'client' || t.state !== 'ESTABLISHED' || t.owed !== 'none') return m;
    extra = true;
    return { kind: 'segment', segment: { flags: 0x10, seq: t.sndNxt, ack: t.rcvNxt, len: 0, win: 65535 } };
  });
  const lines = (side: Side, lang: (typeof LANGS)[number]) =>
    logLines(viewFor(game, side, game.result!.finishedAt), lang, translator(lang)).map((l) => l.text);

  test('the game was played with one pointless move, and it is counted', () => {
    expect(game.result?.goalMet).toBe(true);
    expect(game.score.client.pointless).toBe(1);
    expect(game.score.server.pointless).toBe(0);
  });

  test('a scoring move says its points, a needed move worth nothing says nothing more', () => {
    const en = lines('client', 'en');
    expect(en).toContain('you (Client) sent SYN seq=1000. (+10 points)');
    expect(en).toContain('the other side (Server) called listen(). (+10 points)');
    expect(en).toContain('you (Client) sent FIN,ACK seq=1001 ack=5001. (+10 points)');
    // the ACK of the server's data is owed but fulfils no scoring unit: no points, no blame
    expect(en).toContain('you (Client) sent ACK seq=1002 ack=5008.');
    const zh = lines('client', 'zh-CN');
    expect(zh).toContain('你（客户端）发出 SYN seq=1000。（+10 分）');
  });

  test('the pointless move is said to be legal but not needed, worth 0 points, in both languages', () => {
    const en = lines('client', 'en').filter((l) => l.includes('nobody needed'));
    expect(en).toEqual(['you (Client) sent ACK seq=1001 ack=5001. (legal, but nobody needed it: 0 points)']);
    const zh = lines('client', 'zh-CN').filter((l) => l.includes('没有人需要'));
    expect(zh).toEqual(['你（客户端）发出 ACK seq=1001 ack=5001。（这一步合法，但没有人需要它：0 分）']);
    // the opponent reads it the same way
    expect(lines('server', 'en')).toContain(
      'the other side (Client) sent ACK seq=1001 ack=5001. (legal, but nobody needed it: 0 points)',
    );
  });

  test("the teacher's spectator lines carry the same points", () => {
    const w = {
      pairId: 'p1',
      client: viewFor(game, 'client', 0),
      server: viewFor(game, 'server', 0),
    };
    const texts = spectatorLines(w, translator('en')).map((l) => l.text);
    expect(texts).toContain('Client sent SYN seq=x. (+10 points)');
    expect(texts).toContain('Client sent ACK seq=x+1 ack=y+1. (legal, but nobody needed it: 0 points)');
  });
});

describe('English plurals', () => {
  const en = translator('en');
  const zh = translator('zh-CN');

  test('plural() picks the singular for exactly one', () => {
    expect([0, 1, 2, 10].map((n) => plural(n, 'point', 'points'))).toEqual([
      'points',
      'point',
      'points',
      'points',
    ]);
  });

  test.each([
    ['networkDone', { n: 1 }, '1 segment affected.'],
    ['networkDone', { n: 3 }, '3 segments affected.'],
    ['misconceptionCount', { count: 1, students: 1 }, '1 time, 1 student'],
    ['misconceptionCount', { count: 4, students: 2 }, '4 times, 2 students'],
    ['seatScore', { points: 1, correct: 1, mistakes: 1 }, '1 pt · 1 correct · 1 mistake'],
    ['seatScore', { points: 20, correct: 2, mistakes: 0 }, '20 pts · 2 correct · 0 mistakes'],
    [
      'classStanding',
      { rank: 1, points: 1, correct: 1, mistakes: 1 },
      'You placed #1 this round: 1 point, 1 correct move, 1 mistake.',
    ],
    [
      'classStanding',
      { rank: 2, points: 30, correct: 3, mistakes: 2 },
      'You placed #2 this round: 30 points, 3 correct moves, 2 mistakes.',
    ],
    ['intentSend', { n: 1 }, 'Your application wants to send 1 byte.'],
    ['intentSend', { n: 7 }, 'Your application wants to send 7 bytes.'],
    ['logWithPoints', { line: 'x.', points: 1 }, 'x. (+1 point)'],
    ['logWithPoints', { line: 'x.', points: 20 }, 'x. (+20 points)'],
  ] as [UiKey, Record<string, number | string>, string][])('%s %j: %s', (key, params, text) => {
    expect(en(key, params)).toBe(text);
  });

  test('the Chinese texts have no plural choices, and every English choice names a count it is given', () => {
    const choice = /\{(\w+)\|[^|{}]*\|[^|{}]*\}/g;
    for (const [k, text] of Object.entries(UI_TEXTS.en)) {
      expect(UI_TEXTS['zh-CN'][k as UiKey]).not.toMatch(choice);
      // a choice's count is a placeholder of the same text
      for (const m of text.matchAll(choice)) expect(text).toContain(`{${m[1]}}`);
    }
    expect(zh('networkDone', { n: 1 })).toBe('影响了 1 个报文段。');
  });
});
