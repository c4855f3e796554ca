/**
 * The big screen's and the misconception slides' pure parts, without a browser: where a pair
 * stands in the textbook's ladder from both states and the segments in flight, its status badge,
 * the class's tally, the stage's sentence, the slides of the misconceptions and their keys, and
 * that every projector text exists in both languages with the same placeholders.
 */
import type { PairProgress, SeatProgress } from '../../shared/class/class-types';
import { misconceptions } from '../../shared/class/misconceptions';
import { errorText } from '../../shared/i18n';
import { PROJECTOR_TEXTS, projectorText, type ProjectorKey } from '../../shared/i18n/projector-texts';
import type { ScenarioId } from '../../shared/scenarios/scenarios';
import type { FlagName, Side, TcpState } from '../../shared/tcp/types';
import { mistakeSlides, stepFor } from '../../client/src/class/slide-deck';
import {
  pairStatus,
  stageText,
  tally,
  textbookProgress,
  type ProgressInput,
} from '../../client/src/class/textbook-progress';

function input(
  client: TcpState | null,
  server: TcpState | null,
  more: Partial<ProgressInput> = {},
): ProgressInput {
  return { scenarioId: 'client-closes-first', client, server, goalMet: null, wire: [], ...more };
}

function flying(from: Side, flags: FlagName[], lost = false, len = 0): ProgressInput['wire'][number] {
  return { from, lost, segment: { flags, len } };
}

describe('the textbook ladder of a pair', () => {
  test('client closes first: seven steps, the client sends the first FIN', () => {
    const p = textbookProgress(input('CLOSED', 'LISTEN'));
    expect(p.steps.map((s) => `${s.from}:${s.flags}`)).toEqual([
      'client:SYN',
      'server:SYN,ACK',
      'client:ACK',
      'client:FIN',
      'server:ACK',
      'server:FIN',
      'client:ACK',
    ]);
    expect(p.closer).toBe('client');
    expect(p.done).toBe(0);
    expect(p.stage).toEqual({ kind: 'open', n: 0 });
  });

  test.each<[TcpState, TcpState, number, string]>([
    ['CLOSED', 'CLOSED', 0, 'open 0'],
    ['SYN_SENT', 'LISTEN', 0, 'open 0'],
    ['SYN_SENT', 'SYN_RCVD', 1, 'open 1'],
    ['ESTABLISHED', 'SYN_RCVD', 2, 'open 2'],
    ['ESTABLISHED', 'ESTABLISHED', 3, 'established'],
    ['FIN_WAIT_1', 'ESTABLISHED', 3, 'established'],
    ['FIN_WAIT_1', 'CLOSE_WAIT', 4, 'close 1'],
    ['FIN_WAIT_2', 'CLOSE_WAIT', 5, 'close 2'],
    ['FIN_WAIT_2', 'LAST_ACK', 5, 'close 2'],
    ['TIME_WAIT', 'LAST_ACK', 6, 'close 3'],
    ['TIME_WAIT', 'CLOSED', 7, 'time-wait'],
  ])('client %s, server %s: %i steps arrived (%s)', (c, s, done, stage) => {
    const p = textbookProgress(input(c, s));
    expect(p.done).toBe(done);
    const st = p.stage;
    const shown = st.kind === 'open' || st.kind === 'close' ? `${st.kind} ${st.n}` : st.kind;
    expect(shown).toBe(stage);
    expect(p.steps.filter((x) => x.fate === 'done')).toHaveLength(done);
  });

  test('both CLOSED: the start, unless the teardown met its goal', () => {
    expect(textbookProgress(input('CLOSED', 'CLOSED', { goalMet: null })).done).toBe(0);
    expect(textbookProgress(input('CLOSED', 'CLOSED', { goalMet: false })).done).toBe(0);
    const end = textbookProgress(input('CLOSED', 'CLOSED', { goalMet: true }));
    expect(end.done).toBe(7);
    expect(end.stage).toEqual({ kind: 'closed' });
  });

  test('the server closes first: the FIN comes from the server, whatever the plan says', () => {
    const planned = textbookProgress(
      input('ESTABLISHED', 'ESTABLISHED', { scenarioId: 'server-closes-first' }),
    );
    expect(planned.closer).toBe('server');
    const p = textbookProgress(input('CLOSE_WAIT', 'FIN_WAIT_2'));
    expect(p.closer).toBe('server');
    expect(p.steps[3]).toMatchObject({ from: 'server', flags: 'FIN', fate: 'done' });
    expect(p.steps[4]).toMatchObject({ from: 'client', flags: 'ACK', fate: 'done' });
    expect(p.done).toBe(5);
  });

  test.each<[ScenarioId, number]>([
    ['three-way-handshake', 3],
    ['old-segment-new-connection', 3],
    ['client-closes-first', 7],
    ['lost-last-ack', 7],
  ])('%s: %i steps', (scenarioId, n) => {
    expect(textbookProgress(input('CLOSED', 'LISTEN', { scenarioId })).steps).toHaveLength(n);
  });

  test('a handshake-only game ends established', () => {
    const p = textbookProgress(input('ESTABLISHED', 'ESTABLISHED', { scenarioId: 'three-way-handshake' }));
    expect(p.done).toBe(3);
    expect(p.closer).toBeNull();
    expect(p.stage).toEqual({ kind: 'established' });
  });

  test('a segment in flight marks its step; a lost one is marked lost', () => {
    const syn = textbookProgress(input('SYN_SENT', 'LISTEN', { wire: [flying('client', ['SYN'])] }));
    expect(syn.steps.map((s) => s.fate).slice(0, 2)).toEqual(['flying', 'todo']);
    const lost = textbookProgress(
      input('SYN_SENT', 'SYN_RCVD', { wire: [flying('server', ['SYN', 'ACK'], true)] }),
    );
    expect(lost.steps[1]!.fate).toBe('lost');
    // data in flight is no step of the picture; the FIN after it is
    const fin = textbookProgress(
      input('FIN_WAIT_1', 'ESTABLISHED', {
        wire: [flying('server', ['PSH', 'ACK'], false, 7), flying('client', ['FIN', 'ACK'])],
      }),
    );
    expect(fin.steps.map((s) => s.fate)).toEqual(['done', 'done', 'done', 'flying', 'todo', 'todo', 'todo']);
  });
});

