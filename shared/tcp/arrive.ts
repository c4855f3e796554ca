/**
 * What a correct TCP does with a segment that arrives (RFC 9293 section 3.10.7): acceptability,
 * RST and SYN checks, ACK processing, data and FIN. Arrival is never refused: the receiver keeps,
 * drops or answers the segment, and notes why. Pure.
 */
import type { ArrivalNoteCode } from './codes';
import { aborted } from './send';
import { seqAdd, seqGt, seqInWindow, seqLe, seqLt } from './seq';
import { TABLE, type Trigger, type TransitionRow } from './transitions';
import {
  ACK,
  FIN,
  RST,
  SYN,
  segmentSpace,
  type Segment,
  type Tcb,
  type TcpState,
  copyTcb,
  type Connection,
  type Side,
} from './types';

export interface ArrivalOutcome {
  readonly tcb: Tcb;
  readonly notes: ArrivalNoteCode[];
  /** Ids of the table rows applied, in order. */
  readonly rows: string[];
  /** A retransmitted FIN reached TIME_WAIT: the 2MSL timer starts again. */
  readonly restart2msl: boolean;
}

class Outcome implements ArrivalOutcome {
  /** The first note, and any further ones: the list is built only when someone reads `notes`. */
  private first: ArrivalNoteCode | null = null;
  private more: ArrivalNoteCode[] | null = null;
  /** Row ids joined by spaces: no allocation for the usual single row; `rows` splits on demand. */
  rowIds = '';
  restart2msl = false;
  /** The whole connection after the arrival, filled in by deliverTo (one object per arrival, not two). */
  conn: Connection | null = null;
  constructor(public tcb: Tcb) {}
  get notes(): ArrivalNoteCode[] {
    if (this.first === null) return [];
    return this.more === null ? [this.first] : [this.first, ...this.more];
  }
  /** How many notes so far. */
  get noteCount(): number {
    return this.first === null ? 0 : 1 + (this.more?.length ?? 0);
  }
  get rows(): string[] {
    return this.rowIds === '' ? [] : this.rowIds.split(' ');
  }
  note(code: ArrivalNoteCode): this {
    if (this.first === null) this.first = code;
    else if (this.more === null) this.more = [code];
    else this.more.push(code);
    return this;
  }
  /** Applies the table row for this trigger in the current state and returns its target state. */
  go(on: Trigger): TcpState {
    const row: TransitionRow | undefined = TABLE[this.tcb.state][on];
    if (!row) throw new Error(`transition table has no row ${this.tcb.state}|${on}`);
    this.row(row.id);
    return row.to;
  }
  row(id: string): void {
    this.rowIds = this.rowIds === '' ? id : `${this.rowIds} ${id}`;
  }
  /** Takes back the last row (when two steps turn out to be one row of the table). */
  unrow(): void {
    const i = this.rowIds.lastIndexOf(' ');
    this.rowIds = i < 0 ? '' : this.rowIds.slice(0, i);
  }
}

/** A segment arrives at side `to` of a connection: the outcome, with the connection after it. */
export function deliverTo(
  conn: Connection,
  to: Side,
  s: Segment,
): ArrivalOutcome & { readonly conn: Connection } {
  const o = judgeArrival(conn[to], s) as Outcome;
  o.conn = to === 'client' ? { client: o.tcb, server: conn.server } : { client: conn.client, server: o.tcb };
  return o as Outcome & { conn: Connection };
}

/** Processes a segment arriving at a side and returns that side's new record and notes. */
export function judgeArrival(t: Tcb, s: Segment): ArrivalOutcome {
  // the outcome object is returned as it is: one allocation less per segment on the hot path
  const o = new Outcome(t);
  switch (t.state) {
    case 'CLOSED':
      return arriveClosed(o, s);
    case 'LISTEN':
      return arriveListen(o, s);
    case 'SYN_SENT':
      return arriveSynSent(o, s);
    default:
      return arriveSynchronized(o, s);
  }
}

function owe(t: Tcb, owed: Tcb['owed'], seq = -1, ack = -1): Tcb {
  const n = copyTcb(t);
  n.owed = owed;
  n.owedSeq = seq;
  n.owedAck = ack;
  return n;
}

/** No connection to match (CLOSED or LISTEN): an RST is ignored, anything with ACK is reset with seq = its ack. */
function strayOrReset(o: Outcome, s: Segment): Outcome | null {
  if (s.flags & RST) return o.note('RCV_IGNORED');
  if (!(s.flags & ACK)) return null;
  o.go('rcv:STRAY');
  o.tcb = owe(o.tcb, 'rst', s.ack);
  return o.note('RCV_STRAY_SEGMENT');
}

function arriveClosed(o: Outcome, s: Segment): Outcome {
  const t = o.tcb;
  const stray = strayOrReset(o, s);
  if (stray) return stray;
  o.go('rcv:SYN');
  o.tcb = owe(t, 'rst-ack', 0, seqAdd(s.seq, segmentSpace(s)));
  return o.note(s.flags & SYN ? 'RCV_NO_LISTENER' : 'RCV_STRAY_SEGMENT');
}

