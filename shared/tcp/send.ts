/**
 * Judging a segment a side sends: is it what a correct TCP in this state would put on the wire?
 * Pure: returns the sender's new record or a refusal, never changes its input.
 */
import { refuse, type JudgeError } from './judge-error';
import { isUint32, seqAdd, seqGe, seqGt, seqLe, seqLt } from './seq';
import { TABLE, type SendKind, type Trigger, type TransitionRow } from './transitions';
import {
  ACK,
  FIN,
  RST,
  SYN,
  type Segment,
  type Tcb,
  type TcpState,
  closedTcb,
  copyTcb,
  type MutableTcb,
} from './types';
import { flagLabel } from './flags';

export const MAX_SEGMENT_LEN = 65535;
export const MAX_WINDOW = 1 << 30;

export type SendVerdict =
  | {
      readonly ok: true;
      readonly tcb: Tcb;
      readonly kind: SendKind;
      /** The table row applied (for a retransmission, the row of the state it stays in). */
      readonly row: TransitionRow;
      readonly retransmission: boolean;
    }
  | { readonly ok: false; readonly error: JudgeError };

function rowFor(state: TcpState, on: Trigger): TransitionRow {
  const r = TABLE[state][on];
  if (!r) throw new Error(`transition table has no row ${state}|${on}`);
  return r;
}

/** Checks the numbers and flags of a segment a side sends and returns its record after sending. */
export function judgeSend(t: Tcb, s: Segment): SendVerdict {
  const f = s.flags;
  if (!isUint32(s.seq)) return refuse('BAD_SEGMENT', t.state, 'seq', '0..4294967295', String(s.seq));
  if (!isUint32(s.ack)) return refuse('BAD_SEGMENT', t.state, 'ack', '0..4294967295', String(s.ack));
  if (!Number.isInteger(s.len) || s.len < 0 || s.len > MAX_SEGMENT_LEN)
    return refuse('BAD_SEGMENT', t.state, 'len', `0..${MAX_SEGMENT_LEN}`, String(s.len));
  if (!Number.isInteger(s.win) || s.win < 0 || s.win > MAX_WINDOW)
    return refuse('BAD_SEGMENT', t.state, 'win', `0..${MAX_WINDOW}`, String(s.win));
  if (!Number.isInteger(f) || f < 0 || f > 0x3f) return refuse('BAD_SEGMENT', t.state, 'flags');
  if ((f & SYN && f & (FIN | RST)) || (f & RST && f & FIN))
    return refuse('FLAGS_CONFLICT', t.state, 'flags', undefined, flagLabel(f));
  if (f & RST) return sendRst(t, s);
  if (f & SYN) return sendSyn(t, s);
  return sendInSyncedState(t, s);
}

/** The reply a side owes, as flags. */
export function owedLabel(t: Tcb): string {
  switch (t.owed) {
    case 'syn-ack':
      return 'SYN,ACK';
    case 'rst':
      return 'RST';
    case 'rst-ack':
      return 'RST,ACK';
    default:
      return 'ACK';
  }
}

function sendRst(t: Tcb, s: Segment): SendVerdict {
  const f = s.flags;
  if (t.owed === 'rst') {
    // answering a segment that belongs to no connection: <SEQ=SEG.ACK><CTL=RST>
    if (s.seq !== t.owedSeq) return refuse('RST_SEQ_WRONG', t.state, 'seq', t.owedSeq, s.seq);
    return accepted(replied(t), 'RST', rowFor(t.state, 'send:RST'));
  }
  if (t.owed === 'rst-ack') {
    // refusing a SYN: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
    if (!(f & ACK)) return refuse('RST_ACK_WRONG', t.state, 'flags', 'RST,ACK', flagLabel(f));
    if (s.ack !== t.owedAck) return refuse('RST_ACK_WRONG', t.state, 'ack', t.owedAck, s.ack);
    if (s.seq !== t.owedSeq) return refuse('RST_SEQ_WRONG', t.state, 'seq', t.owedSeq, s.seq);
    return accepted(replied(t), 'RST', rowFor(t.state, 'send:RST'));
  }
  const abort = TABLE[t.state]['call:abort'];
  if (!abort || abort.wire !== 'RST') return refuse('RST_NOTHING_TO_RESET', t.state, 'flags');
  if (t.iss === -1) return refuse('REPLY_OWED', t.state, 'flags', owedLabel(t), flagLabel(f));
  // an abort: <SEQ=SND.NXT><CTL=RST>, and real stacks add ACK=RCV.NXT
  if (s.seq !== t.sndNxt) return seqError(t, s.seq, 'RST_SEQ_WRONG');
  if (f & ACK && s.ack !== t.rcvNxt) return ackError(t, s.ack);
  return accepted(aborted(t), 'RST', abort);
}

/** The record after an abort or reset: CLOSED, keeping only the window the host advertises. */
export function aborted(t: Tcb): MutableTcb {
  return closedTcb(t.rcvWnd);
}

