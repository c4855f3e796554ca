/** Table of segments arriving at a side, per state: the state after, the note, the reply owed. */
import type { ArrivalNoteCode } from '../../shared/tcp/codes';
import type { Owed, Segment, Tcb, TcpState } from '../../shared/tcp/types';
import { R, seg } from './records';

export interface ArrivalCase {
  name: string;
  tcb: Tcb;
  segment: Segment;
  expect: {
    state: TcpState;
    note: ArrivalNoteCode;
    owed?: Owed;
    owedSeq?: number;
    owedAck?: number;
    rcvNxt?: number;
    sndUna?: number;
    restart2msl?: boolean;
  };
}

const c = (name: string, tcb: Tcb, segment: Segment, expect: ArrivalCase['expect']): ArrivalCase => ({
  name,
  tcb,
  segment,
  expect,
});

export const ARRIVAL_CASES: Record<TcpState, ArrivalCase[]> = {
  CLOSED: [
    c('SYN, nobody listening', R.closed, seg('SYN', 1000, 0), {
      state: 'CLOSED',
      note: 'RCV_NO_LISTENER',
      owed: 'rst-ack',
      owedSeq: 0,
      owedAck: 1001,
    }),
    c('SYN at 2^32-1 wraps the ack to 0', R.closed, seg('SYN', 0xffffffff, 0), {
      state: 'CLOSED',
      note: 'RCV_NO_LISTENER',
      owed: 'rst-ack',
      owedAck: 0,
    }),
    c('stray SYN,ACK', R.closed, seg('SYN,ACK', 5000, 1001), {
      state: 'CLOSED',
      note: 'RCV_STRAY_SEGMENT',
      owed: 'rst',
      owedSeq: 1001,
    }),
    c('bare FIN without ACK', R.closed, seg('FIN', 300, 0), {
      state: 'CLOSED',
      note: 'RCV_STRAY_SEGMENT',
      owed: 'rst-ack',
      owedAck: 301,
    }),
    c('RST is never answered', R.closed, seg('RST', 1, 0), {
      state: 'CLOSED',
      note: 'RCV_IGNORED',
      owed: 'none',
    }),
  ],
  LISTEN: [
    c('SYN', R.listen, seg('SYN', 1000, 0), {
      state: 'SYN_RCVD',
      note: 'RCV_SYN_LISTEN',
      owed: 'syn-ack',
      rcvNxt: 1001,
    }),
    c('stray ACK', R.listen, seg('ACK', 1001, 7777), {
      state: 'LISTEN',
      note: 'RCV_STRAY_SEGMENT',
      owed: 'rst',
      owedSeq: 7777,
    }),
    c('RST', R.listen, seg('RST', 1001, 0), { state: 'LISTEN', note: 'RCV_IGNORED', owed: 'none' }),
    c('FIN without ACK', R.listen, seg('FIN', 1001, 0), {
      state: 'LISTEN',
      note: 'RCV_IGNORED',
      owed: 'none',
    }),
  ],
  SYN_SENT: [
    c('SYN,ACK acking x+1', R.synSent, seg('SYN,ACK', 5000, 1001), {
      state: 'ESTABLISHED',
      note: 'RCV_HANDSHAKE_DONE',
      owed: 'ack',
      rcvNxt: 5001,
      sndUna: 1001,
    }),
    c('SYN,ACK acking an old SYN', R.synSent, seg('SYN,ACK', 5000, 71), {
      state: 'SYN_SENT',
      note: 'RCV_BAD_SYN_ACK',
      owed: 'rst',
      owedSeq: 71,
    }),
    c('SYN,ACK acking x (not x+1)', R.synSent, seg('SYN,ACK', 5000, 1000), {
      state: 'SYN_SENT',
      note: 'RCV_BAD_SYN_ACK',
      owed: 'rst',
      owedSeq: 1000,
    }),
    c('stray ACK', R.synSent, seg('ACK', 5000, 1003), {
      state: 'SYN_SENT',
      note: 'RCV_STRAY_SEGMENT',
      owed: 'rst',
    }),
    c('RST,ACK acking x+1: refused', R.synSent, seg('RST,ACK', 0, 1001), {
      state: 'CLOSED',
      note: 'RCV_REFUSED',
    }),
    c('RST,ACK with a wrong ack', R.synSent, seg('RST,ACK', 0, 1005), {
      state: 'SYN_SENT',
      note: 'RCV_RST_IGNORED',
      owed: 'none',
    }),
    c('RST without ACK', R.synSent, seg('RST', 0, 0), {
      state: 'SYN_SENT',
      note: 'RCV_RST_IGNORED',
      owed: 'none',
    }),
    c('SYN without ACK: simultaneous open', R.synSent, seg('SYN', 5000, 0), {
      state: 'SYN_RCVD',
      note: 'RCV_SIMULTANEOUS_OPEN',
      owed: 'syn-ack',
      rcvNxt: 5001,
    }),
    c('plain data', R.synSent, seg('PSH', 5000, 0, 3), { state: 'SYN_SENT', note: 'RCV_IGNORED' }),
  ],
  SYN_RCVD: [
    c('ACK y+1', R.synRcvd, seg('ACK', 1001, 5001), {
      state: 'ESTABLISHED',
      note: 'RCV_HANDSHAKE_DONE',
      sndUna: 5001,
    }),
    c('ACK with data', R.synRcvd, seg('PSH,ACK', 1001, 5001, 4), {
      state: 'ESTABLISHED',
      note: 'RCV_DATA',
      rcvNxt: 1005,
      owed: 'ack',
    }),
    c('ACK y (not y+1)', R.synRcvd, seg('ACK', 1001, 5000), {
      state: 'SYN_RCVD',
      note: 'RCV_STRAY_SEGMENT',
      owed: 'rst',
      owedSeq: 5000,
    }),
    c('RST at RCV.NXT: back to LISTEN', R.synRcvd, seg('RST', 1001, 0), {
      state: 'LISTEN',
      note: 'RCV_RESET_TO_LISTEN',
    }),
    c('RST before the SYN,ACK went out', R.synRcvdOwes, seg('RST', 1001, 0), {
      state: 'LISTEN',
      note: 'RCV_RESET_TO_LISTEN',
    }),
    c('repeated SYN before the SYN,ACK went out', R.synRcvdOwes, seg('SYN', 1000, 0), {
      state: 'SYN_RCVD',
      note: 'RCV_DUPLICATE',
      owed: 'syn-ack',
    }),
    c('repeated SYN after the SYN,ACK', R.synRcvd, seg('SYN', 1000, 0), {
      state: 'SYN_RCVD',
      note: 'RCV_DUPLICATE',
      owed: 'ack',
    }),
    c('RST of an active open', { ...R.synRcvd, passive: false }, seg('RST', 1001, 0), {
      state: 'CLOSED',
      note: 'RCV_REFUSED',
    }),
    c('FIN with the ACK of the SYN', R.synRcvd, seg('FIN,ACK', 1001, 5001), {
      state: 'CLOSE_WAIT',
      note: 'RCV_FIN',
      rcvNxt: 1002,
      owed: 'ack',
    }),
  ],
  ESTABLISHED: [
    c('in-order data', R.established, seg('PSH,ACK', 5001, 1001, 10), {
      state: 'ESTABLISHED',
      note: 'RCV_DATA',
      rcvNxt: 5011,
      owed: 'ack',
    }),
    c('data across 2^32', { ...R.established, rcvNxt: 0xfffffffa }, seg('PSH,ACK', 0xfffffffa, 1001, 10), {
      state: 'ESTABLISHED',
      note: 'RCV_DATA',
      rcvNxt: 4,
    }),
    c('ACK of in-flight data', R.establishedInFlight, seg('ACK', 5001, 1101), {
      state: 'ESTABLISHED',
      note: 'RCV_ACK',
      sndUna: 1101,
      owed: 'none',
    }),
    c('duplicate ACK', R.establishedInFlight, seg('ACK', 5001, 1001), {
      state: 'ESTABLISHED',
      note: 'RCV_ACK',
      sndUna: 1001,
    }),
    c('ACK of bytes never sent', R.established, seg('ACK', 5001, 1500), {
      state: 'ESTABLISHED',
      note: 'RCV_ACK_UNSENT',
      owed: 'ack',
      sndUna: 1001,
    }),
    c('old duplicate data', R.established, seg('PSH,ACK', 4990, 1001, 11), {
      state: 'ESTABLISHED',
      note: 'RCV_DUPLICATE',
      owed: 'ack',
      rcvNxt: 5001,
    }),
    c('segment of an earlier connection', R.established, seg('PSH,ACK', 900000, 1001, 10), {
      state: 'ESTABLISHED',
      note: 'RCV_OUT_OF_WINDOW',
      owed: 'ack',
      rcvNxt: 5001,
    }),
    c('data after a gap', R.established, seg('PSH,ACK', 5101, 1001, 10), {
      state: 'ESTABLISHED',
      note: 'RCV_OUT_OF_ORDER',
      owed: 'ack',
      rcvNxt: 5001,
    }),
    c('overlapping retransmission', R.established, seg('PSH,ACK', 4991, 1001, 20), {
      state: 'ESTABLISHED',
      note: 'RCV_DATA',
      rcvNxt: 5011,
    }),
    c('no ACK bit', R.established, seg('PSH', 5001, 0, 10), {
      state: 'ESTABLISHED',
      note: 'RCV_NO_ACK_DROPPED',
      rcvNxt: 5001,
    }),
    c('FIN', R.established, seg('FIN,ACK', 5001, 1001), {
      state: 'CLOSE_WAIT',
      note: 'RCV_FIN',
      rcvNxt: 5002,
      owed: 'ack',
    }),
    c('data with FIN', R.established, seg('FIN,PSH,ACK', 5001, 1001, 5), {
      state: 'CLOSE_WAIT',
      note: 'RCV_FIN',
      rcvNxt: 5007,
    }),
    c('RST at RCV.NXT', R.established, seg('RST', 5001, 0), { state: 'CLOSED', note: 'RCV_RESET' }),
    c('RST in window, not exact', R.established, seg('RST', 5100, 0), {
      state: 'ESTABLISHED',
      note: 'RCV_RST_CHALLENGE',
      owed: 'ack',
    }),
    c('RST out of window', R.established, seg('RST', 900000, 0), {
      state: 'ESTABLISHED',
      note: 'RCV_RST_IGNORED',
      owed: 'none',
    }),
    c('SYN in window', R.established, seg('SYN', 5001, 0), {
      state: 'ESTABLISHED',
      note: 'RCV_SYN_CHALLENGE',
      owed: 'ack',
    }),
    c('window update', R.established, seg('ACK', 5001, 1001), { state: 'ESTABLISHED', note: 'RCV_ACK' }),
  ],
  FIN_WAIT_1: [
    c('ACK of our FIN', R.finWait1, seg('ACK', 5001, 1002), {
      state: 'FIN_WAIT_2',
      note: 'RCV_FIN_ACKED',
      sndUna: 1002,
    }),
    c('FIN not acking ours: simultaneous close', R.finWait1, seg('FIN,ACK', 5001, 1001), {
      state: 'CLOSING',
      note: 'RCV_SIMULTANEOUS_CLOSE',
      rcvNxt: 5002,
      owed: 'ack',
    }),
    c('FIN,ACK acking our FIN', R.finWait1, seg('FIN,ACK', 5001, 1002), {
      state: 'TIME_WAIT',
      note: 'RCV_TIME_WAIT',
      rcvNxt: 5002,
      owed: 'ack',
    }),
    c('data: the peer may still send', R.finWait1, seg('PSH,ACK', 5001, 1001, 8), {
      state: 'FIN_WAIT_1',
      note: 'RCV_DATA',
      rcvNxt: 5009,
      owed: 'ack',
    }),
    c('RST', R.finWait1, seg('RST', 5001, 0), { state: 'CLOSED', note: 'RCV_RESET' }),
    c('ACK that does not cover our FIN', R.finWait1, seg('ACK', 5001, 1001), {
      state: 'FIN_WAIT_1',
      note: 'RCV_ACK',
    }),
  ],
  FIN_WAIT_2: [
    c('FIN', R.finWait2, seg('FIN,ACK', 5001, 1002), {
      state: 'TIME_WAIT',
      note: 'RCV_TIME_WAIT',
      rcvNxt: 5002,
      owed: 'ack',
    }),
    c('data', R.finWait2, seg('PSH,ACK', 5001, 1002, 3), {
      state: 'FIN_WAIT_2',
      note: 'RCV_DATA',
      rcvNxt: 5004,
    }),
    c('RST', R.finWait2, seg('RST,ACK', 5001, 1002), { state: 'CLOSED', note: 'RCV_RESET' }),
    c('window update', R.finWait2, seg('ACK', 5001, 1002), { state: 'FIN_WAIT_2', note: 'RCV_ACK' }),
  ],
  CLOSE_WAIT: [
    c('duplicate FIN', R.closeWait, seg('FIN,ACK', 1001, 5001), {
      state: 'CLOSE_WAIT',
      note: 'RCV_DUPLICATE',
      owed: 'ack',
    }),
    c('ACK of our data', { ...R.closeWait, sndNxt: 5031, owed: 'none' }, seg('ACK', 1002, 5031), {
      state: 'CLOSE_WAIT',
      note: 'RCV_ACK',
      sndUna: 5031,
    }),
    c('RST', R.closeWait, seg('RST', 1002, 0), { state: 'CLOSED', note: 'RCV_RESET' }),
  ],
  CLOSING: [
    c('ACK of our FIN', R.closing, seg('ACK', 5002, 1002), {
      state: 'TIME_WAIT',
      note: 'RCV_TIME_WAIT',
      sndUna: 1002,
    }),
    c('RST', R.closing, seg('RST', 5002, 0), { state: 'CLOSED', note: 'RCV_RESET' }),
  ],
  LAST_ACK: [
    c('ACK of our FIN', R.lastAck, seg('ACK', 1002, 5002), { state: 'CLOSED', note: 'RCV_CLOSED' }),
    c('ACK of something older', R.lastAck, seg('ACK', 1002, 5001), { state: 'LAST_ACK', note: 'RCV_ACK' }),
    c('RST', R.lastAck, seg('RST', 1002, 0), { state: 'CLOSED', note: 'RCV_RESET' }),
  ],
  TIME_WAIT: [
    c('retransmitted FIN', R.timeWait, seg('FIN,ACK', 5001, 1002), {
      state: 'TIME_WAIT',
      note: 'RCV_TIME_WAIT_RESTART',
      owed: 'ack',
      restart2msl: true,
    }),
    c('RST', R.timeWait, seg('RST', 5002, 0), { state: 'CLOSED', note: 'RCV_RESET' }),
    c('old data', R.timeWait, seg('PSH,ACK', 4000, 1002, 5), {
      state: 'TIME_WAIT',
      note: 'RCV_DUPLICATE',
      owed: 'ack',
    }),
  ],
};