function arriveListen(o: Outcome, s: Segment): Outcome {
  const t = o.tcb;
  const stray = strayOrReset(o, s);
  if (stray) return stray;
  if (!(s.flags & SYN)) return o.note('RCV_IGNORED');
  const n = copyTcb(t);
  n.state = o.go('rcv:SYN');
  n.irs = s.seq;
  n.rcvNxt = seqAdd(s.seq, 1);
  n.sndWnd = s.win;
  n.passive = true;
  n.owed = 'syn-ack';
  n.owedSeq = -1;
  n.owedAck = -1;
  o.tcb = n;
  return o.note('RCV_SYN_LISTEN');
}

function arriveSynSent(o: Outcome, s: Segment): Outcome {
  const t = o.tcb;
  const f = s.flags;
  const ackOk = (f & ACK) !== 0 && seqGt(s.ack, t.iss) && seqLe(s.ack, t.sndNxt);
  if (f & ACK && !ackOk) {
    if (f & RST) return o.note('RCV_RST_IGNORED');
    o.go('rcv:BAD_SYN_ACK');
    o.tcb = owe(t, 'rst', s.ack);
    return o.note(f & SYN ? 'RCV_BAD_SYN_ACK' : 'RCV_STRAY_SEGMENT');
  }
  if (f & RST) {
    if (!ackOk) return o.note('RCV_RST_IGNORED');
    o.go('rcv:RST_ACK');
    o.tcb = aborted(t);
    return o.note('RCV_REFUSED');
  }
  if (!(f & SYN)) return o.note('RCV_IGNORED');
  const n = copyTcb(t);
  n.irs = s.seq;
  n.rcvNxt = seqAdd(s.seq, 1);
  n.sndWnd = s.win;
  o.tcb = n;
  if (ackOk) {
    n.state = o.go('rcv:SYN_ACK');
    n.sndUna = s.ack;
    n.owed = 'ack';
    return o.note('RCV_HANDSHAKE_DONE');
  }
  // both sides opened at once: answer with SYN,ACK carrying our own ISN
  n.state = o.go('rcv:SYN');
  n.owed = 'syn-ack';
  return o.note('RCV_SIMULTANEOUS_OPEN');
}

/** RFC 9293 3.10.7.4, first check: does the segment fall in the receive window? */
function acceptable(t: Tcb, s: Segment, space: number): boolean {
  if (space === 0) {
    return t.rcvWnd === 0 ? s.seq === t.rcvNxt : seqInWindow(s.seq, t.rcvNxt, t.rcvWnd);
  }
  if (t.rcvWnd === 0) return false;
  return seqInWindow(s.seq, t.rcvNxt, t.rcvWnd) || seqInWindow(seqAdd(s.seq, space - 1), t.rcvNxt, t.rcvWnd);
}

