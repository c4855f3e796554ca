/**
 * The teacher's dashboard and a student's view of the class, built from the stored class, the
 * round's games and the recorded results; nothing here reads a clock or a store.
 */
import { canAct } from '../game/game-engine';
import type { ArmedWire, Game } from '../game/game-types';
import { segmentView, viewFor } from '../game/game-view';
import type { Lang } from '../i18n';
import type { Side } from '../tcp/types';
import type {
  ArmedView,
  ClassRoom,
  HostView,
  LeaderEntry,
  PairProgress,
  ResultRow,
  Round,
  RoundPair,
  RoundView,
  SeatProgress,
} from './class-types';
import { misconceptions } from './misconceptions';
import { leaderboard, resultRows } from './results';

export interface ClassSnapshot {
  cls: ClassRoom;
  /** The games of the round's pairs that still exist, by id. */
  games: ReadonlyMap<string, Game>;
  /** Every result row recorded so far. */
  results: readonly ResultRow[];
  now: number;
}

/** The round as clients see it. */
export function roundView(r: Round | null): RoundView | null {
  if (!r) return null;
  return {
    index: r.index,
    config: r.config,
    phase: r.phase,
    startedAt: r.startedAt,
    endsAt: r.endsAt,
    pausedAt: r.pausedAt,
  };
}

/**
 * Rows of the round's games not recorded yet: a pair's current game is recorded when the pair
 * moves on from it, so until then its figures come from the live game.
 */
export function liveRows(s: ClassSnapshot): ResultRow[] {
  const r = s.cls.round;
  if (!r) return [];
  const out: ResultRow[] = [];
  for (const p of r.pairs) {
    if (p.done || p.gameId === null) continue;
    const g = s.games.get(p.gameId);
    if (g) out.push(...resultRows(g, r.index, s.cls.students));
  }
  return out;
}

function seatProgress(g: Game, side: Side, cls: ClassRoom): SeatProgress {
  const sid = g.players[side];
  const st = sid === null ? undefined : cls.students.find((x) => x.sessionId === sid);
  const sc = g.score[side];
  const tm = g.timers[side];
  return {
    playerId: st?.playerId ?? null,
    nickname: st?.nickname ?? g.nicknames[side],
    state: g.conn[side].state,
    points: sc.points,
    correct: sc.correct,
    mistakes: sc.mistakes,
    timers: { turn: tm.turn, rto: tm.rto, timeWait: tm.timeWait },
    canAct: canAct(g, side),
  };
}

function armedView(a: ArmedWire | null): ArmedView | null {
  if (!a) return null;
  const f = a.fired;
  return {
    action: a.action,
    armedAt: a.armedAt,
    fired: f && { at: f.at, segmentId: f.segmentId, segment: segmentView(f.segment) },
  };
}

function pairProgress(p: RoundPair, r: Round, s: ClassSnapshot): PairProgress {
  const g = p.gameId === null ? undefined : s.games.get(p.gameId);
  return {
    pairId: p.id,
    gameId: p.gameId,
    scenarioId: g?.scenarioId ?? r.config.scenarios[p.scenarioIndex] ?? null,
    scenarioIndex: p.scenarioIndex,
    scenarioCount: r.config.scenarios.length,
    phase: p.done ? 'done' : g?.phase === 'finished' ? 'finished' : 'playing',
    paused: g ? g.pausedAt !== null : r.phase === 'paused',
    frozen: p.frozen === true && !p.done,
    client: g ? seatProgress(g, 'client', s.cls) : null,
    server: g ? seatProgress(g, 'server', s.cls) : null,
    wire: g ? viewFor(g, 'client', s.now).wire : [],
    armed: { client: g ? armedView(g.armed.client) : null, server: g ? armedView(g.armed.server) : null },
    goalMet: g?.result ? g.result.goalMet : null,
  };
}

/** Students by playerId and nickname, for leaderboards. */
function people(cls: ClassRoom, only?: ReadonlySet<string>): { playerId: string; nickname: string }[] {
  return cls.students
    .filter((st) => !only || only.has(st.sessionId))
    .map((st) => ({ playerId: st.playerId, nickname: st.nickname }));
}

/** The round's leaderboard (recorded and live figures of the round's students). */
export function roundBoard(s: ClassSnapshot): LeaderEntry[] {
  const r = s.cls.round;
  if (!r) return [];
  const inRound = new Set(
    r.pairs.flatMap((p) => [p.client, p.server]).filter((x): x is string => x !== null),
  );
  const rows = [...s.results.filter((x) => x.round === r.index), ...liveRows(s)];
  return leaderboard(rows, people(s.cls, inRound));
}

/** What the teacher's dashboard shows; `connected` holds the session ids with an open connection. */
export function buildHostView(
  s: ClassSnapshot,
  connected: ReadonlySet<string>,
  lang: Lang,
  joinUrl: string | null,
): HostView {
  const { cls } = s;
  const pidOf = new Map(cls.students.map((st) => [st.sessionId, st.playerId]));
  const live = liveRows(s);
  return {
    classId: cls.id,
    code: cls.code,
    joinUrl,
    title: cls.title,
    locked: cls.locked,
    pairing: cls.pairing,
    students: cls.students.map((st) => ({
      playerId: st.playerId,
      nickname: st.nickname,
      connected: connected.has(st.sessionId),
      joinedAt: st.joinedAt,
    })),
    plannedPairs:
      cls.plannedPairs?.map((p) => ({
        a: pidOf.get(p.a) ?? p.a,
        b: p.b === null ? null : (pidOf.get(p.b) ?? p.b),
      })) ?? null,
    round: roundView(cls.round),
    pairs: cls.round ? cls.round.pairs.map((p) => pairProgress(p, cls.round!, s)) : [],
    misconceptions: misconceptions([...s.results, ...live], lang),
    leaderboard: {
      round: roundBoard(s),
      total: leaderboard([...s.results, ...live], people(cls)),
    },
    roundsPlayed: cls.roundsPlayed,
    serverNow: s.now,
  };
}
