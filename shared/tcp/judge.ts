/**
 * The judge over a whole connection: one side moves (an application call or a segment it
 * composed); a segment later arrives at the other side. Sending and arrival are separate steps so
 * that the network can hold, lose, duplicate or reorder segments in between.
 */
import { deliverTo } from './arrive';
import { judgeCall } from './calls';
import type { ArrivalNoteCode } from './codes';
import type { JudgeError } from './judge-error';
import { aborted, judgeSend } from './send';
import type { SendKind } from './transitions';
import { withSide, type Connection, type Move, type Segment, type Side } from './types';

export type Verdict =
  | {
      readonly ok: true;
      readonly conn: Connection;
      /** What goes on the wire, if anything. */
      readonly wire: Segment | null;
      readonly kind: SendKind | 'call';
      readonly rowId: string;
      readonly retransmission: boolean;
    }
  | { readonly ok: false; readonly error: JudgeError };

export interface Arrival {
  readonly conn: Connection;
  readonly notes: ArrivalNoteCode[];
  readonly rows: string[];
  readonly restart2msl: boolean;
}

/** Judges one side's move; on success returns the new connection and the segment put on the wire. */
export function judge(conn: Connection, side: Side, move: Move): Verdict {
  const t = side === 'client' ? conn.client : conn.server;
  if (move.kind === 'segment') {
    const v = judgeSend(t, move.segment);
    if (!v.ok) return v;
    return {
      ok: true,
      conn: withSide(conn, side, v.tcb),
      wire: move.segment,
      kind: v.kind,
      rowId: v.row.id,
      retransmission: v.retransmission,
    };
  }
  const v = judgeCall(t, move.call);
  if (!v.ok) return v;
  return {
    ok: true,
    conn: withSide(conn, side, v.tcb),
    wire: v.wire,
    kind: 'call',
    rowId: v.rowId,
    retransmission: false,
  };
}

/** A segment arrives at side `to`: returns the connection after that side processed it. */
export function deliver(conn: Connection, to: Side, seg: Segment): Arrival {
  return deliverTo(conn, to, seg);
}

/** The 2MSL timer of a side in TIME_WAIT ran out: it goes to CLOSED. */
export function expireTimeWait(conn: Connection, side: Side): Connection {
  const t = side === 'client' ? conn.client : conn.server;
  if (t.state !== 'TIME_WAIT') return conn;
  return withSide(conn, side, aborted(t));
}

/** The SYN_RCVD give-up timer ran out (the SYN,ACK retries are spent): a passive open goes back to LISTEN. */
export function expireSynRcvd(conn: Connection, side: Side): Connection {
  const t = side === 'client' ? conn.client : conn.server;
  if (t.state !== 'SYN_RCVD') return conn;
  const closed = aborted(t);
  if (t.passive) closed.state = 'LISTEN';
  return withSide(conn, side, closed);
}
