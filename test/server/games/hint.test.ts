import { errorText, noteText } from '../../../shared/i18n';
import { SCENARIO_TEXTS_EN } from '../../../shared/i18n/scenario-texts.en';
import { SCENARIO_TEXTS_ZH_CN } from '../../../shared/i18n/scenario-texts.zh-CN';
import { Harness, playOut } from '../../helpers/server-harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(async () => {
  await h.close();
});

test('practice with hints: the correct moves and why, each time from the right text', async () => {
  const c = await h.connect({ lang: 'en' });
  await c.must('practice:start', { scenario: 'three-way-handshake', role: 'client', hints: true });
  // the application wants to connect: the goal says why
  const first = await c.must('game:hint', {});
  expect(first.explain).toBe(SCENARIO_TEXTS_EN['three-way-handshake'].goal.client);
  expect(first.moves[0]).toMatchObject({ kind: 'segment', segment: { flags: ['SYN'], ack: 0, len: 0 } });
  const iss = first.moves[0]!.kind === 'segment' ? first.moves[0]!.segment.seq : -1;
  await c.must('game:move', { move: first.moves[0] });
  // nothing to do while the SYN flies
  const waiting = await c.must('game:hint', {});
  expect(waiting.moves).toEqual([]);
  // the bot's SYN,ACK arrives: the ACK is owed, and the arrival note explains it
  await playOut(h, [c], ([v]) => v!.you.record.owed === 'ack');
  const owed = await c.must('game:hint', {});
  const note = noteText('en', 'RCV_HANDSHAKE_DONE', {});
  expect(owed.explain).toContain(note.explain);
  expect(owed.moves).toEqual([
    {
      kind: 'segment',
      segment: { flags: ['ACK'], seq: (iss + 1) >>> 0, ack: c.view!.you.record.rcvNxt, len: 0, win: 65535 },
    },
  ]);
  await c.must('game:move', { move: owed.moves[0] });
});

test('the retransmission timer fired: the hint resends the lost SYN with the same seq', async () => {
  const c = await h.connect({ lang: 'zh-CN' });
  await c.must('practice:start', { scenario: 'lost-syn-or-syn-ack', role: 'client', hints: true });
  await c.must('game:move', { move: (await c.must('game:hint', {})).moves[0] });
  const seq = c.view!.you.record.iss;
  await playOut(h, [c], ([v]) => v!.you.mustRetransmit);
  const hint = await c.must('game:hint', {});
  expect(hint.explain).toBe(errorText('zh-CN', { code: 'RETRANSMIT_MISMATCH', state: 'SYN_SENT' }).explain);
  expect(hint.moves[0]).toMatchObject({ kind: 'segment', segment: { flags: ['SYN'], seq } });
});

test('the server role gets the listen() call and its goal in Chinese', async () => {
  const c = await h.connect({ lang: 'zh-CN' });
  await c.must('practice:start', { scenario: 'client-closes-first', role: 'server', hints: true });
  const hint = await c.must('game:hint', {});
  expect(hint).toEqual({
    moves: [{ kind: 'call', call: 'listen' }],
    explain: SCENARIO_TEXTS_ZH_CN['client-closes-first'].goal.server,
  });
});

test('without hints (practice without them, a game between two players) the answer is HINTS_OFF', async () => {
  const c = await h.connect({ lang: 'en' });
  await c.must('practice:start', { scenario: 'three-way-handshake', role: 'client' });
  const r = await c.request('game:hint', {});
  expect(r.ok ? null : r.error).toEqual({
    code: 'HINTS_OFF',
    message: 'Hints are only available in practice mode.',
  });
  await c.must('game:leave', {});
  const d = await h.connect();
  const { code } = await c.must('match:private:create', { scenario: 'three-way-handshake' });
  await d.must('match:private:join', { code });
  const s = await d.request('game:hint', {});
  expect(s.ok ? null : s.error.code).toBe('HINTS_OFF');
});
