/**
 * What the teacher's dashboard and a student's view show: the host sees every pair's progress by
 * public playerId; a student sees only its class, round, side and partner's nickname. Neither
 * carries a session id or the host token's hash.
 */
import type { ClassRoom, ResultRow } from '../../../shared/class/class-types';
import { CLASS_SCHEMA_VERSION } from '../../../shared/class/class-types';
import { buildHostView, liveRows, type ClassSnapshot } from '../../../shared/class/host-view';
import { buildStudentView } from '../../../shared/class/student-view';
import { applyMove, correctMoves, createGame, seatPlayer } from '../../../shared/game/game-engine';
import type { Game } from '../../../shared/game/game-types';
import { resultRow } from '../../helpers/class-fixtures';

const settings = { flightMs: 1000, turnMs: 20000, rtoMs: 5000, mslMs: 4000, synRcvdMs: 60000, botDelayMs: 0 };
const T0 = 10_000;
const HASH = 'f'.repeat(64);

function cls(): ClassRoom {
  return {
    schema: CLASS_SCHEMA_VERSION,
    version: 7,
    id: 'c1',
    code: 'ABC234',
    title: 'Networks',
    createdAt: 0,
    hostTokenHash: HASH,
    hostSessionId: 'sess-host',
    locked: false,
    students: [
      { sessionId: 'sess-a', playerId: 'pa', nickname: 'ann', joinedAt: 1 },
      { sessionId: 'sess-b', playerId: 'pb', nickname: 'bob', joinedAt: 2 },
      { sessionId: 'sess-c', playerId: 'pc', nickname: 'cat', joinedAt: 3 },
    ],
    kicked: [],
    pairing: { mode: 'arrival', rotate: true },
    plannedPairs: null,
    pastPairs: ['sess-a|sess-b'],
    round: {
      index: 1,
      config: {
        scenarios: ['three-way-handshake', 'client-closes-first'],
        level: 'partner',
        mslScale: 1,
        durationMs: 60_000,
        hints: false,
      },
      phase: 'playing',
      startedAt: T0,
      endsAt: T0 + 60_000,
      pausedAt: null,
      endedAt: null,
      pairs: [
        { id: 'pair-1', client: 'sess-a', server: 'sess-b', gameId: 'g1', scenarioIndex: 0, done: false },
        { id: 'pair-2', client: 'sess-c', server: null, gameId: 'g2', scenarioIndex: 0, done: false },
      ],
    },
    roundsPlayed: 0,
  };
}

function games(): Map<string, Game> {
  let g1 = createGame({
    id: 'g1',
    scenarioId: 'three-way-handshake',
    now: T0,
    seed: 1,
    settings,
    classId: 'c1',
  });
  g1 = seatPlayer(g1, 'client', 'sess-a', 'ann', T0);
  g1 = seatPlayer(g1, 'server', 'sess-b', 'bob', T0);
  // the server listens, the client connects: a SYN is in flight
  for (const side of ['server', 'client'] as const) {
    const r = applyMove(g1, side, correctMoves(g1, side, 100)[0]!, T0 + 10);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    g1 = r.game;
  }
  let g2 = createGame({
    id: 'g2',
    scenarioId: 'three-way-handshake',
    now: T0,
    seed: 2,
    settings,
    bot: { role: 'server', level: 'partner' },
    classId: 'c1',
  });
  g2 = seatPlayer(g2, 'client', 'sess-c', 'cat', T0);
  g2.score = {
    ...g2.score,
    client: { ...g2.score.client, mistakes: 2, byCode: { ACK_OFF_BY_ONE: 2 }, points: -4 },
  };
  return new Map([
    ['g1', g1],
    ['g2', g2],
  ]);
}

const recorded: ResultRow[] = [];

function snap(o: Partial<ClassSnapshot> = {}): ClassSnapshot {
  return { cls: cls(), games: games(), results: recorded, now: T0 + 20, ...o };
}

/** Every string anywhere in a value (keys too), as a set. */
function strings(v: unknown): Set<string> {
  const out = new Set<string>();
  JSON.stringify(v, (k, x: unknown) => {
    out.add(k);
    if (typeof x === 'string') out.add(x);
    return x;
  });
  return out;
}

const SECRETS = ['sess-host', 'sess-a', 'sess-b', 'sess-c', HASH];

