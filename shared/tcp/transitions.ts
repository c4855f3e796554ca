/**
 * The transition table of tcp-rules.md as data. The judge looks up its state changes here, and the
 * hints, the bot and the drawn state diagram read the same rows.
 */
import { SYNCHRONIZED_STATES, TCP_STATES, type TcpState } from './types';

/** What a side sends: the kinds of segment a player can compose. */
export type SendKind = 'SYN' | 'SYN_ACK' | 'ACK' | 'DATA' | 'FIN' | 'RST';

/** What happens to a side: an application call, a segment it sends, one that arrives, a timer. */
export type Trigger =
  | 'call:listen'
  | 'call:connect'
  | 'call:close'
  | 'call:send'
  | 'call:abort'
  | `send:${SendKind}`
  | 'rcv:SYN'
  | 'rcv:SYN_ACK'
  | 'rcv:BAD_SYN_ACK'
  | 'rcv:RST_ACK'
  | 'rcv:ACK_OF_SYN'
  | 'rcv:ACK_OF_FIN'
  | 'rcv:FIN'
  | 'rcv:FIN_ACK_OF_FIN'
  | 'rcv:DATA'
  | 'rcv:ACK'
  | 'rcv:RST'
  | 'rcv:STRAY'
  | 'timer:2MSL'
  | 'timer:RTO'
  | 'timer:SYN_RCVD';

/** The segment a transition puts on the wire (or owes), in the table's words. */
export type WireKind =
  'none' | 'SYN' | 'SYN,ACK' | 'ACK' | 'FIN,ACK' | 'RST' | 'RST,ACK' | 'data' | 'retransmission';

export interface TransitionRow {
  /** Stable id, used by tests and the diagram. */
  readonly id: string;
  readonly from: TcpState;
  readonly on: Trigger;
  readonly to: TcpState;
  /** Segment sent, or owed after an arrival. */
  readonly wire: WireKind;
  readonly rfc: string;
}

/** States with a connection an abort() resets: SYN_RCVD and the synchronized ones but TIME_WAIT. */
const SYNC_WITH_RST_ABORT: TcpState[] = [
  'SYN_RCVD',
  ...SYNCHRONIZED_STATES.filter((st) => st !== 'TIME_WAIT'),
];

function row(from: TcpState, on: Trigger, to: TcpState, wire: WireKind, rfc: string): TransitionRow {
  return { id: `${from}|${on}`, from, on, to, wire, rfc };
}

