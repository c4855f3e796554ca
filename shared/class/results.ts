/**
 * A class's results: one row per student per game, and the leaderboards made from them (live
 * games count too, so the ranking moves while a round is played).
 */
import type { Game } from '../game/game-types';
import type { Side } from '../tcp/types';
import type { LeaderEntry, ResultRow, Student } from './class-types';

const SIDES: readonly Side[] = ['client', 'server'];

/** The rows of one game: one per human player who is (still) a student of the class. */
export function resultRows(g: Game, round: number, students: readonly Student[]): ResultRow[] {
  const bySession = new Map(students.map((s) => [s.sessionId, s]));
  const rows: ResultRow[] = [];
  for (const side of SIDES) {
    const sid = g.players[side];
    const st = sid === null ? undefined : bySession.get(sid);
    if (!st) continue;
    const other = side === 'client' ? 'server' : 'client';
    const partnerSid = g.players[other];
    const partner = partnerSid === null ? null : (bySession.get(partnerSid)?.nickname ?? g.nicknames[other]);
    const sc = g.score[side];
    const end = g.result?.finishedAt ?? g.createdAt;
    rows.push({
      round,
      scenarioId: g.scenarioId,
      playerId: st.playerId,
      nickname: st.nickname,
      role: side,
      partner,
      points: sc.points,
      correct: sc.correct,
      mistakes: sc.mistakes,
      byCode: { ...sc.byCode },
      goalMet: g.result?.goalMet ?? false,
      timeMs: Math.max(0, end - g.createdAt),
    });
  }
  return rows;
}

/**
 * The ranking of `rows` (points, then fewer mistakes), equal figures sharing a rank. Students
 * in `include` appear even without a row; rows of anyone else are left out when `include` is given.
 */
export function leaderboard(
  rows: readonly ResultRow[],
  include?: readonly { playerId: string; nickname: string }[],
): LeaderEntry[] {
  const sums = new Map<string, Omit<LeaderEntry, 'rank'>>();
  const add = (playerId: string, nickname: string) => {
    let e = sums.get(playerId);
    if (!e) {
      e = { playerId, nickname, points: 0, correct: 0, mistakes: 0, goals: 0 };
      sums.set(playerId, e);
    }
    return e;
  };
  const allowed = include ? new Set(include.map((s) => s.playerId)) : null;
  for (const s of include ?? []) add(s.playerId, s.nickname);
  for (const r of rows) {
    if (allowed && !allowed.has(r.playerId)) continue;
    const e = add(r.playerId, r.nickname);
    e.points += r.points;
    e.correct += r.correct;
    e.mistakes += r.mistakes;
    if (r.goalMet) e.goals++;
  }
  const sorted = [...sums.values()].sort(
    (x, y) => y.points - x.points || x.mistakes - y.mistakes || x.nickname.localeCompare(y.nickname),
  );
  const out: LeaderEntry[] = [];
  sorted.forEach((e, i) => {
    const prev = out[i - 1];
    const tie = prev && prev.points === e.points && prev.mistakes === e.mistakes;
    out.push({ ...e, rank: tie ? prev.rank : i + 1 });
  });
  return out;
}