function arriveSynchronized(o: Outcome, s: Segment): Outcome {
  const t = o.tcb;
  const startState = t.state;
  const f = s.flags;
  if (t.state === 'SYN_RCVD' && t.iss === -1) {
    // our SYN,ACK is still owed: a repeated SYN changes nothing, an RST ends the attempt
    if (f & RST) return resetInSynRcvd(o);
    return o.note('RCV_DUPLICATE');
  }
  // simultaneous open: the peer's SYN,ACK repeats its SYN and acknowledges ours (as Linux accepts it)
  if (t.state === 'SYN_RCVD' && f & SYN && f & ACK && s.seq === t.irs && s.ack === t.sndNxt) {
    const n = copyTcb(t);
    n.state = o.go('rcv:SYN_ACK');
    n.sndUna = s.ack;
    n.sndWnd = s.win;
    // our SYN,ACK was still owed: the peer's SYN must still be acknowledged, now with a plain ACK
    if (n.owed === 'syn-ack') n.owed = 'ack';
    o.tcb = n;
    return o.note('RCV_HANDSHAKE_DONE');
  }

  const space = segmentSpace(s);
  if (!acceptable(t, s, space)) {
    if (f & RST) return o.note('RCV_RST_IGNORED');
    if (t.state === 'TIME_WAIT' && f & FIN && seqAdd(s.seq, s.len) === seqAdd(t.rcvNxt, -1)) {
      // the peer did not get our last ACK and sent its FIN again: ACK it and wait 2MSL anew
      o.go('rcv:FIN');
      o.tcb = owe(t, 'ack');
      o.restart2msl = true;
      return o.note('RCV_TIME_WAIT_RESTART');
    }
    o.tcb = owe(t, 'ack');
    return o.note(seqLt(s.seq, t.rcvNxt) ? 'RCV_DUPLICATE' : 'RCV_OUT_OF_WINDOW');
  }
  // no reassembly queue: data or FIN that starts beyond a gap waits for the retransmission
  if (space > 0 && seqGt(s.seq, t.rcvNxt) && !(f & RST)) {
    o.tcb = owe(t, 'ack');
    return o.note('RCV_OUT_OF_ORDER');
  }
  // trim what was already received (a retransmission that overlaps new data)
  let len = s.len;
  let hasSyn = (f & SYN) !== 0;
  if (seqLt(s.seq, t.rcvNxt)) {
    let old = (t.rcvNxt - s.seq) >>> 0;
    if (hasSyn) {
      hasSyn = false;
      old -= 1;
    }
    len = len > old ? len - old : 0;
  }

  if (f & RST) {
    if (s.seq !== t.rcvNxt) {
      // in the window but not exactly expected: RFC 5961 challenge ACK instead of a blind reset
      o.tcb = owe(t, 'ack');
      return o.note('RCV_RST_CHALLENGE');
    }
    if (t.state === 'SYN_RCVD') return resetInSynRcvd(o);
    o.go('rcv:RST');
    o.tcb = aborted(t);
    return o.note('RCV_RESET');
  }
  if (hasSyn) {
    o.tcb = owe(t, 'ack');
    return o.note('RCV_SYN_CHALLENGE');
  }
  if (!(f & ACK)) return o.note('RCV_NO_ACK_DROPPED');

  // ACK processing
  if (t.state === 'SYN_RCVD' && !(seqGt(s.ack, t.sndUna) && seqLe(s.ack, t.sndNxt))) {
    o.go('rcv:STRAY');
    o.tcb = owe(t, 'rst', s.ack);
    return o.note('RCV_STRAY_SEGMENT');
  }
  if (t.state !== 'SYN_RCVD' && seqGt(s.ack, t.sndNxt)) {
    o.tcb = owe(t, 'ack');
    return o.note('RCV_ACK_UNSENT');
  }
  // from here on the segment is processed: one fresh copy of the record takes every change
  const n = copyTcb(t);
  o.tcb = n;
  if (n.owed === 'rst' || n.owed === 'rst-ack') {
    // a reset owed to an earlier stray segment is overtaken by this acceptable one (a kernel
    // would have sent it at once; here the player missed the moment)
    n.owed = 'none';
    n.owedSeq = -1;
    n.owedAck = -1;
  }
  if (n.state === 'SYN_RCVD') {
    n.state = o.go('rcv:ACK_OF_SYN');
    n.sndUna = s.ack;
    n.sndWnd = s.win;
    if (n.owed === 'syn-ack') n.owed = 'ack';
    o.note('RCV_HANDSHAKE_DONE');
  } else if (seqGt(s.ack, n.sndUna)) {
    n.sndUna = s.ack;
    n.sndWnd = s.win;
  } else if (s.ack === n.sndUna) {
    n.sndWnd = s.win; // a window update
  }
  let changed = false;
  if (n.finSeq !== -1 && seqGt(n.sndUna, n.finSeq)) {
    if (n.state === 'FIN_WAIT_1' || n.state === 'CLOSING' || n.state === 'LAST_ACK') {
      const state = o.go('rcv:ACK_OF_FIN');
      changed = true;
      if (state === 'CLOSED') {
        o.tcb = aborted(n);
        return o.note('RCV_CLOSED');
      }
      n.state = state;
      o.note('RCV_FIN_ACKED');
      if (state === 'TIME_WAIT') o.note('RCV_TIME_WAIT');
    }
  }

  // data
  if (len > 0) {
    if (n.state === 'ESTABLISHED' || n.state === 'FIN_WAIT_1' || n.state === 'FIN_WAIT_2') {
      o.go('rcv:DATA');
      n.rcvNxt = seqAdd(n.rcvNxt, len);
      n.owed = 'ack';
      o.note('RCV_DATA');
    } else {
      o.note('RCV_IGNORED');
    }
    changed = true;
  }

  // FIN
  if (f & FIN) {
    if (startState === 'FIN_WAIT_1' && n.state === 'FIN_WAIT_2') {
      // one FIN,ACK both acknowledged our FIN and closed the peer's side: the table's own row
      o.unrow();
      n.state = 'FIN_WAIT_1';
      n.state = o.go('rcv:FIN_ACK_OF_FIN');
    } else {
      n.state = o.go('rcv:FIN');
    }
    n.rcvNxt = seqAdd(n.rcvNxt, 1);
    n.owed = 'ack';
    if (n.state === 'CLOSING') o.note('RCV_SIMULTANEOUS_CLOSE');
    else o.note('RCV_FIN');
    if (n.state === 'TIME_WAIT') o.note('RCV_TIME_WAIT');
    changed = true;
  }
  if (!changed && o.noteCount === 0) {
    const row = TABLE[n.state]['rcv:ACK'];
    if (row) o.row(row.id);
    o.note('RCV_ACK');
  }
  return o;
}

function resetInSynRcvd(o: Outcome): Outcome {
  const t = o.tcb;
  o.go('rcv:RST');
  if (t.passive) {
    const n = aborted(t);
    n.state = 'LISTEN';
    o.tcb = n;
    return o.note('RCV_RESET_TO_LISTEN');
  }
  o.tcb = aborted(t);
  return o.note('RCV_REFUSED');
}
