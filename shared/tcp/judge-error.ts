/** The refusal the judge gives: a stable code, the field, expected and given values. */
import type { ErrorField, JudgeErrorCode } from './codes';
import type { TcpState } from './types';

export interface JudgeError {
  readonly code: JudgeErrorCode;
  /** The sender's state when the move was refused. */
  readonly state: TcpState;
  readonly field?: ErrorField;
  readonly expected?: number | string;
  readonly given?: number | string;
}

/** Builds a refusal. */
export function refuse(
  code: JudgeErrorCode,
  state: TcpState,
  field?: ErrorField,
  expected?: number | string,
  given?: number | string,
): { ok: false; error: JudgeError } {
  const error: { -readonly [K in keyof JudgeError]: JudgeError[K] } = { code, state };
  if (field !== undefined) error.field = field;
  if (expected !== undefined) error.expected = expected;
  if (given !== undefined) error.given = given;
  return { ok: false, error };
}
