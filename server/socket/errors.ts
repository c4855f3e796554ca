/** The server's error answers: codes from the shared protocol, texts in the player's language. */
import type { Lang } from '../../shared/i18n';
import { formatProtocolError } from '../../shared/i18n/protocol-texts';
import type { Ack, ErrorPayload, ServerErrorCode } from '../../shared/protocol/events';

/** Thrown by a handler to answer with a server error code; anything else thrown answers INTERNAL. */
export class ServerError extends Error {
  constructor(
    readonly code: ServerErrorCode,
    readonly detail?: string,
    /**
     * A write to the store failed in a way that does not tell whether it happened (a command that
     * timed out may still run): the answer must not say "nothing changed" (OUTCOME_UNKNOWN).
     */
    readonly maybeApplied = false,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'ServerError';
  }
}

/** The error payload of a server code, with its message in `lang`. */
export function protocolError(lang: Lang, code: ServerErrorCode, detail?: string): ErrorPayload {
  return { code, message: formatProtocolError(lang, code, detail) };
}

/** A successful answer. */
export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

/** A failed answer. */
export function fail<T>(error: ErrorPayload): Ack<T> {
  return { ok: false, error };
}
