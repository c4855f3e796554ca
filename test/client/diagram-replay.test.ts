/**
 * The state diagram's edge labels, read from the transition table in both languages ("rcv SYN /
 * snd SYN,ACK", "close() / snd FIN,ACK"), the row each change of state in a game took, and the
 * summary's replay steps: the start, then every event with its sentences and its changes of state.
 */
import { viewFor } from '../../shared/game/game-view';
import { LANGS } from '../../shared/i18n';
import { SCENARIO_IDS } from '../../shared/scenarios/scenarios';
import { DIAGRAM_TEXTS } from '../../client/src/i18n/diagram-texts';
import { diagramGraph } from '../../client/src/view/diagram-graph';
import { edgeLabel, edgeRows, rowText, takenRow } from '../../client/src/view/edge-labels';
import { ladderModel } from '../../client/src/view/ladder-model';
import { logLines } from '../../client/src/view/log-lines';
import { replaySteps } from '../../client/src/view/replay-steps';
import { playGame, translator } from '../helpers/engine-play';

const graph = diagramGraph();
const edge = (from: string, to: string) => graph.edges.find((e) => e.from === from && e.to === to)!;

describe('edge labels', () => {
  test.each([
    ['LISTEN', 'SYN_RCVD', ['rcv SYN', 'snd SYN,ACK'], ['收到 SYN', '发 SYN,ACK']],
    ['ESTABLISHED', 'FIN_WAIT_1', ['close()', 'snd FIN,ACK'], ['close()', '发 FIN,ACK']],
    ['CLOSED', 'SYN_SENT', ['connect()', 'snd SYN'], ['connect()', '发 SYN']],
    ['FIN_WAIT_2', 'TIME_WAIT', ['rcv FIN', 'snd ACK'], ['收到 FIN', '发 ACK']],
    ['TIME_WAIT', 'CLOSED', ['2MSL timeout'], ['2MSL 超时']],
    ['CLOSED', 'LISTEN', ['listen()'], ['listen()']],
  ])('%s -> %s', (from, to, en, zh) => {
    expect(edgeLabel(edge(from, to), 'en')).toEqual(en);
    expect(edgeLabel(edge(from, to), 'zh-CN')).toEqual(zh);
  });

  test('an edge several rows share names each, one line per row', () => {
    expect(edgeLabel(edge('SYN_SENT', 'CLOSED'), 'en')).toEqual(['rcv RST,ACK', 'close()']);
    expect(edgeLabel(edge('SYN_RCVD', 'ESTABLISHED'), 'en')).toEqual(['rcv ACK of SYN', 'rcv SYN,ACK']);
  });

  test('composing the segment by hand is the same step as its call: named once', () => {
    expect(edgeRows(edge('ESTABLISHED', 'FIN_WAIT_1')).map((r) => r.on)).toEqual(['call:close']);
  });

  test.each(LANGS)('every edge has a label in %s, every trigger and segment has words', (lang) => {
    for (const e of graph.edges) {
      const lines = edgeLabel(e, lang);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((l) => l.trim().length > 0)).toBe(true);
    }
    const t = DIAGRAM_TEXTS[lang];
    expect(Object.values(t.triggers).every((s) => s.length > 0)).toBe(true);
    expect(Object.entries(t.wire).every(([k, s]) => k === 'none' || s.length > 0)).toBe(true);
  });

  test('the Chinese labels hold no English words, the English no Chinese', () => {
    for (const e of graph.edges) {
      expect(edgeLabel(e, 'zh-CN').join(' ')).not.toMatch(/\b(rcv|snd|of|timeout|data|wrong)\b/);
      expect(edgeLabel(e, 'en').join(' ')).not.toMatch(/[\u3400-\u9fff]/);
    }
  });
});

describe('the row a change of state took', () => {
  test.each(SCENARIO_IDS)('%s: every change in the game has its row', (id) => {
    const { game } = playGame(id);
    const v = viewFor(game, 'client', game.result!.finishedAt);
    const m = ladderModel(v);
    for (const st of m.states) {
      if (st.from === null) continue;
      const row = takenRow(st.from, st.state, v.log[st.index]);
      expect(row).not.toBeNull();
      expect([row!.from, row!.to]).toEqual([st.from, st.state]);
    }
  });

  test('the handshake: rcv SYN,ACK / snd ACK for the client, rcv ACK of SYN for the server', () => {
    const { game } = playGame('three-way-handshake');
    const v = viewFor(game, 'client', game.result!.finishedAt);
    const m = ladderModel(v);
    const est = m.states.filter((s) => s.state === 'ESTABLISHED');
    const rows = est.map((s) => rowText(takenRow(s.from!, s.state, v.log[s.index])!, 'en'));
    expect(rows.sort()).toEqual(['rcv ACK of SYN', 'rcv SYN,ACK / snd ACK']);
  });
});

describe('replay steps', () => {
  const { game } = playGame('client-closes-first');
  const v = viewFor(game, 'client', game.result!.finishedAt);
  const m = ladderModel(v);
  const lines = logLines(v, 'en', translator('en'));
  const steps = replaySteps(v, m, lines);

  test('the start, then each event in order, every log entry in exactly one step', () => {
    expect(steps[0]).toMatchObject({ index: -1, states: { client: 'CLOSED', server: 'CLOSED' } });
    const shown = steps.flatMap((s) => s.lines);
    expect(shown).toEqual(lines);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.index).toBeGreaterThan(steps[i - 1]!.index);
    expect(steps.at(-1)!.index).toBe(v.log.length - 1);
  });

  test("each step's states follow the ladder, and its changes carry the row taken", () => {
    expect(steps.at(-1)!.states).toEqual({ client: 'CLOSED', server: 'CLOSED' });
    const fin = steps.find((s) => s.changes.some((c) => c.to === 'FIN_WAIT_1'))!;
    expect(fin.changes[0]!.row?.on).toBe('call:close');
    expect(fin.arrow).not.toBeNull();
    expect(m.arrows.find((a) => a.id === fin.arrow)!.segment.flags).toEqual(['FIN', 'ACK']);
    const tw = steps.find((s) => s.changes.some((c) => c.side === 'client' && c.to === 'TIME_WAIT'))!;
    expect(tw.states.client).toBe('TIME_WAIT');
    expect(tw.changes[0]!.row?.on).toBe('rcv:FIN');
  });

  test('an arrival explains itself: the step carries the explanation', () => {
    const arrival = steps.find((s) => s.lines.some((l) => l.explain));
    expect(arrival?.lines.find((l) => l.explain)?.explain?.length).toBeGreaterThan(20);
  });
});
