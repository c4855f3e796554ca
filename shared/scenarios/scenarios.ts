/**
 * The scenarios of tcp-rules.md as data: what each side's application wants to do (its plan), what
 * the network does to segments on the way, and the states each side must end in. The texts that
 * tell players the goal are in scenario-texts.*.ts.
 */
import type { LessonStep } from '../game/lesson-steps';
import type { SendKind } from '../tcp/transitions';
import type { Side, TcpState } from '../tcp/types';

export const SCENARIO_IDS = [
  'three-way-handshake',
  'delayed-duplicate-syn',
  'client-closes-first',
  'server-closes-first',
  'piggybacked-teardown',
  'lost-last-ack',
  'old-segment-new-connection',
  'lost-syn-or-syn-ack',
  'simultaneous-open',
  'simultaneous-close',
  'connection-refused',
  'forgotten-close',
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** One thing a side's application wants, done once, when the side is in one of `when`. */
export interface PlanStep {
  readonly intent: 'listen' | 'open' | 'send' | 'close';
  readonly when: readonly TcpState[];
  /** For send: how many octets. */
  readonly bytes?: number;
  /**
   * How many of the peer's plan steps must be done before this one is offered: a side is never
   * given a move that the peer's pending move can spoil (connect() waits for the server's listen()).
   */
  readonly afterPeer?: number;
  /** For close in CLOSE_WAIT: the FIN goes on the ACK of the peer's FIN (the three-segment teardown). */
  readonly piggyback?: boolean;
}

/**
 * Which segment a network event applies to: the nth (1-based) segment of that kind a side sends
 * (while in `senderState`, when given), or every such segment when `nth` is absent.
 */
export interface SegmentMatch {
  readonly from: Side;
  readonly kind: SendKind;
  readonly nth?: number;
  readonly senderState?: TcpState;
}

export type NetworkEvent =
  /** Loses the segment; with `until`, every matching segment until that lesson step has happened. */
  | { readonly type: 'lose'; readonly match: SegmentMatch; readonly until?: LessonStep }
  | { readonly type: 'duplicate'; readonly match: SegmentMatch }
  /**
   * Holds the segment `flights` in-flight times; with `untilPeerSends`, also until the peer has
   * sent a segment of that kind, so the two cross whatever the players' think times.
   */
  | {
      readonly type: 'delay';
      readonly match: SegmentMatch;
      readonly flights: number;
      readonly untilPeerSends?: SendKind;
    }
  /**
   * A segment nobody in this game sent arrives at `to` as soon as `to` is in `when`: an old SYN, a
   * segment of an earlier connection. Its numbers are offsets from the receiver's peer ISN (or the
   * receiver's own ISN for ack), so they are far from this connection's window.
   */
  | {
      readonly type: 'inject';
      readonly to: Side;
      readonly when: TcpState;
      readonly flags: readonly ('SYN' | 'ACK' | 'PSH' | 'FIN')[];
      readonly seqOffset: number;
      readonly len: number;
    };

export interface Scenario {
  readonly id: ScenarioId;
  readonly plans: Readonly<Record<Side, readonly PlanStep[]>>;
  readonly network: readonly NetworkEvent[];
  /** States each side may end in for the round to count as done. */
  readonly goal: Readonly<Record<Side, readonly TcpState[]>>;
  /**
   * What must have happened on the way for the goal to count: the events that carry the
   * scenario's lesson (texts in shared/i18n/lesson-texts.*.ts). A play that skips one does not meet
   * the goal, and the summary names the missing step.
   */
  readonly lesson: readonly LessonStep[];
  /**
   * How many scoring units each side's correct play fulfils (plan steps, first ACK of the peer's
   * SYN and of its FIN, an owed RST): a side that meets the goal ends with exactly this many, so a
   * network that took a unit away or added one changes no score (the fair-play test checks it).
   */
  readonly par: Readonly<Record<Side, number>>;
}

const listen: PlanStep = { intent: 'listen', when: ['CLOSED'] };
const open: PlanStep = { intent: 'open', when: ['CLOSED'] };
/** connect() once the server listens: a SYN must never reach a server that is about to listen. */
const openToListener: PlanStep = { intent: 'open', when: ['CLOSED'], afterPeer: 1 };
const closeWhenOpen: PlanStep = { intent: 'close', when: ['ESTABLISHED'] };
const closeAfterPeer: PlanStep = { intent: 'close', when: ['CLOSE_WAIT'] };
const closeEither: PlanStep = { intent: 'close', when: ['ESTABLISHED', 'CLOSE_WAIT'] };

function scenario(id: ScenarioId, s: Omit<Scenario, 'id'>): Scenario {
  return { id, ...s };
}

export const SCENARIOS: Readonly<Record<ScenarioId, Scenario>> = {
  'three-way-handshake': scenario('three-way-handshake', {
    plans: { client: [openToListener], server: [listen] },
    network: [],
    goal: { client: ['ESTABLISHED'], server: ['ESTABLISHED'] },
    lesson: ['server:rcv:RCV_SYN_LISTEN', 'client:rcv:RCV_HANDSHAKE_DONE', 'server:rcv:RCV_HANDSHAKE_DONE'],
    par: { client: 2, server: 2 },
  }),
  'delayed-duplicate-syn': scenario('delayed-duplicate-syn', {
    // the client is not connecting at all; an old SYN of an earlier attempt reaches the server
    plans: { client: [], server: [listen] },
    network: [{ type: 'inject', to: 'server', when: 'LISTEN', flags: ['SYN'], seqOffset: -70000, len: 0 }],
    goal: { client: ['CLOSED'], server: ['LISTEN'] },
    lesson: ['server:rcv:RCV_SYN_LISTEN', 'client:rcv:RCV_STRAY_SEGMENT', 'server:rcv:RCV_RESET_TO_LISTEN'],
    par: { client: 1, server: 2 },
  }),
  'client-closes-first': scenario('client-closes-first', {
    plans: {
      client: [openToListener, closeWhenOpen],
      server: [listen, { intent: 'send', when: ['CLOSE_WAIT'], bytes: 7 }, closeAfterPeer],
    },
    // the network delivers the server's data twice: the copy is an old duplicate, answered with an
    // ACK (segments of one side arrive in the order sent, so the copy lands before the server's FIN
    // and never in TIME_WAIT, where its ACK would draw an RST that ends the 2MSL wait early)
    network: [{ type: 'duplicate', match: { from: 'server', kind: 'DATA', nth: 1 } }],
    goal: { client: ['CLOSED'], server: ['CLOSED'] },
    lesson: [
      'server:rcv:RCV_FIN',
      'client:state:FIN_WAIT_2',
      'client:rcv:RCV_DUPLICATE',
      'server:state:LAST_ACK',
      'client:2msl',
    ],
    par: { client: 4, server: 5 },
  }),
  'server-closes-first': scenario('server-closes-first', {
    plans: {
      client: [openToListener, { intent: 'send', when: ['CLOSE_WAIT'], bytes: 3 }, closeAfterPeer],
      server: [listen, closeWhenOpen],
    },
    network: [],
    goal: { client: ['CLOSED'], server: ['CLOSED'] },
    lesson: ['client:rcv:RCV_FIN', 'server:state:FIN_WAIT_2', 'client:state:LAST_ACK', 'server:2msl'],
    par: { client: 5, server: 4 },
  }),
  'piggybacked-teardown': scenario('piggybacked-teardown', {
    plans: {
      client: [openToListener, closeWhenOpen],
      server: [listen, { intent: 'close', when: ['CLOSE_WAIT'], piggyback: true }],
    },
    network: [],
    goal: { client: ['CLOSED'], server: ['CLOSED'] },
    lesson: ['server:fin-on-ack', 'client:2msl'],
    par: { client: 4, server: 4 },
  }),
  'lost-last-ack': scenario('lost-last-ack', {
    plans: { client: [openToListener, closeWhenOpen], server: [listen, closeAfterPeer] },
    // the client's ACKs from TIME_WAIT are lost until the server has retransmitted its FIN: the last
    // ACK of the teardown, and any extra one, so the retransmission always happens
    network: [
      {
        type: 'lose',
        match: { from: 'client', kind: 'ACK', senderState: 'TIME_WAIT' },
        until: 'server:retransmit:FIN',
      },
    ],
    goal: { client: ['CLOSED'], server: ['CLOSED'] },
    lesson: ['server:retransmit:FIN', 'client:rcv:RCV_TIME_WAIT_RESTART', 'client:2msl'],
    par: { client: 4, server: 4 },
  }),
  'old-segment-new-connection': scenario('old-segment-new-connection', {
    plans: { client: [openToListener], server: [listen] },
    network: [
      {
        type: 'inject',
        to: 'client',
        when: 'ESTABLISHED',
        flags: ['PSH', 'ACK'],
        seqOffset: -100000,
        len: 20,
      },
    ],
    goal: { client: ['ESTABLISHED'], server: ['ESTABLISHED'] },
    lesson: ['client:rcv:RCV_DUPLICATE'],
    par: { client: 2, server: 2 },
  }),
  'lost-syn-or-syn-ack': scenario('lost-syn-or-syn-ack', {
    plans: { client: [openToListener], server: [listen] },
    network: [
      { type: 'lose', match: { from: 'client', kind: 'SYN', nth: 1 } },
      { type: 'lose', match: { from: 'server', kind: 'SYN_ACK', nth: 1 } },
    ],
    goal: { client: ['ESTABLISHED'], server: ['ESTABLISHED'] },
    lesson: ['client:retransmit:SYN', 'server:retransmit:SYN_ACK'],
    par: { client: 2, server: 2 },
  }),
  'simultaneous-open': scenario('simultaneous-open', {
    plans: { client: [open], server: [open] },
    // each SYN is held until the other side has sent its own: they cross
    network: [
      { type: 'delay', match: { from: 'client', kind: 'SYN', nth: 1 }, flights: 2, untilPeerSends: 'SYN' },
      { type: 'delay', match: { from: 'server', kind: 'SYN', nth: 1 }, flights: 2, untilPeerSends: 'SYN' },
    ],
    goal: { client: ['ESTABLISHED'], server: ['ESTABLISHED'] },
    lesson: ['client:rcv:RCV_SIMULTANEOUS_OPEN', 'server:rcv:RCV_SIMULTANEOUS_OPEN'],
    par: { client: 2, server: 2 },
  }),
  'simultaneous-close': scenario('simultaneous-close', {
    // the FINs cross (held below), so each closes from ESTABLISHED; should a teacher's drop let one
    // FIN arrive first, the other side still closes, from CLOSE_WAIT
    plans: { client: [openToListener, closeEither], server: [listen, closeEither] },
    // each FIN is held until the other side has sent its own: they cross
    network: [
      { type: 'delay', match: { from: 'client', kind: 'FIN', nth: 1 }, flights: 2, untilPeerSends: 'FIN' },
      { type: 'delay', match: { from: 'server', kind: 'FIN', nth: 1 }, flights: 2, untilPeerSends: 'FIN' },
    ],
    goal: { client: ['CLOSED'], server: ['CLOSED'] },
    lesson: ['client:state:CLOSING', 'server:state:CLOSING', 'client:2msl', 'server:2msl'],
    par: { client: 4, server: 4 },
  }),
  'connection-refused': scenario('connection-refused', {
    // nobody listens: the client may connect at once
    plans: { client: [open], server: [] },
    network: [],
    goal: { client: ['CLOSED'], server: ['CLOSED'] },
    lesson: ['server:rcv:RCV_NO_LISTENER', 'client:rcv:RCV_REFUSED'],
    par: { client: 1, server: 1 },
  }),
  'forgotten-close': scenario('forgotten-close', {
    // the server's application never calls close(): its side stays in CLOSE_WAIT
    plans: { client: [openToListener, closeWhenOpen], server: [listen] },
    network: [],
    goal: { client: ['FIN_WAIT_2'], server: ['CLOSE_WAIT'] },
    lesson: ['server:state:CLOSE_WAIT', 'client:state:FIN_WAIT_2'],
    par: { client: 3, server: 3 },
  }),
};

/** True for a known scenario id. */
export function isScenarioId(x: unknown): x is ScenarioId {
  return typeof x === 'string' && (SCENARIO_IDS as readonly string[]).includes(x);
}