function seat(state: TcpState): SeatProgress {
  return {
    playerId: 'p',
    nickname: 'n',
    state,
    points: 0,
    correct: 0,
    mistakes: 0,
    timers: { turn: null, rto: null, timeWait: null },
    canAct: false,
  };
}

function pair(more: Partial<PairProgress>): PairProgress {
  return {
    pairId: 'pair-1',
    gameId: 'g',
    scenarioId: 'three-way-handshake',
    scenarioIndex: 0,
    scenarioCount: 1,
    phase: 'playing',
    paused: false,
    frozen: false,
    client: seat('CLOSED'),
    server: seat('LISTEN'),
    wire: [],
    armed: { client: null, server: null },
    goalMet: null,
    ...more,
  };
}

describe('status, tally and stage', () => {
  test.each<[Partial<PairProgress>, ProjectorKey]>([
    [{}, 'statusPlaying'],
    [{ paused: true }, 'statusPaused'],
    [{ paused: true, frozen: true }, 'statusFrozen'],
    [{ phase: 'finished', goalMet: true }, 'statusGoalMet'],
    [{ phase: 'finished', goalMet: false }, 'statusGoalNotMet'],
    [{ phase: 'done', goalMet: true }, 'statusGoalMet'],
    [{ phase: 'done', goalMet: false }, 'statusGoalNotMet'],
  ])('%j: %s', (more, key) => {
    expect(pairStatus(pair(more)).key).toBe(key);
  });

  test('the tally counts finished pairs and goals met', () => {
    const pairs = [
      pair({}),
      pair({ phase: 'finished', goalMet: true }),
      pair({ phase: 'done', goalMet: false }),
      pair({ phase: 'done', goalMet: true }),
    ];
    expect(tally(pairs)).toEqual({ finished: 3, total: 4, met: 2 });
    expect(projectorText('en', 'screenTally', tally(pairs))).toBe('Finished: 3 of 4 · goal met: 2');
  });

  test('the stage in both languages, neutral', () => {
    expect(stageText('en', { kind: 'open', n: 2 })).toBe('Handshake: 2/3 segments arrived');
    expect(stageText('zh-CN', { kind: 'close', n: 1 })).toBe('四次挥手：已到达 1/4');
    expect(stageText('en', { kind: 'time-wait', side: 'client' })).toBe('Client waits 2MSL in TIME_WAIT');
    expect(stageText('zh-CN', { kind: 'time-wait', side: 'server' })).toBe('服务器在 TIME_WAIT 等待 2MSL');
  });
});

describe('misconception slides', () => {
  const list = misconceptions(
    [
      { playerId: 'a', byCode: { ACK_OFF_BY_ONE: 2, SEQ_REUSED: 1 } },
      { playerId: 'b', byCode: { ACK_OFF_BY_ONE: 1 } },
    ],
    'en',
  );

  test('one slide per mistake, most frequent first, with the textbook explanation in the language asked', () => {
    const en = mistakeSlides(list, 'en');
    expect(en.map((s) => [s.code, s.count, s.students])).toEqual([
      ['ACK_OFF_BY_ONE', 3, 2],
      ['SEQ_REUSED', 1, 1],
    ]);
    expect(en[0]!.title).toBe('ack = y instead of y+1');
    expect(en[0]!.explain).toContain('SYN and FIN each occupy one sequence number');
    const zh = mistakeSlides(list, 'zh-CN');
    expect(zh[0]!.title).toBe('ack 写成了 y，应为 y+1');
    expect(zh[0]!.explain).toBe(errorText('zh-CN', { code: 'ACK_OFF_BY_ONE', state: 'CLOSED' }).explain);
    for (const s of [...en, ...zh]) expect(s.explain).not.toMatch(/[{}?]/);
  });

  test.each<[string, number, number, number | null]>([
    ['ArrowRight', 0, 3, 1],
    ['ArrowRight', 2, 3, 2],
    ['ArrowLeft', 0, 3, 0],
    ['ArrowLeft', 2, 3, 1],
    ['PageDown', 1, 3, 2],
    ['Home', 2, 3, 0],
    ['End', 0, 3, 2],
    ['a', 0, 3, null],
    ['ArrowRight', 0, 0, null],
  ])('%s from %i of %i goes to %p', (key, i, n, to) => {
    expect(stepFor(key, i, n)).toBe(to);
  });
});

test('every projector text exists in both languages with the same placeholders', () => {
  const holes = (t: string) => (t.match(/\{\w+\}/g) ?? []).sort();
  for (const [k, en] of Object.entries(PROJECTOR_TEXTS.en)) {
    const zh = PROJECTOR_TEXTS['zh-CN'][k as ProjectorKey];
    expect({ k, zh: holes(zh) }).toEqual({ k, zh: holes(en) });
    expect(zh.trim()).not.toBe('');
  }
});
