/** Table of segments a side sends, per state: what the judge accepts and what it refuses, with the code. */
import type { JudgeErrorCode } from '../../shared/tcp/codes';
import type { Segment, Tcb, TcpState } from '../../shared/tcp/types';
import { R, seg } from './records';

export interface SendCase {
  name: string;
  tcb: Tcb;
  segment: Segment;
  /** The state after an accepted send, or the refusal code. */
  expect:
    { state: TcpState; retransmission?: boolean } | { code: JudgeErrorCode; expected?: number | string };
}

const c = (name: string, tcb: Tcb, segment: Segment, expect: SendCase['expect']): SendCase => ({
  name,
  tcb,
  segment,
  expect,
});

export const SEND_CASES: Record<TcpState | 'any', SendCase[]> = {
  any: [
    c('seq above 2^32-1', R.established, seg('ACK', 2 ** 32, 5001), { code: 'BAD_SEGMENT' }),
    c('negative ack', R.established, seg('ACK', 1001, -1), { code: 'BAD_SEGMENT' }),
    c('fractional length', R.established, seg('PSH,ACK', 1001, 5001, 1.5), { code: 'BAD_SEGMENT' }),
    c('length above 65535', R.established, seg('PSH,ACK', 1001, 5001, 70000), { code: 'BAD_SEGMENT' }),
    c('SYN with FIN', R.closed, seg('SYN,FIN', 1000, 0), { code: 'FLAGS_CONFLICT' }),
    c('RST with FIN', R.established, seg('RST,FIN', 1001, 5001), { code: 'FLAGS_CONFLICT' }),
  ],
  CLOSED: [
    c('SYN opens (connect)', R.closed, seg('SYN', 1000, 0), { state: 'SYN_SENT' }),
    c('SYN at ISN 2^32-1', R.closed, seg('SYN', 0xffffffff, 0), { state: 'SYN_SENT' }),
    c('SYN carrying data', R.closed, seg('SYN', 1000, 0, 10), { code: 'SYN_WITH_DATA' }),
    c('first SYN with ACK', R.closed, seg('SYN,ACK', 1000, 0), { code: 'FIRST_SYN_HAS_ACK' }),
    c('ACK with no connection', R.closed, seg('ACK', 1000, 1), { code: 'NOT_SYNCHRONIZED' }),
    c('RST with nothing to reset', R.closed, seg('RST', 1000, 0), { code: 'RST_NOTHING_TO_RESET' }),
    c('refusing a SYN: RST,ACK seq 0 ack x+1', R.closedOwesRstAck, seg('RST,ACK', 0, 1001), {
      state: 'CLOSED',
    }),
    c('refusing a SYN: ack x', R.closedOwesRstAck, seg('RST,ACK', 0, 1000), {
      code: 'RST_ACK_WRONG',
      expected: 1001,
    }),
    c('refusing a SYN: RST without ACK', R.closedOwesRstAck, seg('RST', 0, 1001), { code: 'RST_ACK_WRONG' }),
    c('refusing a SYN: seq not 0', R.closedOwesRstAck, seg('RST,ACK', 1001, 1001), {
      code: 'RST_SEQ_WRONG',
      expected: 0,
    }),
    c('connect while an RST is owed', R.closedOwesRstAck, seg('SYN', 1, 0), { code: 'REPLY_OWED' }),
    c('stray SYN,ACK answered: RST seq = its ack', R.closedOwesRst, seg('RST', 1001, 0), { state: 'CLOSED' }),
    c('stray SYN,ACK answered with a wrong seq', R.closedOwesRst, seg('RST', 1002, 0), {
      code: 'RST_SEQ_WRONG',
      expected: 1001,
    }),
    c('ACK while an RST is owed', R.closedOwesRst, seg('ACK', 1, 1), { code: 'REPLY_OWED' }),
  ],
  LISTEN: [
    c('SYN from LISTEN', R.listen, seg('SYN', 5000, 0), { code: 'SYN_NOT_ALLOWED' }),
    c('SYN,ACK before any SYN', R.listen, seg('SYN,ACK', 5000, 1001), { code: 'SYN_ACK_UNPROMPTED' }),
    c('RST with nothing to reset', R.listen, seg('RST', 5000, 0), { code: 'RST_NOTHING_TO_RESET' }),
    c('RST answering a stray ACK', R.listenOwesRst, seg('RST', 7777, 0), { state: 'LISTEN' }),
    c('data while listening', R.listen, seg('PSH,ACK', 5000, 1001, 3), { code: 'NOT_SYNCHRONIZED' }),
  ],
  SYN_SENT: [
    c('retransmitted SYN, same seq', R.synSent, seg('SYN', 1000, 0), {
      state: 'SYN_SENT',
      retransmission: true,
    }),
    c('retransmitted SYN with a new seq', R.synSent, seg('SYN', 1001, 0), {
      code: 'SYN_SEQ_CHANGED',
      expected: 1000,
    }),
    c("SYN,ACK before the peer's SYN", R.synSent, seg('SYN,ACK', 1000, 5001), { code: 'SYN_ACK_UNPROMPTED' }),
    c('ACK before the SYN,ACK arrived', R.synSent, seg('ACK', 1001, 5001), { code: 'NOT_SYNCHRONIZED' }),
    c('RST answering a bad SYN,ACK', R.synSentOwesRst, seg('RST', 9999, 0), { state: 'SYN_SENT' }),
  ],
  SYN_RCVD: [
    c('SYN,ACK y, x+1', R.synRcvdOwes, seg('SYN,ACK', 5000, 1001), { state: 'SYN_RCVD' }),
    c('SYN,ACK any ISN, even at 2^32-1', R.synRcvdOwes, seg('SYN,ACK', 0xffffffff, 1001), {
      state: 'SYN_RCVD',
    }),
    c('SYN,ACK acking x instead of x+1', R.synRcvdOwes, seg('SYN,ACK', 5000, 1000), {
      code: 'ACK_OFF_BY_ONE',
      expected: 1001,
    }),
    c('SYN,ACK acking x+2', R.synRcvdOwes, seg('SYN,ACK', 5000, 1002), { code: 'ACK_AHEAD', expected: 1001 }),
    c('SYN,ACK acking far behind', R.synRcvdOwes, seg('SYN,ACK', 5000, 900), {
      code: 'ACK_BEHIND',
      expected: 1001,
    }),
    c('SYN alone instead of SYN,ACK', R.synRcvdOwes, seg('SYN', 5000, 0), { code: 'SYN_ACK_MISSING_ACK' }),
    c('ACK alone instead of SYN,ACK', R.synRcvdOwes, seg('ACK', 5000, 1001), {
      code: 'REPLY_OWED',
      expected: 'SYN,ACK',
    }),
    c('abort before answering', R.synRcvdOwes, seg('RST,ACK', 5000, 1001), { code: 'REPLY_OWED' }),
    c('retransmitted SYN,ACK, same ISN', R.synRcvd, seg('SYN,ACK', 5000, 1001), {
      state: 'SYN_RCVD',
      retransmission: true,
    }),
    c('retransmitted SYN,ACK with a new ISN', R.synRcvd, seg('SYN,ACK', 5003, 1001), {
      code: 'SYN_SEQ_CHANGED',
      expected: 5000,
    }),
    c('SYN,ACK ack taken from own ISN', R.synRcvd, seg('SYN,ACK', 5000, 5001), {
      code: 'ACK_OWN_SPACE',
      expected: 1001,
    }),
    c('data before established', R.synRcvd, seg('PSH,ACK', 5001, 1001, 5), { code: 'NOT_SYNCHRONIZED' }),
    c('FIN in SYN_RCVD (close)', R.synRcvd, seg('FIN,ACK', 5001, 1001), { state: 'FIN_WAIT_1' }),
    c('abort: RST at SND.NXT', R.synRcvd, seg('RST', 5001, 0), { state: 'CLOSED' }),
    c('pure ACK while the SYN,ACK is unacknowledged', R.synRcvd, seg('ACK', 5001, 1001), {
      state: 'SYN_RCVD',
    }),
    c(
      'RST answering an ACK of nothing sent',
      { ...R.synRcvd, owed: 'rst', owedSeq: 4000 },
      seg('RST', 4000, 0),
      { state: 'SYN_RCVD' },
    ),
  ],
  ESTABLISHED: [
    c('pure ACK', R.established, seg('ACK', 1001, 5001), { state: 'ESTABLISHED' }),
    c('ACK owed after data', R.establishedOwesAck, seg('ACK', 1001, 5011), { state: 'ESTABLISHED' }),
    c('ACK off by one after data', R.establishedOwesAck, seg('ACK', 1001, 5010), {
      code: 'ACK_OFF_BY_ONE',
      expected: 5011,
    }),
    c('ACK of the last byte plus one', R.establishedOwesAck, seg('ACK', 1001, 5012), { code: 'ACK_AHEAD' }),
    c('ACK numbered with own seq', R.establishedOwesAck, seg('ACK', 1001, 1001), { code: 'ACK_OWN_SPACE' }),
    c('ACK without the ACK flag', R.established, seg('PSH', 1001, 5001, 4), { code: 'MISSING_ACK_FLAG' }),
    c('bare segment without flags', R.established, seg('', 1001, 5001), { code: 'MISSING_ACK_FLAG' }),
    c('data at SND.NXT', R.established, seg('PSH,ACK', 1001, 5001, 100), { state: 'ESTABLISHED' }),
    c('data without PSH', R.established, seg('ACK', 1001, 5001, 100), { state: 'ESTABLISHED' }),
    c('data skipping a number', R.established, seg('PSH,ACK', 1002, 5001, 100), {
      code: 'SEQ_SKIPPED',
      expected: 1001,
    }),
    c('data at ISN again', R.established, seg('PSH,ACK', 1000, 5001, 100), {
      code: 'SEQ_REUSED',
      expected: 1001,
    }),
    c('seq taken from the peer (its ack)', R.established, seg('ACK', 5001, 5001), {
      code: 'SEQ_PEER_SPACE',
      expected: 1001,
    }),
    c('exactly a whole window of data', R.established, seg('PSH,ACK', 1001, 5001, 65535), {
      state: 'ESTABLISHED',
    }),
    c('data beyond the window', R.establishedInFlight, seg('PSH,ACK', 1101, 5001, 65500), {
      code: 'DATA_EXCEEDS_WINDOW',
      expected: 65435,
    }),
    c('retransmit in-flight data', R.establishedInFlight, seg('PSH,ACK', 1001, 5001, 100), {
      state: 'ESTABLISHED',
      retransmission: true,
    }),
    c('retransmit part of in-flight data', R.establishedInFlight, seg('PSH,ACK', 1051, 5001, 50), {
      state: 'ESTABLISHED',
      retransmission: true,
    }),
    c('retransmit past what was sent', R.establishedInFlight, seg('PSH,ACK', 1051, 5001, 80), {
      code: 'RETRANSMIT_MISMATCH',
    }),
    c('SYN on an open connection', R.established, seg('SYN', 1001, 0), { code: 'SYN_NOT_ALLOWED' }),
    c('SYN,ACK on an open connection', R.established, seg('SYN,ACK', 1000, 5001), {
      code: 'SYN_NOT_ALLOWED',
    }),
    c('FIN (close)', R.established, seg('FIN,ACK', 1001, 5001), { state: 'FIN_WAIT_1' }),
    c('FIN with seq x+2 and no data (seed 001)', R.established, seg('FIN,ACK', 1002, 5001), {
      code: 'SEQ_SKIPPED',
      expected: 1001,
    }),
    c('FIN with data', R.established, seg('FIN,PSH,ACK', 1001, 5001, 20), { state: 'FIN_WAIT_1' }),
    c('FIN acking the wrong number', R.established, seg('FIN,ACK', 1001, 5000), { code: 'ACK_OFF_BY_ONE' }),
    c('abort: RST,ACK at SND.NXT', R.established, seg('RST,ACK', 1001, 5001), { state: 'CLOSED' }),
    c('abort: RST at a wrong seq', R.established, seg('RST', 1005, 0), {
      code: 'RST_SEQ_WRONG',
      expected: 1001,
    }),
    c('abort: RST,ACK with a wrong ack', R.established, seg('RST,ACK', 1001, 5003), { code: 'ACK_AHEAD' }),
  ],
  FIN_WAIT_1: [
    c('ACK after own FIN uses seq x+2', R.finWait1, seg('ACK', 1002, 5001), { state: 'FIN_WAIT_1' }),
    c('ACK after own FIN with seq x+1', R.finWait1, seg('ACK', 1001, 5001), {
      code: 'SEQ_REUSED',
      expected: 1002,
    }),
    c('retransmitted FIN', R.finWait1, seg('FIN,ACK', 1001, 5001), {
      state: 'FIN_WAIT_1',
      retransmission: true,
    }),
    c('a second FIN', R.finWait1, seg('FIN,ACK', 1002, 5001), { code: 'FIN_ALREADY_SENT' }),
    c('data after FIN', R.finWait1, seg('PSH,ACK', 1002, 5001, 5), { code: 'DATA_AFTER_FIN' }),
  ],
  FIN_WAIT_2: [
    c('ACK', R.finWait2, seg('ACK', 1002, 5001), { state: 'FIN_WAIT_2' }),
    c('FIN again after it was acknowledged', R.finWait2, seg('FIN,ACK', 1001, 5001), {
      code: 'FIN_ALREADY_SENT',
    }),
    c('data after FIN', R.finWait2, seg('PSH,ACK', 1002, 5001, 1), { code: 'DATA_AFTER_FIN' }),
    c('abort', R.finWait2, seg('RST,ACK', 1002, 5001), { state: 'CLOSED' }),
  ],
  CLOSE_WAIT: [
    c('ACK of the FIN: ack x+2', R.closeWait, seg('ACK', 5001, 1002), { state: 'CLOSE_WAIT' }),
    c('ACK of the FIN with ack x+1', R.closeWait, seg('ACK', 5001, 1001), {
      code: 'ACK_OFF_BY_ONE',
      expected: 1002,
    }),
    c('data in CLOSE_WAIT (half-close)', R.closeWait, seg('PSH,ACK', 5001, 1002, 30), {
      state: 'CLOSE_WAIT',
    }),
    c('retransmit data in CLOSE_WAIT', { ...R.closeWait, sndNxt: 5031 }, seg('PSH,ACK', 5001, 1002, 30), {
      state: 'CLOSE_WAIT',
      retransmission: true,
    }),
    c('FIN,ACK piggybacked on the ACK', R.closeWait, seg('FIN,ACK', 5001, 1002), { state: 'LAST_ACK' }),
    c('FIN without ACK', R.closeWait, seg('FIN', 5001, 1002), { code: 'MISSING_ACK_FLAG' }),
  ],
  CLOSING: [
    c("ACK of the peer's FIN", R.closing, seg('ACK', 1002, 5002), { state: 'CLOSING' }),
    c('retransmitted FIN', R.closing, seg('FIN,ACK', 1001, 5002), { state: 'CLOSING', retransmission: true }),
    c('FIN at a different seq', R.closing, seg('FIN,ACK', 1000, 5002), { code: 'RETRANSMIT_MISMATCH' }),
  ],
  LAST_ACK: [
    c('retransmitted FIN y+1', R.lastAck, seg('FIN,ACK', 5001, 1002), {
      state: 'LAST_ACK',
      retransmission: true,
    }),
    c('ACK', R.lastAck, seg('ACK', 5002, 1002), { state: 'LAST_ACK' }),
    c('data after FIN', R.lastAck, seg('PSH,ACK', 5002, 1002, 9), { code: 'DATA_AFTER_FIN' }),
  ],
  TIME_WAIT: [
    c('the last ACK', R.timeWait, seg('ACK', 1002, 5002), { state: 'TIME_WAIT' }),
    c('the last ACK with ack y+1', R.timeWait, seg('ACK', 1002, 5001), {
      code: 'ACK_OFF_BY_ONE',
      expected: 5002,
    }),
    c('RST from TIME_WAIT', R.timeWait, seg('RST', 1002, 0), { code: 'RST_NOTHING_TO_RESET' }),
    c('FIN from TIME_WAIT', R.timeWait, seg('FIN,ACK', 1002, 5002), { code: 'FIN_ALREADY_SENT' }),
  ],
};
