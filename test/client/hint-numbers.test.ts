/**
 * The hint's explanation in relative numbering: the client writes the server's words again with x
 * and y (replyExplain), and in absolute numbering says exactly what the server's hint says, at
 * every reply owed in every scenario played as the textbook; the projector's answer explains in x
 * and y too, and the spectator's lines number segments as the projector does.
 */
import type { Game } from '../../shared/game/game-types';
import { viewFor, type GameView } from '../../shared/game/game-view';
import type { WatchView } from '../../shared/protocol/events';
import { SCENARIO_IDS } from '../../shared/scenarios/scenarios';
import type { Side } from '../../shared/tcp/types';
import { hintExplain } from '../../server/games/game-texts';
import { questionFor } from '../../client/src/class/projector-question';
import { spectatorLines } from '../../client/src/class/spectator-lines';
import { replyExplain } from '../../client/src/view/log-lines';
import { numberingOf } from '../../client/src/view/numbering';
import { playGame, translator } from '../helpers/engine-play';

interface Owed {
  game: Game;
  side: Side;
  view: GameView;
}

/** Every moment of a scenario played as the textbook at which a side owes a reply to an arrival. */
function owedReplies(id: (typeof SCENARIO_IDS)[number]): Owed[] {
  const out: Owed[] = [];
  playGame(id, (g, side, m) => {
    const at = g.log.at(-1)?.t ?? 0;
    const view = viewFor(g, side, at);
    if (view.you.record.owed !== 'none') out.push({ game: g, side, view });
    return m;
  });
  return out;
}

describe.each(SCENARIO_IDS.map((id) => [id]))('%s', (id) => {
  const owed = owedReplies(id);

  test('in absolute numbers, the same words as the server hint', () => {
    for (const o of owed)
      for (const lang of ['en', 'zh-CN'] as const) {
        const local = replyExplain(lang, o.view, numberingOf(o.view, 'absolute'));
        if (local !== null) expect(local).toBe(hintExplain(lang, o.game, o.side));
      }
  });

  test('in relative numbers, no number of either ISN is left absolute', () => {
    for (const o of owed) {
      const num = numberingOf(o.view, 'relative');
      const local = replyExplain('en', o.view, num);
      if (local === null) continue;
      const isns = [num.isn.client, num.isn.server].filter((x): x is number => x !== null);
      for (const isn of isns)
        for (const n of [isn, isn + 1])
          expect({ local, n }).toEqual({ local: expect.not.stringMatching(new RegExp(`\\b${n}\\b`)), n });
    }
  });
});

test('the SYN,ACK owed: "x+1" in the hint, as the textbook writes it', () => {
  const o = owedReplies('three-way-handshake').find((x) => x.side === 'server')!;
  const rel = replyExplain('en', o.view, numberingOf(o.view, 'relative'))!;
  const abs = replyExplain('en', o.view, numberingOf(o.view, 'absolute'))!;
  expect(abs).toMatch(/1001/);
  expect(rel).not.toMatch(/1000|1001/);
  expect(rel).toMatch(/x\+1/);
});

test("the projector's answer explains in x and y", () => {
  const o = owedReplies('three-way-handshake').find((x) => x.side === 'server')!;
  const client = viewFor(o.game, 'client', o.view.serverNow);
  const w: WatchView = { pairId: 'p1', client, server: o.view };
  const q = questionFor(w, 'en')!;
  expect(q.side).toBe('server');
  expect(q.answer).toBe('Answer: the server sends SYN,ACK seq=y ack=x+1');
  expect(q.explain).toMatch(/x\+1/);
  expect(q.explain).not.toMatch(/1001/);
});

test('the spectator numbers segments as the projector does', () => {
  const { game } = playGame('three-way-handshake');
  const at = game.result!.finishedAt;
  const w: WatchView = {
    pairId: 'p1',
    client: viewFor(game, 'client', at),
    server: viewFor(game, 'server', at),
  };
  const lines = spectatorLines(w, translator('en')).filter((l) => l.tone === 'send');
  expect(lines.map((l) => l.text.replace(/ \(.*\)/, ''))).toEqual([
    expect.stringContaining('SYN seq=x'),
    expect.stringContaining('SYN,ACK seq=y ack=x+1'),
    expect.stringContaining('ACK seq=x+1 ack=y+1'),
  ]);
});
