/**
 * What a player must do next, in the one order the judge, the hint, the bot and the status line
 * all follow: a due retransmission, then the reply TCP owes (which may carry the application's
 * act, e.g. a FIN on the owed ACK), then the application's plan step; otherwise wait.
 */
import type { PlanStep } from '../scenarios/scenarios';
import type { Owed, Tcb } from '../tcp/types';
import type { GamePhase } from './game-types';

export type PlanIntent = PlanStep['intent'];

export type Duty =
  | { kind: 'finished' }
  | { kind: 'paused' }
  | { kind: 'wait' }
  | { kind: 'retransmit' }
  /** A reply is owed; `then` is the plan step that comes with or after it, if any. */
  | { kind: 'reply'; owed: Exclude<Owed, 'none'>; then: PlanIntent | null; piggyback: boolean }
  | { kind: 'plan'; intent: PlanIntent; bytesLeft?: number };

/** What the next duty is read from: a player's view has exactly these fields. */
export interface DutyInput {
  phase: GamePhase;
  paused: boolean;
  you: {
    canAct: boolean;
    record: Tcb;
    mustRetransmit: boolean;
    intent: { intent: PlanIntent; bytesLeft?: number; piggyback?: true } | null;
  };
}

/** The player's next duty, from its view (or the same fields of the game). */
export function nextDuty(v: DutyInput): Duty {
  if (v.phase === 'finished') return { kind: 'finished' };
  if (v.paused) return { kind: 'paused' };
  if (!v.you.canAct || v.phase !== 'playing') return { kind: 'wait' };
  if (v.you.mustRetransmit) return { kind: 'retransmit' };
  const i = v.you.intent;
  const owed = v.you.record.owed;
  if (owed !== 'none')
    return { kind: 'reply', owed, then: i?.intent ?? null, piggyback: i?.piggyback === true };
  if (i)
    return i.bytesLeft === undefined
      ? { kind: 'plan', intent: i.intent }
      : { kind: 'plan', intent: i.intent, bytesLeft: i.bytesLeft };
  return { kind: 'wait' };
}
