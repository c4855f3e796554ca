/** Plain class records for the pure class tests. */
import type { ResultRow } from '../../shared/class/class-types';

/** One student's result in one game: an empty game of round 1 unless `o` says otherwise. */
export function resultRow(playerId: string, nickname: string, o: Partial<ResultRow> = {}): ResultRow {
  return {
    round: 1,
    scenarioId: 'three-way-handshake',
    playerId,
    nickname,
    role: 'client',
    partner: null,
    points: 0,
    correct: 0,
    mistakes: 0,
    byCode: {},
    goalMet: false,
    timeMs: 0,
    ...o,
  };
}
