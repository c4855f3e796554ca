/** Connection records written out by hand for table tests (client ISN x=1000, server ISN y=5000). */
import type { Tcb } from '../../shared/tcp/types';
import { segmentOf } from './lifecycle';

const base: Tcb = {
  state: 'CLOSED',
  iss: -1,
  sndUna: -1,
  sndNxt: -1,
  sndWnd: 0,
  irs: -1,
  rcvNxt: -1,
  rcvWnd: 65535,
  finSeq: -1,
  passive: false,
  owed: 'none',
  owedSeq: -1,
  owedAck: -1,
};

/** Freezes an object so that a test fails if the rules write to it. */
export function frozen<T extends object>(o: T): T {
  return Object.freeze(o);
}

/** A record with the given fields over a CLOSED one. */
export function tcb(fields: Partial<Tcb>): Tcb {
  return frozen({ ...base, ...fields });
}

const synced = { iss: 1000, sndUna: 1001, sndNxt: 1001, sndWnd: 65535, irs: 5000, rcvNxt: 5001 };

/** Typical records, named for the side and the moment. */
export const R = {
  closed: tcb({}),
  closedOwesRstAck: tcb({ owed: 'rst-ack', owedSeq: 0, owedAck: 1001 }),
  closedOwesRst: tcb({ owed: 'rst', owedSeq: 1001 }),
  listen: tcb({ state: 'LISTEN' }),
  listenOwesRst: tcb({ state: 'LISTEN', owed: 'rst', owedSeq: 7777 }),
  synSent: tcb({ state: 'SYN_SENT', iss: 1000, sndUna: 1000, sndNxt: 1001 }),
  synSentOwesRst: tcb({
    state: 'SYN_SENT',
    iss: 1000,
    sndUna: 1000,
    sndNxt: 1001,
    owed: 'rst',
    owedSeq: 9999,
  }),
  /** server: SYN x=1000 arrived, SYN,ACK not sent yet */
  synRcvdOwes: tcb({
    state: 'SYN_RCVD',
    irs: 1000,
    rcvNxt: 1001,
    sndWnd: 65535,
    passive: true,
    owed: 'syn-ack',
  }),
  /** server: SYN,ACK y=5000 sent */
  synRcvd: tcb({
    state: 'SYN_RCVD',
    iss: 5000,
    sndUna: 5000,
    sndNxt: 5001,
    sndWnd: 65535,
    irs: 1000,
    rcvNxt: 1001,
    passive: true,
  }),
  /** client after the handshake */
  established: tcb({ state: 'ESTABLISHED', ...synced }),
  /** client that received 10 bytes and owes an ACK */
  establishedOwesAck: tcb({ state: 'ESTABLISHED', ...synced, rcvNxt: 5011, owed: 'ack' }),
  /** client with 100 unacknowledged bytes in flight */
  establishedInFlight: tcb({ state: 'ESTABLISHED', ...synced, sndNxt: 1101 }),
  /** client that sent FIN at 1001 */
  finWait1: tcb({ state: 'FIN_WAIT_1', ...synced, sndNxt: 1002, finSeq: 1001 }),
  finWait2: tcb({ state: 'FIN_WAIT_2', ...synced, sndUna: 1002, sndNxt: 1002, finSeq: 1001 }),
  /** server that received the client's FIN (client ISN 1000, no data): owes ACK 1002 */
  closeWait: tcb({
    state: 'CLOSE_WAIT',
    iss: 5000,
    sndUna: 5001,
    sndNxt: 5001,
    sndWnd: 65535,
    irs: 1000,
    rcvNxt: 1002,
    owed: 'ack',
  }),
  closing: tcb({ state: 'CLOSING', ...synced, sndNxt: 1002, finSeq: 1001, rcvNxt: 5002, owed: 'ack' }),
  /** server that sent its FIN at 5001 */
  lastAck: tcb({
    state: 'LAST_ACK',
    iss: 5000,
    sndUna: 5001,
    sndNxt: 5002,
    sndWnd: 65535,
    irs: 1000,
    rcvNxt: 1002,
    finSeq: 5001,
  }),
  timeWait: tcb({
    state: 'TIME_WAIT',
    ...synced,
    sndUna: 1002,
    sndNxt: 1002,
    finSeq: 1001,
    rcvNxt: 5002,
    owed: 'ack',
  }),
};

/** A segment from a flags label and numbers (window 65535). */
export const seg = segmentOf;
