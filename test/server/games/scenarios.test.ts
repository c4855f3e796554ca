import type { GameView } from '../../../shared/game/game-view';
import { SCENARIO_IDS, SCENARIOS, type ScenarioId } from '../../../shared/scenarios/scenarios';
import { peerOf, type Side } from '../../../shared/tcp/types';
import { Harness, playOut, type TestClient } from '../../helpers/server-harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(async () => {
  await h.close();
});

/** Both ends in the scenario's goal states, as this player sees them. */
function expectGoal(id: ScenarioId, v: GameView | null): void {
  expect(v).not.toBeNull();
  const view = v!;
  expect(view.phase).toBe('finished');
  expect(view.result?.goalMet).toBe(true);
  expect(SCENARIOS[id].goal[view.role]).toContain(view.you.record.state);
  expect(SCENARIOS[id].goal[peerOf(view.role)]).toContain(view.peer.state);
}

/** Two new players in a private game of `id`, the first one playing `creatorRole`. */
async function pair(id: ScenarioId, creatorRole: Side): Promise<[TestClient, TestClient]> {
  const a = await h.connect({ lang: 'en' });
  const b = await h.connect({ lang: 'zh-CN' });
  const created = await a.must('match:private:create', { scenario: id, role: creatorRole });
  expect(created.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
  const joined = await b.must('match:private:join', { code: created.code.toLowerCase() });
  expect(joined.game.role).toBe(peerOf(creatorRole));
  return [a, b];
}

describe.each(SCENARIO_IDS.map((id) => [id]))('%s', (id) => {
  test.each([['client'], ['server']] as const)(
    'two players, the first one creating as %s, reach the goal',
    async (role) => {
      const [a, b] = await pair(id, role);
      await playOut(h, [a, b]);
      expectGoal(id, a.view);
      expectGoal(id, b.view);
      expect(a.view!.you.score.mistakes + b.view!.you.score.mistakes).toBe(0);
      // the finished view is enough for a round summary: result, both scores and the log's end
      expect(a.view!.peer.score.points).toBe(b.view!.you.score.points);
      expect(a.view!.log.at(-1)).toMatchObject({ type: 'end', goalMet: true });
      a.close();
      b.close();
    },
  );

  test.each([['client'], ['server']] as const)(
    'one player as %s against the bot reaches the goal',
    async (role) => {
      const p = await h.connect();
      const started = await p.must('practice:start', { scenario: id, role });
      expect(started.game.role).toBe(role);
      expect(started.game.bot).toEqual({ role: peerOf(role), level: 'partner' });
      await playOut(h, [p]);
      expectGoal(id, p.view);
      p.close();
    },
  );
});
