/**
 * Stable codes the rules speak in. Error codes refuse a move; note codes describe what happened
 * when a segment arrived. Every code has a teaching text in each language (shared/i18n).
 */

/** Why a sent segment or an application call is refused. */
export const JUDGE_ERROR_CODES = [
  // the segment itself
  'BAD_SEGMENT',
  'FLAGS_CONFLICT',
  'SYN_WITH_DATA',
  // what the state allows
  'REPLY_OWED',
  'NOT_SYNCHRONIZED',
  'FIRST_SYN_HAS_ACK',
  'SYN_NOT_ALLOWED',
  'SYN_ACK_UNPROMPTED',
  'SYN_ACK_MISSING_ACK',
  'SYN_SEQ_CHANGED',
  'MISSING_ACK_FLAG',
  'DATA_AFTER_FIN',
  'FIN_ALREADY_SENT',
  'DATA_EXCEEDS_WINDOW',
  'RETRANSMIT_MISMATCH',
  // sequence number
  'SEQ_SKIPPED',
  'SEQ_REUSED',
  'SEQ_PEER_SPACE',
  // acknowledgment number
  'ACK_OFF_BY_ONE',
  'ACK_OWN_SPACE',
  'ACK_AHEAD',
  'ACK_BEHIND',
  // resets
  'RST_NOTHING_TO_RESET',
  'RST_SEQ_WRONG',
  'RST_ACK_WRONG',
  // application calls
  'CALL_LISTEN_NOT_CLOSED',
  'CALL_CONNECT_NOT_CLOSED',
  'CALL_CLOSE_NOT_OPEN',
  'CALL_CLOSE_TWICE',
  'CALL_SEND_NOT_OPEN',
  'CALL_SEND_AFTER_CLOSE',
  'CALL_SEND_BAD_LENGTH',
  'CALL_ABORT_NOTHING',
] as const;
export type JudgeErrorCode = (typeof JUDGE_ERROR_CODES)[number];

/** What the receiving side did with an arriving segment (arrival is never refused). */
export const ARRIVAL_NOTE_CODES = [
  'RCV_SYN_LISTEN',
  'RCV_NO_LISTENER',
  'RCV_STRAY_SEGMENT',
  'RCV_BAD_SYN_ACK',
  'RCV_REFUSED',
  'RCV_HANDSHAKE_DONE',
  'RCV_SIMULTANEOUS_OPEN',
  'RCV_RESET',
  'RCV_RESET_TO_LISTEN',
  'RCV_RST_IGNORED',
  'RCV_RST_CHALLENGE',
  'RCV_SYN_CHALLENGE',
  'RCV_DUPLICATE',
  'RCV_OUT_OF_WINDOW',
  'RCV_OUT_OF_ORDER',
  'RCV_ACK_UNSENT',
  'RCV_NO_ACK_DROPPED',
  'RCV_DATA',
  'RCV_ACK',
  'RCV_FIN',
  'RCV_FIN_ACKED',
  'RCV_SIMULTANEOUS_CLOSE',
  'RCV_TIME_WAIT',
  'RCV_TIME_WAIT_RESTART',
  'RCV_CLOSED',
  'RCV_IGNORED',
] as const;
export type ArrivalNoteCode = (typeof ARRIVAL_NOTE_CODES)[number];

/**
 * Why the judge of a capture accepts a segment the game's judge would refuse, or what it inferred
 * about one: a capture shows what one point of a real path saw, not what each end received. Only
 * the capture mode (shared/trace/replay.ts) speaks in these; the game never does.
 */
export const CAPTURE_NOTE_CODES = [
  // a segment a side sent
  'CAP_KEEPALIVE',
  'CAP_SYN_DATA',
  'CAP_FAST_OPEN_TAKEN',
  'CAP_FAST_OPEN_REFUSED',
  'CAP_FAST_OPEN_EARLY_DATA',
  'CAP_OLD_SEGMENT',
  'CAP_ACK_INSIDE',
  'CAP_RENEGED',
  'CAP_NOT_ARRIVED',
  'CAP_RESENDS_LOST',
  'CAP_NOT_CAPTURED',
  'CAP_FILLS_GAP',
  'CAP_REPACKETIZED',
  'CAP_ALREADY_ACKED',
  'CAP_RST_AFTER_CLOSE',
  'CAP_BIG_SEGMENT',
  'CAP_EARLIER_CONNECTION',
  // what a receiver did with an arriving segment
  'CAP_HELD',
  'CAP_GAP_FILLED',
  'CAP_SYN_DATA_WAITS',
  // a segment the capture holds that never arrived
  'CAP_LOST',
] as const;
export type CaptureNoteCode = (typeof CAPTURE_NOTE_CODES)[number];

/** Which part of a move an error is about, so a client can point at the field. */
export type ErrorField = 'flags' | 'seq' | 'ack' | 'len' | 'win' | 'call';
