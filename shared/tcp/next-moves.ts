/**
 * The correct next move(s) of a side, from its record and what its application wants. The hints,
 * the bot and the teacher's statistics use it; every move it returns passes the judge.
 */
import { judgeCall } from './calls';
import { judgeSend } from './send';
import { seqAdd } from './seq';
import { ACK, FIN, PSH, RST, SYN, type Move, type Segment, type Tcb } from './types';

/** What the application on this side is trying to do. */
export type Intent = 'listen' | 'open' | 'send' | 'close' | 'abort' | 'reply';

export interface NextMoveOptions {
  readonly intent?: Intent;
  /** The ISN to use when this side must choose one. */
  readonly iss?: number;
  /** Octets to send for the 'send' intent. */
  readonly bytes?: number;
}

function seg(flags: number, seq: number, ack: number, t: Tcb, len = 0): Move {
  return { kind: 'segment', segment: { flags, seq, ack, len, win: t.rcvWnd } };
}

/**
 * Correct next moves, most natural first: the owed reply (if any) comes first, then what the
 * intent asks for. An empty list means: nothing to do but wait.
 */
export function nextMoves(t: Tcb, opts: NextMoveOptions = {}): Move[] {
  const out: Move[] = [];
  const iss = opts.iss ?? 0;
  switch (t.owed) {
    case 'syn-ack':
      out.push(seg(SYN | ACK, t.iss === -1 ? iss : t.iss, t.rcvNxt, t));
      break;
    case 'rst':
      out.push(seg(RST, t.owedSeq, 0, t));
      break;
    case 'rst-ack':
      out.push(seg(RST | ACK, t.owedSeq, t.owedAck, t));
      break;
    case 'ack':
      if (opts.intent === 'close' && t.state === 'CLOSE_WAIT' && t.finSeq === -1) {
        // the passive closer may put its FIN on the ACK of the peer's FIN
        out.push(seg(FIN | ACK, t.sndNxt, t.rcvNxt, t));
      }
      out.push(seg(ACK, t.sndNxt, t.rcvNxt, t));
      break;
    default:
      break;
  }
  if (t.owed === 'none' || t.owed === 'ack') {
    const call = intentMove(t, opts, iss);
    if (call && !out.some((m) => sameMove(m, call))) out.push(call);
  }
  return out.filter((m) => (m.kind === 'segment' ? judgeSend(t, m.segment).ok : judgeCall(t, m.call).ok));
}

function intentMove(t: Tcb, opts: NextMoveOptions, iss: number): Move | null {
  switch (opts.intent) {
    case 'listen':
      return t.state === 'CLOSED' ? { kind: 'call', call: { call: 'listen' } } : null;
    case 'open':
      return t.state === 'CLOSED' ? seg(SYN, iss, 0, t) : null;
    case 'send': {
      const n = opts.bytes ?? 1;
      return t.state === 'ESTABLISHED' || t.state === 'CLOSE_WAIT'
        ? seg(PSH | ACK, t.sndNxt, t.rcvNxt, t, n)
        : null;
    }
    case 'close':
      if (t.finSeq !== -1) return null;
      if (t.state === 'ESTABLISHED' || t.state === 'CLOSE_WAIT' || (t.state === 'SYN_RCVD' && t.iss !== -1))
        return seg(FIN | ACK, t.sndNxt, t.rcvNxt, t);
      return null;
    case 'abort':
      return t.iss !== -1 && t.state !== 'TIME_WAIT' && t.state !== 'CLOSED'
        ? seg(RST | ACK, t.sndNxt, t.rcvNxt, t)
        : null;
    default:
      return null;
  }
}

function sameMove(a: Move, b: Move): boolean {
  if (a.kind !== 'segment' || b.kind !== 'segment') return false;
  const x = a.segment;
  const y = b.segment;
  return x.flags === y.flags && x.seq === y.seq && x.ack === y.ack && x.len === y.len;
}

/**
 * The segment the retransmission timer sends again: the oldest unacknowledged one, with its
 * original seq (RFC 6298). Null when nothing is unacknowledged.
 */
export function retransmissionOf(t: Tcb): Segment | null {
  if (t.iss === -1 || t.sndUna === t.sndNxt || t.sndUna === -1) return null;
  if (t.state === 'SYN_SENT') return { flags: SYN, seq: t.iss, ack: 0, len: 0, win: t.rcvWnd };
  if (t.state === 'SYN_RCVD' && t.sndUna === t.iss)
    return { flags: SYN | ACK, seq: t.iss, ack: t.rcvNxt, len: 0, win: t.rcvWnd };
  const dataEnd = t.finSeq !== -1 ? t.finSeq : t.sndNxt;
  const len = (dataEnd - t.sndUna) >>> 0;
  const withFin = t.finSeq !== -1 && seqAdd(t.sndUna, len) === t.finSeq;
  const flags = ACK | (withFin ? FIN : 0) | (len > 0 ? PSH : 0);
  return { flags, seq: t.sndUna, ack: t.rcvNxt, len, win: t.rcvWnd };
}