function sendSyn(t: Tcb, s: Segment): SendVerdict {
  const f = s.flags;
  if (s.len > 0) return refuse('SYN_WITH_DATA', t.state, 'len', 0, s.len);
  if (t.owed === 'rst' || t.owed === 'rst-ack')
    return refuse('REPLY_OWED', t.state, 'flags', owedLabel(t), flagLabel(f));
  if (f & ACK) {
    if (t.state !== 'SYN_RCVD') {
      if (t.state === 'CLOSED') return refuse('FIRST_SYN_HAS_ACK', t.state, 'flags', 'SYN', flagLabel(f));
      if (t.state === 'LISTEN' || t.state === 'SYN_SENT')
        return refuse('SYN_ACK_UNPROMPTED', t.state, 'flags', undefined, flagLabel(f));
      return refuse('SYN_NOT_ALLOWED', t.state, 'flags', undefined, flagLabel(f));
    }
    // the first SYN,ACK chooses the ISN y freely (any number, even one equal to the peer's);
    // a later one repeats it
    if (t.iss !== -1 && s.seq !== t.iss) {
      return refuse('SYN_SEQ_CHANGED', t.state, 'seq', t.iss, s.seq);
    }
    if (s.ack !== t.rcvNxt) return ackError(t, s.ack);
    // the owed reply to a SYN (also in a simultaneous open, where our ISN is already chosen);
    // otherwise the same SYN,ACK again
    const reply = t.owed === 'syn-ack';
    const next = sent(t, s);
    if (t.iss === -1) {
      next.iss = s.seq;
      next.sndUna = s.seq;
      next.sndNxt = seqAdd(s.seq, 1);
    }
    return {
      ok: true,
      tcb: next,
      kind: 'SYN_ACK',
      row: rowFor('SYN_RCVD', reply ? 'send:SYN_ACK' : 'timer:RTO'),
      retransmission: !reply,
    };
  }
  switch (t.state) {
    case 'CLOSED': {
      const next = sent(t, s);
      next.state = 'SYN_SENT';
      next.iss = s.seq;
      next.sndUna = s.seq;
      next.sndNxt = seqAdd(s.seq, 1);
      next.passive = false;
      return accepted(next, 'SYN', rowFor('CLOSED', 'send:SYN'));
    }
    case 'SYN_SENT':
      if (s.seq !== t.iss) return refuse('SYN_SEQ_CHANGED', t.state, 'seq', t.iss, s.seq);
      return { ok: true, tcb: t, kind: 'SYN', row: rowFor('SYN_SENT', 'timer:RTO'), retransmission: true };
    case 'SYN_RCVD':
      return refuse('SYN_ACK_MISSING_ACK', t.state, 'flags', 'SYN,ACK', flagLabel(f));
    default:
      return refuse('SYN_NOT_ALLOWED', t.state, 'flags', undefined, flagLabel(f));
  }
}

function sendInSyncedState(t: Tcb, s: Segment): SendVerdict {
  const f = s.flags;
  if (t.owed === 'syn-ack' || t.owed === 'rst' || t.owed === 'rst-ack')
    return refuse('REPLY_OWED', t.state, 'flags', owedLabel(t), flagLabel(f));
  const st = t.state;
  if (st === 'CLOSED' || st === 'LISTEN' || st === 'SYN_SENT')
    return refuse('NOT_SYNCHRONIZED', st, 'flags', undefined, flagLabel(f));
  if (!(f & ACK)) return refuse('MISSING_ACK_FLAG', st, 'flags', flagLabel(f | ACK), flagLabel(f));

  if (f & FIN) return sendFin(t, s);
  if (s.len > 0) return sendData(t, s);

  // a pure ACK (also a duplicate ACK or a window update): <SEQ=SND.NXT><ACK=RCV.NXT>
  if (s.seq !== t.sndNxt) return seqError(t, s.seq);
  if (s.ack !== t.rcvNxt) return ackError(t, s.ack);
  const row = TABLE[st]['send:ACK'];
  if (!row) return refuse('NOT_SYNCHRONIZED', st, 'flags', undefined, flagLabel(f));
  return accepted(t.owed === 'none' && t.rcvWnd === s.win ? t : sent(t, s), 'ACK', row);
}

function sendData(t: Tcb, s: Segment): SendVerdict {
  const st = t.state;
  if (s.seq === t.sndNxt) {
    if (t.finSeq !== -1) return refuse('DATA_AFTER_FIN', st, 'len', 0, s.len);
    const row = TABLE[st]['send:DATA'];
    if (!row) return refuse('NOT_SYNCHRONIZED', st, 'len', 0, s.len);
    if (s.ack !== t.rcvNxt) return ackError(t, s.ack);
    const room = windowRoom(t);
    if (s.len > room) return refuse('DATA_EXCEEDS_WINDOW', st, 'len', room, s.len);
    const next = sent(t, s);
    next.sndNxt = seqAdd(t.sndNxt, s.len);
    return accepted(next, 'DATA', row);
  }
  // a retransmission resends bytes between SND.UNA and SND.NXT (never the SYN, never past our FIN)
  const dataEnd = t.finSeq !== -1 ? t.finSeq : t.sndNxt;
  const end = seqAdd(s.seq, s.len);
  if (seqGe(s.seq, t.sndUna) && seqLt(s.seq, dataEnd) && seqLe(end, dataEnd) && seqGt(s.seq, t.iss)) {
    if (s.ack !== t.rcvNxt) return ackError(t, s.ack);
    return retransmitted(t, s, 'DATA');
  }
  if (seqGe(s.seq, t.sndUna) && seqLt(s.seq, t.sndNxt))
    return refuse('RETRANSMIT_MISMATCH', st, 'seq', t.sndUna, s.seq);
  return seqError(t, s.seq);
}

