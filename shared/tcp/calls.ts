/**
 * Application calls (RFC 9293 section 3.10): listen, connect, close, send, abort. A call that puts
 * a segment on the wire builds the segment a correct kernel would send and judges it like any other,
 * so a call and a hand-composed segment go through one path.
 */
import { refuse, type JudgeError } from './judge-error';
import { aborted, judgeSend, MAX_SEGMENT_LEN, owedLabel, type SendVerdict } from './send';
import { TABLE } from './transitions';
import { ACK, FIN, PSH, RST, SYN, type AppCall, type Segment, type Tcb, copyTcb } from './types';

export type CallVerdict =
  | { readonly ok: true; readonly tcb: Tcb; readonly wire: Segment | null; readonly rowId: string }
  | { readonly ok: false; readonly error: JudgeError };

/** Applies an application call to a side's record; returns its new record and the segment sent, if any. */
export function judgeCall(t: Tcb, c: AppCall): CallVerdict {
  const st = t.state;
  switch (c.call) {
    case 'listen': {
      if (st === 'CLOSED' && t.owed !== 'none')
        return refuse('REPLY_OWED', st, 'call', owedLabel(t), 'listen()');
      if (st !== 'CLOSED') return refuse('CALL_LISTEN_NOT_CLOSED', st, 'call');
      const n = copyTcb(t);
      n.state = 'LISTEN';
      return { ok: true, tcb: n, wire: null, rowId: 'CLOSED|call:listen' };
    }
    case 'connect': {
      if (st === 'CLOSED' && t.owed !== 'none')
        return refuse('REPLY_OWED', st, 'call', owedLabel(t), 'connect()');
      if (st !== 'CLOSED') return refuse('CALL_CONNECT_NOT_CLOSED', st, 'call');
      const iss = c.iss ?? 0;
      return viaSegment(t, { flags: SYN, seq: iss, ack: 0, len: 0, win: t.rcvWnd }, 'CLOSED|call:connect');
    }
    case 'close': {
      if (st === 'CLOSED') return refuse('CALL_CLOSE_NOT_OPEN', st, 'call');
      if (st === 'LISTEN' || st === 'SYN_SENT') {
        return {
          ok: true,
          tcb: aborted(t),
          wire: null,
          rowId: `${st}|call:close`,
        };
      }
      if (t.finSeq !== -1) return refuse('CALL_CLOSE_TWICE', st, 'call');
      if (st === 'SYN_RCVD' && t.iss === -1) return refuse('REPLY_OWED', st, 'call', 'SYN,ACK', 'close()');
      return viaSegment(
        t,
        { flags: FIN | ACK, seq: t.sndNxt, ack: t.rcvNxt, len: 0, win: t.rcvWnd },
        `${st}|call:close`,
      );
    }
    case 'send': {
      const n = c.bytes;
      if (st !== 'ESTABLISHED' && st !== 'CLOSE_WAIT') {
        return refuse(t.finSeq !== -1 ? 'CALL_SEND_AFTER_CLOSE' : 'CALL_SEND_NOT_OPEN', st, 'call');
      }
      if (n === undefined || !Number.isInteger(n) || n < 1 || n > MAX_SEGMENT_LEN)
        return refuse('CALL_SEND_BAD_LENGTH', st, 'len', `1..${MAX_SEGMENT_LEN}`, String(n));
      const seg = { flags: PSH | ACK, seq: t.sndNxt, ack: t.rcvNxt, len: n, win: t.rcvWnd };
      const v = viaSegment(t, seg, `${st}|call:send`);
      if (!v.ok && v.error.code === 'DATA_EXCEEDS_WINDOW')
        return refuse('CALL_SEND_BAD_LENGTH', st, 'len', v.error.expected, n);
      return v;
    }
    case 'abort': {
      const row = TABLE[st]['call:abort'];
      if (!row) return refuse('CALL_ABORT_NOTHING', st, 'call');
      if (row.wire === 'none') {
        return { ok: true, tcb: aborted(t), wire: null, rowId: row.id };
      }
      if (t.iss === -1) return refuse('REPLY_OWED', st, 'call', 'SYN,ACK', 'abort()');
      return viaSegment(t, { flags: RST | ACK, seq: t.sndNxt, ack: t.rcvNxt, len: 0, win: t.rcvWnd }, row.id);
    }
  }
}

function viaSegment(t: Tcb, seg: Segment, rowId: string): CallVerdict {
  const v: SendVerdict = judgeSend(t, seg);
  if (!v.ok) return v;
  return { ok: true, tcb: v.tcb, wire: seg, rowId };
}
