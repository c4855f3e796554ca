/** What a student sees of the class: the round, their pair and side, their standing once it ended. */
import type { Side } from '../tcp/types';
import type { StudentView } from './class-types';
import { roundBoard, roundView, type ClassSnapshot } from './host-view';

/** What one student sees of the class (null when the session is not a student of it). */
export function buildStudentView(s: ClassSnapshot, sessionId: string): StudentView | null {
  const { cls } = s;
  const me = cls.students.find((st) => st.sessionId === sessionId);
  if (!me) return null;
  const r = cls.round;
  const p = r?.pairs.find((x) => x.client === sessionId || x.server === sessionId) ?? null;
  let pair: StudentView['pair'] = null;
  if (r && p) {
    const role: Side = p.client === sessionId ? 'client' : 'server';
    const partnerSid = role === 'client' ? p.server : p.client;
    const partner =
      partnerSid === null ? null : (cls.students.find((x) => x.sessionId === partnerSid)?.nickname ?? null);
    pair = { role, partner, scenarioIndex: p.scenarioIndex, done: p.done };
  }
  const standing =
    r?.phase === 'ended' ? (roundBoard(s).find((e) => e.playerId === me.playerId) ?? null) : null;
  return {
    classId: cls.id,
    code: cls.code,
    title: cls.title,
    you: { playerId: me.playerId, nickname: me.nickname },
    round: roundView(r),
    pair,
    standing,
    serverNow: s.now,
  };
}
