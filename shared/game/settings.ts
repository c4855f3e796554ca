/** Checking game settings: each time must be sensible alone and against the others. */
import type { GameSettings } from './game-types';

/** Problems with a set of game settings, in words; empty when they are fine. */
export function checkSettings(s: GameSettings): string[] {
  const out: string[] = [];
  const positive = ['flightMs', 'turnMs', 'rtoMs', 'mslMs', 'synRcvdMs'] as const;
  for (const k of positive) {
    if (!Number.isInteger(s[k]) || s[k] <= 0)
      out.push(`${k} must be a positive whole number of milliseconds`);
  }
  if (!Number.isInteger(s.botDelayMs) || s.botDelayMs < 0)
    out.push('botDelayMs must be 0 or more milliseconds');
  if (out.length) return out;
  if (s.rtoMs <= 2 * s.flightMs) out.push('rtoMs must be longer than a round trip (2 x flightMs)');
  if (2 * s.mslMs <= s.rtoMs + 2 * s.flightMs)
    out.push(
      'TIME_WAIT (2 x mslMs) must outlast a retransmission (rtoMs + 2 x flightMs), or a retransmitted FIN finds the connection gone',
    );
  if (s.synRcvdMs <= s.rtoMs) out.push('synRcvdMs must be longer than rtoMs');
  return out;
}