describe('host view', () => {
  test('every pair with both seats, the wire, the roster with presence, the round', () => {
    const v = buildHostView(snap(), new Set(['sess-a', 'sess-c']), 'en', 'https://arena.example/join/ABC234');
    expect(v).toMatchObject({
      classId: 'c1',
      code: 'ABC234',
      joinUrl: 'https://arena.example/join/ABC234',
      title: 'Networks',
      locked: false,
      round: { index: 1, phase: 'playing', endsAt: T0 + 60_000 },
      roundsPlayed: 0,
      serverNow: T0 + 20,
    });
    expect(v.students.map((s) => [s.playerId, s.connected])).toEqual([
      ['pa', true],
      ['pb', false],
      ['pc', true],
    ]);
    const [p1, p2] = v.pairs;
    expect(p1).toMatchObject({
      pairId: 'pair-1',
      gameId: 'g1',
      scenarioId: 'three-way-handshake',
      scenarioIndex: 0,
      scenarioCount: 2,
      phase: 'playing',
      paused: false,
      client: { playerId: 'pa', nickname: 'ann', state: 'SYN_SENT' },
      server: { playerId: 'pb', nickname: 'bob', state: 'LISTEN' },
      goalMet: null,
    });
    expect(p1!.wire).toHaveLength(1);
    expect(p1!.wire[0]!.segment.flags).toEqual(['SYN']);
    expect(p2).toMatchObject({
      pairId: 'pair-2',
      client: { playerId: 'pc' },
      server: { playerId: null, nickname: 'bot' },
    });
  });

  test('misconceptions and leaderboards count the live games as well as recorded results', () => {
    const v = buildHostView(
      snap({
        results: [
          { ...resultRow('pa', 'ann'), points: 50, round: 0, byCode: { SEQ_REUSED: 1 }, mistakes: 1 },
        ],
      }),
      new Set(),
      'zh-CN',
      null,
    );
    expect(v.misconceptions.map((m) => [m.code, m.count, m.students])).toEqual([
      ['ACK_OFF_BY_ONE', 2, 1],
      ['SEQ_REUSED', 1, 1],
    ]);
    expect(v.misconceptions[0]!.text).toMatch(/[\u4e00-\u9fff]/);
    // the round's board has the round's three students; the total adds the earlier round
    expect(v.leaderboard.round.map((e) => e.playerId).sort()).toEqual(['pa', 'pb', 'pc']);
    expect(v.leaderboard.round.find((e) => e.playerId === 'pc')!.points).toBe(-4);
    const live = liveRows(snap());
    expect(live.map((r) => r.playerId).sort()).toEqual(['pa', 'pb', 'pc']);
    const paLive = live.find((r) => r.playerId === 'pa')!.points;
    expect(v.leaderboard.total.find((e) => e.playerId === 'pa')!.points).toBe(50 + paLive);
    expect(v.leaderboard.round.find((e) => e.playerId === 'pa')!.points).toBe(paLive);
  });

  test('planned pairs are shown by playerId', () => {
    const c = cls();
    c.round = null;
    c.plannedPairs = [
      { a: 'sess-a', b: 'sess-c' },
      { a: 'sess-b', b: null },
    ];
    const v = buildHostView(snap({ cls: c }), new Set(), 'en', null);
    expect(v.plannedPairs).toEqual([
      { a: 'pa', b: 'pc' },
      { a: 'pb', b: null },
    ]);
    expect(v.pairs).toEqual([]);
  });

  test('neither a session id nor the host token hash is in it', () => {
    const c = cls();
    c.plannedPairs = [
      { a: 'sess-a', b: 'sess-b' },
      { a: 'sess-c', b: null },
    ];
    const all = strings(buildHostView(snap({ cls: c }), new Set(['sess-a']), 'en', null));
    for (const s of SECRETS) expect(all.has(s)).toBe(false);
    // no text carries one either
    for (const x of all) for (const s of SECRETS) expect(x).not.toContain(s);
  });
});

describe('student view', () => {
  test('the student sees its side, its partner by nickname, the round with its countdown', () => {
    const s = snap();
    expect(buildStudentView(s, 'sess-b')).toEqual({
      classId: 'c1',
      code: 'ABC234',
      title: 'Networks',
      you: { playerId: 'pb', nickname: 'bob' },
      round: {
        index: 1,
        config: s.cls.round!.config,
        phase: 'playing',
        startedAt: T0,
        endsAt: T0 + 60_000,
        pausedAt: null,
      },
      pair: { role: 'server', partner: 'ann', scenarioIndex: 0, done: false },
      standing: null,
      serverNow: T0 + 20,
    });
    expect(buildStudentView(s, 'sess-c')!.pair).toEqual({
      role: 'client',
      partner: null,
      scenarioIndex: 0,
      done: false,
    });
  });

  test('no view for the host or a stranger', () => {
    expect(buildStudentView(snap(), 'sess-host')).toBeNull();
    expect(buildStudentView(snap(), 'sess-x')).toBeNull();
  });

  test("once the round ended the student sees its standing, and nobody else's", () => {
    const c = cls();
    c.round!.phase = 'ended';
    const v = buildStudentView(snap({ cls: c }), 'sess-c')!;
    expect(v.standing).toMatchObject({ playerId: 'pc', nickname: 'cat', points: -4, rank: 3 });
  });

  test('a student never sees a session id, the host token hash, or the other students', () => {
    for (const sid of ['sess-a', 'sess-b', 'sess-c']) {
      const c = cls();
      c.round!.phase = 'ended';
      for (const x of [snap(), snap({ cls: c })]) {
        const v = buildStudentView(x, sid)!;
        const all = strings(v);
        for (const s of SECRETS) for (const t of all) expect(t).not.toContain(s);
        const others = x.cls.students.filter((st) => st.sessionId !== sid);
        const partner = v.pair?.partner ?? null;
        for (const o of others) {
          expect(all.has(o.playerId)).toBe(false);
          if (o.nickname !== partner) expect(all.has(o.nickname)).toBe(false);
        }
      }
    }
  });
});
