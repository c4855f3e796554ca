/**
 * What a correct TCP does with a segment that arrives (RFC 9293 section 3.10.7): acceptability,
 * RST and SYN checks, ACK processing, data and FIN. Arrival is never refused: the receiver keeps,
 * drops or answers the segment, and notes why. Pure.
 */
import type { ArrivalNoteCode } from './codes';
import { aborted } from './send';
import { seqAdd, seqGt, seqInWindow, seqLe, seqLt } from './seq';
import { TABLE, type Trigger, type TransitionRow } from './transitions';
import { ACK, FIN, RST, SYN, segmentSpace, type Segment, type Tcb, type TcpState } from './types';

export interface ArrivalOutcome {
  readonly tcb: Tcb;
  readonly notes: ArrivalNoteCode[];
  /** Ids of the table rows applied, in order. */
  readonly rows: string[];
  /** A retransmitted FIN reached TIME_WAIT: the 2MSL timer starts again. */
  readonly restart2msl: boolean;
}

class Outcome {
  notes: ArrivalNoteCode[] = [];
  rows: string[] = [];
  restart2msl = false;
  constructor(public tcb: Tcb) {}
  note(code: ArrivalNoteCode): this {
    this.notes.push(code);
    return this;
  }
  /** Applies the table row for this trigger in the current state and returns its target state. */
  go(on: Trigger): TcpState {
    const row: TransitionRow | undefined = TABLE[this.tcb.state][on];
    if (!row) throw new Error(`transition table has no row ${this.tcb.state}|${on}`);
    this.rows.push(row.id);
    return row.to;
  }
  done(): ArrivalOutcome {
    return { tcb: this.tcb, notes: this.notes, rows: this.rows, restart2msl: this.restart2msl };
  }
}

/** Processes a segment arriving at a side and returns that side's new record and notes. */
export function judgeArrival(t: Tcb, s: Segment): ArrivalOutcome {
  const o = new Outcome(t);
  switch (t.state) {
    case 'CLOSED':
      return arriveClosed(o, s).done();
    case 'LISTEN':
      return arriveListen(o, s).done();
    case 'SYN_SENT':
      return arriveSynSent(o, s).done();
    default:
      return arriveSynchronized(o, s).done();
  }
}

function owe(t: Tcb, owed: Tcb['owed'], seq = -1, ack = -1): Tcb {
  return { ...t, owed, owedSeq: seq, owedAck: ack };
}

function arriveClosed(o: Outcome, s: Segment): Outcome {
  const t = o.tcb;
  if (s.flags & RST) return o.note('RCV_IGNORED');
  if (s.flags & ACK) {
    o.go('rcv:STRAY');
    o.tcb = owe(t, 'rst', s.ack);
    return o.note('RCV_STRAY_SEGMENT');
  }
  o.go('rcv:SYN');
  o.tcb = owe(t, 'rst-ack', 0, seqAdd(s.seq, segmentSpace(s)));
  return o.note(s.flags & SYN ? 'RCV_NO_LISTENER' : 'RCV_STRAY_SEGMENT');
}