function sendFin(t: Tcb, s: Segment): SendVerdict {
  const st = t.state;
  const finAt = seqAdd(s.seq, s.len);
  if (t.finSeq !== -1) {
    // only the same FIN again, while it is unacknowledged
    if (finAt === t.finSeq && seqGe(s.seq, t.sndUna) && seqLe(t.sndUna, t.finSeq)) {
      if (s.ack !== t.rcvNxt) return ackError(t, s.ack);
      return retransmitted(t, s, 'FIN');
    }
    if (s.seq === t.sndNxt || seqGt(t.sndUna, t.finSeq))
      return refuse('FIN_ALREADY_SENT', st, 'flags', flagLabel(s.flags & ~FIN), flagLabel(s.flags));
    return refuse('RETRANSMIT_MISMATCH', st, 'seq', seqAdd(t.finSeq, -s.len), s.seq);
  }
  const row = TABLE[st]['send:FIN'];
  if (!row) return refuse('NOT_SYNCHRONIZED', st, 'flags', undefined, flagLabel(s.flags));
  if (s.len > 0 && st === 'SYN_RCVD') return refuse('NOT_SYNCHRONIZED', st, 'len', 0, s.len);
  if (s.seq !== t.sndNxt) return seqError(t, s.seq);
  if (s.ack !== t.rcvNxt) return ackError(t, s.ack);
  if (s.len > 0) {
    const room = windowRoom(t);
    if (s.len > room) return refuse('DATA_EXCEEDS_WINDOW', st, 'len', room, s.len);
  }
  const next = sent(t, s);
  next.state = row.to;
  next.finSeq = finAt;
  next.sndNxt = seqAdd(finAt, 1);
  return accepted(next, 'FIN', row);
}

/** Octets the peer's window still admits after what is in flight. */
function windowRoom(t: Tcb): number {
  const inFlight = (t.sndNxt - t.sndUna) >>> 0;
  return t.sndWnd > inFlight ? t.sndWnd - inFlight : 0;
}

function retransmitted(t: Tcb, s: Segment, kind: SendKind): SendVerdict {
  const row = TABLE[t.state]['timer:RTO'];
  if (!row) return refuse('RETRANSMIT_MISMATCH', t.state, 'seq', t.sndUna, s.seq);
  return { ok: true, tcb: sent(t, s), kind, row, retransmission: true };
}

/** A copy of the sender's record after it sent s: nothing owed, its advertised window noted. */
function sent(t: Tcb, s: Segment): MutableTcb {
  const n = copyTcb(t);
  n.owed = 'none';
  n.rcvWnd = s.win;
  return n;
}

/** A copy of the record after the owed RST went out. */
function replied(t: Tcb): MutableTcb {
  const n = copyTcb(t);
  n.owed = 'none';
  n.owedSeq = -1;
  n.owedAck = -1;
  return n;
}

function accepted(tcb: Tcb, kind: SendKind, row: TransitionRow): SendVerdict {
  return { ok: true, tcb, kind, row, retransmission: false };
}

/** Names what is wrong with a seq that is not SND.NXT. */
function seqError(t: Tcb, seq: number, code?: 'RST_SEQ_WRONG'): { ok: false; error: JudgeError } {
  if (code) return refuse(code, t.state, 'seq', t.sndNxt, seq);
  if ((seq === t.rcvNxt || seq === t.irs) && t.rcvNxt !== -1)
    return refuse('SEQ_PEER_SPACE', t.state, 'seq', t.sndNxt, seq);
  if (seqGt(seq, t.sndNxt)) return refuse('SEQ_SKIPPED', t.state, 'seq', t.sndNxt, seq);
  return refuse('SEQ_REUSED', t.state, 'seq', t.sndNxt, seq);
}

/** Names what is wrong with an ack that is not RCV.NXT. */
function ackError(t: Tcb, ack: number): { ok: false; error: JudgeError } {
  const want = t.rcvNxt;
  if (ack === seqAdd(want, -1)) return refuse('ACK_OFF_BY_ONE', t.state, 'ack', want, ack);
  if (t.iss !== -1 && (ack === t.sndNxt || ack === t.iss || ack === seqAdd(t.iss, 1)))
    return refuse('ACK_OWN_SPACE', t.state, 'ack', want, ack);
  if (seqGt(ack, want)) return refuse('ACK_AHEAD', t.state, 'ack', want, ack);
  return refuse('ACK_BEHIND', t.state, 'ack', want, ack);
}