/** Every transition the game knows. */
export const TRANSITIONS: readonly TransitionRow[] = [
  // opening
  row('CLOSED', 'call:listen', 'LISTEN', 'none', '3.10.1'),
  row('CLOSED', 'call:connect', 'SYN_SENT', 'SYN', '3.10.1'),
  row('CLOSED', 'send:SYN', 'SYN_SENT', 'SYN', '3.10.1'),
  row('CLOSED', 'rcv:SYN', 'CLOSED', 'RST,ACK', '3.10.7.1'),
  row('CLOSED', 'rcv:STRAY', 'CLOSED', 'RST', '3.10.7.1'),
  row('CLOSED', 'send:RST', 'CLOSED', 'RST', '3.10.7.1'),
  row('LISTEN', 'rcv:SYN', 'SYN_RCVD', 'SYN,ACK', '3.10.7.2'),
  row('LISTEN', 'rcv:STRAY', 'LISTEN', 'RST', '3.10.7.2'),
  row('LISTEN', 'send:RST', 'LISTEN', 'RST', '3.10.7.2'),
  row('LISTEN', 'call:close', 'CLOSED', 'none', '3.10.4'),
  row('SYN_SENT', 'rcv:SYN_ACK', 'ESTABLISHED', 'ACK', '3.10.7.3'),
  row('SYN_SENT', 'rcv:BAD_SYN_ACK', 'SYN_SENT', 'RST', '3.10.7.3'),
  row('SYN_SENT', 'send:RST', 'SYN_SENT', 'RST', '3.10.7.3'),
  row('SYN_SENT', 'rcv:RST_ACK', 'CLOSED', 'none', '3.10.7.3'),
  row('SYN_SENT', 'rcv:SYN', 'SYN_RCVD', 'SYN,ACK', '3.10.7.3'),
  row('SYN_SENT', 'call:close', 'CLOSED', 'none', '3.10.4'),
  row('SYN_RCVD', 'send:SYN_ACK', 'SYN_RCVD', 'SYN,ACK', '3.10.7.2'),
  row('SYN_RCVD', 'send:ACK', 'SYN_RCVD', 'ACK', '3.10.7.4'),
  row('SYN_RCVD', 'rcv:ACK_OF_SYN', 'ESTABLISHED', 'none', '3.10.7.4'),
  row('SYN_RCVD', 'rcv:SYN_ACK', 'ESTABLISHED', 'none', '3.10.7.4'),
  row('SYN_RCVD', 'rcv:STRAY', 'SYN_RCVD', 'RST', '3.10.7.4'),
  row('SYN_RCVD', 'send:RST', 'SYN_RCVD', 'RST', '3.10.7.4'),
  // a passive open returns to LISTEN; a simultaneous open (active) goes to CLOSED instead
  row('SYN_RCVD', 'rcv:RST', 'LISTEN', 'none', '3.10.7.4'),
  row('SYN_RCVD', 'call:close', 'FIN_WAIT_1', 'FIN,ACK', '3.10.4'),
  row('SYN_RCVD', 'send:FIN', 'FIN_WAIT_1', 'FIN,ACK', '3.10.4'),
  // the half-open connection is dropped; the listener goes on listening
  row('SYN_RCVD', 'timer:SYN_RCVD', 'LISTEN', 'none', '3.8.1'),
  // data
  row('ESTABLISHED', 'call:send', 'ESTABLISHED', 'data', '3.10.2'),
  row('ESTABLISHED', 'send:DATA', 'ESTABLISHED', 'data', '3.10.2'),
  row('ESTABLISHED', 'send:ACK', 'ESTABLISHED', 'ACK', '3.10.7.4'),
  row('ESTABLISHED', 'rcv:DATA', 'ESTABLISHED', 'ACK', '3.10.7.4'),
  row('ESTABLISHED', 'rcv:ACK', 'ESTABLISHED', 'none', '3.10.7.4'),
  // closing, active side
  row('ESTABLISHED', 'call:close', 'FIN_WAIT_1', 'FIN,ACK', '3.10.4'),
  row('ESTABLISHED', 'send:FIN', 'FIN_WAIT_1', 'FIN,ACK', '3.10.4'),
  row('FIN_WAIT_1', 'rcv:ACK_OF_FIN', 'FIN_WAIT_2', 'none', '3.10.7.4'),
  row('FIN_WAIT_1', 'rcv:FIN', 'CLOSING', 'ACK', '3.10.7.4'),
  row('FIN_WAIT_1', 'rcv:FIN_ACK_OF_FIN', 'TIME_WAIT', 'ACK', '3.10.7.4'),
  row('FIN_WAIT_1', 'rcv:DATA', 'FIN_WAIT_1', 'ACK', '3.10.7.4'),
  row('FIN_WAIT_1', 'rcv:ACK', 'FIN_WAIT_1', 'none', '3.10.7.4'),
  row('FIN_WAIT_1', 'send:ACK', 'FIN_WAIT_1', 'ACK', '3.10.7.4'),
  row('FIN_WAIT_2', 'rcv:FIN', 'TIME_WAIT', 'ACK', '3.10.7.4'),
  row('FIN_WAIT_2', 'rcv:DATA', 'FIN_WAIT_2', 'ACK', '3.10.7.4'),
  row('FIN_WAIT_2', 'rcv:ACK', 'FIN_WAIT_2', 'none', '3.10.7.4'),
  row('FIN_WAIT_2', 'send:ACK', 'FIN_WAIT_2', 'ACK', '3.10.7.4'),
  row('CLOSING', 'rcv:ACK_OF_FIN', 'TIME_WAIT', 'none', '3.10.7.4'),
  row('CLOSING', 'send:ACK', 'CLOSING', 'ACK', '3.10.7.4'),
  row('TIME_WAIT', 'rcv:FIN', 'TIME_WAIT', 'ACK', '3.10.7.4'),
  row('TIME_WAIT', 'send:ACK', 'TIME_WAIT', 'ACK', '3.10.7.4'),
  row('TIME_WAIT', 'timer:2MSL', 'CLOSED', 'none', '3.10.7.4'),
  // closing, passive side
  row('ESTABLISHED', 'rcv:FIN', 'CLOSE_WAIT', 'ACK', '3.10.7.4'),
  row('CLOSE_WAIT', 'call:send', 'CLOSE_WAIT', 'data', '3.10.2'),
  row('CLOSE_WAIT', 'send:DATA', 'CLOSE_WAIT', 'data', '3.10.2'),
  row('CLOSE_WAIT', 'send:ACK', 'CLOSE_WAIT', 'ACK', '3.10.7.4'),
  row('CLOSE_WAIT', 'rcv:ACK', 'CLOSE_WAIT', 'none', '3.10.7.4'),
  row('CLOSE_WAIT', 'call:close', 'LAST_ACK', 'FIN,ACK', '3.10.4'),
  row('CLOSE_WAIT', 'send:FIN', 'LAST_ACK', 'FIN,ACK', '3.10.4'),
  row('LAST_ACK', 'rcv:ACK_OF_FIN', 'CLOSED', 'none', '3.10.7.4'),
  row('LAST_ACK', 'send:ACK', 'LAST_ACK', 'ACK', '3.10.7.4'),
  // retransmission timer: the oldest unacknowledged segment goes again with its original seq;
  // a segment the judge recognises as a retransmission applies these rows
  row('SYN_SENT', 'timer:RTO', 'SYN_SENT', 'retransmission', 'RFC 6298'),
  row('SYN_RCVD', 'timer:RTO', 'SYN_RCVD', 'retransmission', 'RFC 6298'),
  row('ESTABLISHED', 'timer:RTO', 'ESTABLISHED', 'retransmission', 'RFC 6298'),
  row('FIN_WAIT_1', 'timer:RTO', 'FIN_WAIT_1', 'retransmission', 'RFC 6298'),
  row('CLOSE_WAIT', 'timer:RTO', 'CLOSE_WAIT', 'retransmission', 'RFC 6298'),
  row('CLOSING', 'timer:RTO', 'CLOSING', 'retransmission', 'RFC 6298'),
  row('LAST_ACK', 'timer:RTO', 'LAST_ACK', 'retransmission', 'RFC 6298'),
  // resets and aborts
  ...SYNC_WITH_RST_ABORT.filter((s) => s !== 'SYN_RCVD').map((s) =>
    row(s, 'rcv:RST', 'CLOSED', 'none', '3.10.7.4'),
  ),
  row('TIME_WAIT', 'rcv:RST', 'CLOSED', 'none', '3.10.7.4'),
  // an abort sends RST from any state that has something to reset; the RST a player composes
  // there is judged as this call
  ...SYNC_WITH_RST_ABORT.map((s) => row(s, 'call:abort', 'CLOSED', 'RST', '3.10.5')),
  row('SYN_SENT', 'call:abort', 'CLOSED', 'none', '3.10.5'),
  row('LISTEN', 'call:abort', 'CLOSED', 'none', '3.10.5'),
];

type Table = { readonly [S in TcpState]: Partial<Record<Trigger, TransitionRow>> };

function index(rows: readonly TransitionRow[]): Table {
  const t = Object.fromEntries(TCP_STATES.map((st) => [st, {}])) as {
    [S in TcpState]: Partial<Record<Trigger, TransitionRow>>;
  };
  for (const r of rows) {
    if (t[r.from][r.on]) throw new Error(`duplicate transition ${r.id}`);
    t[r.from][r.on] = r;
  }
  return t;
}

/** TRANSITIONS indexed by state, then trigger. */
export const TABLE: Table = index(TRANSITIONS);

/** The row for a state and trigger, or undefined when the table has none. */
export function transition(state: TcpState, on: Trigger): TransitionRow | undefined {
  return TABLE[state][on];
}