function arriveListen(o: Outcome, s: Segment): Outcome {
  const t = o.tcb;
  if (s.flags & RST) return o.note('RCV_IGNORED');
  if (s.flags & ACK) {
    o.go('rcv:STRAY');
    o.tcb = owe(t, 'rst', s.ack);
    return o.note('RCV_STRAY_SEGMENT');
  }
  if (!(s.flags & SYN)) return o.note('RCV_IGNORED');
  const state = o.go('rcv:SYN');
  o.tcb = {
    ...t,
    state,
    irs: s.seq,
    rcvNxt: seqAdd(s.seq, 1),
    sndWnd: s.win,
    passive: true,
    owed: 'syn-ack',
    owedSeq: -1,
    owedAck: -1,
  };
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
  if (ackOk) {
    const state = o.go('rcv:SYN_ACK');
    o.tcb = {
      ...t,
      state,
      irs: s.seq,
      rcvNxt: seqAdd(s.seq, 1),
      sndUna: s.ack,
      sndWnd: s.win,
      owed: 'ack',
    };
    return o.note('RCV_HANDSHAKE_DONE');
  }
  // both sides opened at once: answer with SYN,ACK carrying our own ISN
  const state = o.go('rcv:SYN');
  o.tcb = { ...t, state, irs: s.seq, rcvNxt: seqAdd(s.seq, 1), sndWnd: s.win, owed: 'syn-ack' };
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
  let t = o.tcb;
  const startState = t.state;
  const f = s.flags;
  if (t.state === 'SYN_RCVD' && t.iss === -1) {
    // our SYN,ACK is still owed: a repeated SYN changes nothing, an RST ends the attempt
    if (f & RST) return resetInSynRcvd(o);
    return o.note('RCV_DUPLICATE');
  }
  // simultaneous open: the peer's SYN,ACK repeats its SYN and acknowledges ours (as Linux accepts it)
  if (t.state === 'SYN_RCVD' && f & SYN && f & ACK && s.seq === t.irs && s.ack === t.sndNxt) {
    const state = o.go('rcv:SYN_ACK');
    o.tcb = { ...t, state, sndUna: s.ack, sndWnd: s.win };
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
  if (t.state === 'SYN_RCVD') {
    if (!(seqGt(s.ack, t.sndUna) && seqLe(s.ack, t.sndNxt))) {
      o.go('rcv:STRAY');
      o.tcb = owe(t, 'rst', s.ack);
      return o.note('RCV_STRAY_SEGMENT');
    }
    const state = o.go('rcv:ACK_OF_SYN');
    t = { ...t, state, sndUna: s.ack, sndWnd: s.win };
    o.note('RCV_HANDSHAKE_DONE');
  } else if (seqGt(s.ack, t.sndNxt)) {
    o.tcb = owe(t, 'ack');
    return o.note('RCV_ACK_UNSENT');
  } else if (seqGt(s.ack, t.sndUna)) {
    t = { ...t, sndUna: s.ack, sndWnd: s.win };
  } else if (s.ack === t.sndUna && s.win !== t.sndWnd) {
    t = { ...t, sndWnd: s.win };
  }
  const finAcked = t.finSeq !== -1 && seqGt(t.sndUna, t.finSeq);
  let changed = false;
  if (finAcked && (t.state === 'FIN_WAIT_1' || t.state === 'CLOSING' || t.state === 'LAST_ACK')) {
    o.tcb = t;
    const state = o.go('rcv:ACK_OF_FIN');
    t = state === 'CLOSED' ? aborted(t) : { ...t, state };
    o.note(state === 'CLOSED' ? 'RCV_CLOSED' : 'RCV_FIN_ACKED');
    if (state === 'TIME_WAIT') o.note('RCV_TIME_WAIT');
    changed = true;
    if (state === 'CLOSED') {
      o.tcb = t;
      return o;
    }
  }

  // data
  if (len > 0) {
    if (t.state === 'ESTABLISHED' || t.state === 'FIN_WAIT_1' || t.state === 'FIN_WAIT_2') {
      o.tcb = t;
      o.go('rcv:DATA');
      t = { ...t, rcvNxt: seqAdd(t.rcvNxt, len), owed: 'ack' };
      o.note('RCV_DATA');
    } else {
      o.note('RCV_IGNORED');
    }
    changed = true;
  }

  // FIN
  if (f & FIN) {
    o.tcb = t;
    let state: TcpState;
    if (startState === 'FIN_WAIT_1' && t.state === 'FIN_WAIT_2') {
      // one FIN,ACK both acknowledged our FIN and closed the peer's side: the table's own row
      o.rows.pop();
      o.tcb = { ...t, state: 'FIN_WAIT_1' };
      state = o.go('rcv:FIN_ACK_OF_FIN');
    } else {
      state = o.go('rcv:FIN');
    }
    t = { ...t, state, rcvNxt: seqAdd(t.rcvNxt, 1), owed: 'ack' };
    if (state === 'CLOSING') o.note('RCV_SIMULTANEOUS_CLOSE');
    else o.note('RCV_FIN');
    if (state === 'TIME_WAIT') o.note('RCV_TIME_WAIT');
    changed = true;
  }
  if (!changed && o.notes.length === 0) {
    if (t.state !== 'TIME_WAIT' && TABLE[t.state]['rcv:ACK']) o.rows.push(`${t.state}|rcv:ACK`);
    o.note('RCV_ACK');
  }
  o.tcb = t;
  return o;
}

function resetInSynRcvd(o: Outcome): Outcome {
  const t = o.tcb;
  o.go('rcv:RST');
  if (t.passive) {
    o.tcb = { ...aborted(t), state: 'LISTEN' };
    return o.note('RCV_RESET_TO_LISTEN');
  }
  o.tcb = aborted(t);
  return o.note('RCV_REFUSED');
}
