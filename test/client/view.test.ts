/**
 * The client's pure view code, without a browser: the state diagram read from the transition
 * table, segment motion on the wire, and the log's sentences, whose numbers and states come from
 * replaying each player's own record (checked on every scenario played to its end by the engine).
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
import { LANGS, fill, type TextParams } from '../../shared/i18n';
import { SCENARIO_IDS } from '../../shared/scenarios/scenarios';
import { TRANSITIONS } from '../../shared/tcp/transitions';
import { TCP_STATES, type Side } from '../../shared/tcp/types';
import { UI_TEXTS, type UiKey } from '../../client/src/i18n/ui-texts';
import { DIAGRAM_GRID, diagramGraph } from '../../client/src/view/diagram-graph';
import { logLines, mistakes } from '../../client/src/view/log-lines';
import { recordHistory } from '../../client/src/view/record-history';
import { motionOf } from '../../client/src/view/wire-motion';

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
        const tr = (k: UiKey, p?: TextParams) => (p ? fill(UI_TEXTS[lang][k], p) : UI_TEXTS[lang][k]);
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
    const tr = (k: UiKey, p?: TextParams) => (p ? fill(UI_TEXTS.en[k], p) : UI_TEXTS.en[k]);
    expect(logLines(client, 'en', tr).at(-1)?.text).toBe(UI_TEXTS.en.logRefusedPeer);
    expect(mistakes(client, 'en')).toEqual([]);
  });
});
