/**
 * The teaching texts of the TCP rules: one per error code, note code and state, in each language.
 * Placeholders in {braces} are filled in by the game:
 * - errors: {state} (the sender's state), {expected} and {given} (where the code provides them);
 * - notes: {state} (the receiver's state after arrival), {seq}, {ack}, {len}, {flags} of the
 *   arrived segment, and {rcvNxt} (the receiver's next expected number after processing);
 * - capture notes (the replay of captures only): the same as notes, for the segment judged, plus
 *   {ref} (the index of the segment the note refers to).
 */
import type { ArrivalNoteCode, CaptureNoteCode, JudgeErrorCode } from '../tcp/codes';
import type { TcpState } from '../tcp/types';

/** One teaching text: a short line for the log (with the numbers) and the explanation of why. */
export interface CodeText {
  message: string;
  explain: string;
}

export interface TcpTexts {
  errors: Record<JudgeErrorCode, CodeText>;
  notes: Record<ArrivalNoteCode, CodeText>;
  /** Why the judge of a capture accepted a segment the game refuses, or what it inferred. */
  captureNotes: Record<CaptureNoteCode, CodeText>;
  states: Record<TcpState, { name: string; description: string }>;
}
