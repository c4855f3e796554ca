/**
 * Milestones: things that happened in a game (a state entered, a note on an arrival, a
 * retransmission, a full 2MSL wait...), recorded once each. A scenario's lesson is a list of them
 * (LESSON_STEPS): its goal is met only when every one happened. The scoring units (the first
 * acknowledgment of the peer's SYN or FIN, an owed RST) are milestones too, so each scores once.
 */
import type { ArrivalNoteCode } from '../tcp/codes';
import type { SendKind } from '../tcp/transitions';
import type { Side, TcpState } from '../tcp/types';

export type Milestone =
  | `${Side}:state:${TcpState}`
  | `${Side}:rcv:${ArrivalNoteCode}`
  | `${Side}:retransmit:${SendKind}`
  /** TIME_WAIT ran its whole 2MSL and the side went to CLOSED. */
  | `${Side}:2msl`
  /** The side's FIN went on the ACK of the peer's FIN (CLOSE_WAIT lasted no time). */
  | `${Side}:fin-on-ack`
  /** Scoring units: the first segment acknowledging the peer's SYN / FIN, the first owed RST sent. */
  | `${Side}:acked:SYN`
  | `${Side}:acked:FIN`
  | `${Side}:rst-sent`;

/** The milestones the scenarios' lessons name; each has a text in both languages (lesson-texts). */
export const LESSON_STEPS = [
  'server:rcv:RCV_SYN_LISTEN',
  'client:rcv:RCV_HANDSHAKE_DONE',
  'server:rcv:RCV_HANDSHAKE_DONE',
  'client:rcv:RCV_STRAY_SEGMENT',
  'server:rcv:RCV_RESET_TO_LISTEN',
  'server:rcv:RCV_FIN',
  'client:rcv:RCV_FIN',
  'client:state:FIN_WAIT_2',
  'server:state:FIN_WAIT_2',
  'client:rcv:RCV_DUPLICATE',
  'server:state:LAST_ACK',
  'client:state:LAST_ACK',
  'client:2msl',
  'server:2msl',
  'server:fin-on-ack',
  'server:retransmit:FIN',
  'client:rcv:RCV_TIME_WAIT_RESTART',
  'client:retransmit:SYN',
  'server:retransmit:SYN_ACK',
  'client:rcv:RCV_SIMULTANEOUS_OPEN',
  'server:rcv:RCV_SIMULTANEOUS_OPEN',
  'client:state:CLOSING',
  'server:state:CLOSING',
  'server:rcv:RCV_NO_LISTENER',
  'client:rcv:RCV_REFUSED',
  'server:state:CLOSE_WAIT',
] as const satisfies readonly Milestone[];
export type LessonStep = (typeof LESSON_STEPS)[number];

/** Records a milestone (once); true when it is new. */
export function reach(list: Milestone[], m: Milestone): boolean {
  if (list.includes(m)) return false;
  list.push(m);
  return true;
}
