/** Points of the game: for the steps of understanding a move shows, against mistakes (by error code) and forfeited turns. */
import type { JudgeErrorCode } from '../tcp/codes';

export const POINTS = {
  /**
   * Each scoring unit a move fulfils: a plan step done, the first acknowledgment of the peer's SYN
   * or FIN, an owed RST (later ACKs and retransmissions score nothing: a drop gives a duty, not a bonus).
   */
  correct: 10,
  /** Default penalty for a refused move. */
  mistake: 4,
  /** A turn that ran out (the correct move was played for the player). */
  forfeit: 6,
  /** A wrong bot segment answered the way TCP would. */
  caught: 15,
  /** Both sides reached the scenario's goal. */
  goal: 20,
} as const;

/**
 * Penalties that differ from the default: the classic misconceptions cost more, so the round
 * summary weighs what matters most.
 */
export const MISTAKE_PENALTY: Partial<Record<JudgeErrorCode, number>> = {
  ACK_OFF_BY_ONE: 6,
  SEQ_SKIPPED: 6,
  SEQ_PEER_SPACE: 6,
  ACK_OWN_SPACE: 6,
  SYN_ACK_MISSING_ACK: 6,
  BAD_SEGMENT: 2,
};
