/**
 * The scenarios of tcp-rules.md as data: what each side's application wants to do (its plan), what
 * the network does to segments on the way, and the states each side must end in. The texts that
 * tell players the goal are in scenario-texts.*.ts.
 */
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
}

/**
 * Which segment a network event applies to: the nth (1-based) segment of that kind a side sends
 * (while in `senderState`, when given).
 */
export interface SegmentMatch {
  readonly from: Side;
  readonly kind: SendKind;
  readonly nth: number;
  readonly senderState?: TcpState;
}

export type NetworkEvent =
  | { readonly type: 'lose'; readonly match: SegmentMatch }
  | { readonly type: 'duplicate'; readonly match: SegmentMatch }
  /** Holds the segment `flights` in-flight times longer than usual. */
  | { readonly type: 'delay'; readonly match: SegmentMatch; readonly flights: number }
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
}

const listen: PlanStep = { intent: 'listen', when: ['CLOSED'] };
const open: PlanStep = { intent: 'open', when: ['CLOSED'] };
const closeWhenOpen: PlanStep = { intent: 'close', when: ['ESTABLISHED'] };
const closeAfterPeer: PlanStep = { intent: 'close', when: ['CLOSE_WAIT'] };

function scenario(id: ScenarioId, s: Omit<Scenario, 'id'>): Scenario {
  return { id, ...s };
}

export const SCENARIOS: Readonly<Record<ScenarioId, Scenario>> = {
  'three-way-handshake': scenario('three-way-handshake', {
    plans: { client: [open], server: [listen] },
    network: [],
    goal: { client: ['ESTABLISHED'], server: ['ESTABLISHED'] },
  }),
  'delayed-duplicate-syn': scenario('delayed-duplicate-syn', {
    // the client is not connecting at all; an old SYN of an earlier attempt reaches the server
    plans: { client: [], server: [listen] },
    network: [{ type: 'inject', to: 'server', when: 'LISTEN', flags: ['SYN'], seqOffset: -70000, len: 0 }],
    goal: { client: ['CLOSED'], server: ['LISTEN'] },
  }),
  'client-closes-first': scenario('client-closes-first', {
    plans: {
      client: [open, closeWhenOpen],
      server: [listen, { intent: 'send', when: ['CLOSE_WAIT'], bytes: 7 }, closeAfterPeer],
    },
    // the network delivers the server's data twice: the copy is an old duplicate, answered with an ACK
    network: [{ type: 'duplicate', match: { from: 'server', kind: 'DATA', nth: 1 } }],
    goal: { client: ['CLOSED'], server: ['CLOSED'] },
  }),
  'server-closes-first': scenario('server-closes-first', {
    plans: {
      client: [open, { intent: 'send', when: ['CLOSE_WAIT'], bytes: 3 }, closeAfterPeer],
      server: [listen, closeWhenOpen],
    },
    network: [],
    goal: { client: ['CLOSED'], server: ['CLOSED'] },
  }),
  'piggybacked-teardown': scenario('piggybacked-teardown', {
    plans: { client: [open, closeWhenOpen], server: [listen, closeAfterPeer] },
    network: [],
    goal: { client: ['CLOSED'], server: ['CLOSED'] },
  }),
  'lost-last-ack': scenario('lost-last-ack', {
    plans: { client: [open, closeWhenOpen], server: [listen, closeAfterPeer] },
    // the client's first ACK from TIME_WAIT (the last ACK of the teardown) is lost
    network: [{ type: 'lose', match: { from: 'client', kind: 'ACK', nth: 1, senderState: 'TIME_WAIT' } }],
    goal: { client: ['CLOSED'], server: ['CLOSED'] },
  }),
  'old-segment-new-connection': scenario('old-segment-new-connection', {
    plans: { client: [open], server: [listen] },
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
  }),
  'lost-syn-or-syn-ack': scenario('lost-syn-or-syn-ack', {
    plans: { client: [open], server: [listen] },
    network: [
      { type: 'lose', match: { from: 'client', kind: 'SYN', nth: 1 } },
      { type: 'lose', match: { from: 'server', kind: 'SYN_ACK', nth: 1 } },
    ],
    goal: { client: ['ESTABLISHED'], server: ['ESTABLISHED'] },
  }),
  'simultaneous-open': scenario('simultaneous-open', {
    plans: { client: [open], server: [open] },
    // each SYN is held long enough for the other side to send its own: they cross
    network: [
      { type: 'delay', match: { from: 'client', kind: 'SYN', nth: 1 }, flights: 8 },
      { type: 'delay', match: { from: 'server', kind: 'SYN', nth: 1 }, flights: 8 },
    ],
    goal: { client: ['ESTABLISHED'], server: ['ESTABLISHED'] },
  }),
  'simultaneous-close': scenario('simultaneous-close', {
    plans: { client: [open, closeWhenOpen], server: [listen, closeWhenOpen] },
    network: [
      { type: 'delay', match: { from: 'client', kind: 'FIN', nth: 1 }, flights: 8 },
      { type: 'delay', match: { from: 'server', kind: 'FIN', nth: 1 }, flights: 8 },
    ],
    goal: { client: ['CLOSED'], server: ['CLOSED'] },
  }),
  'connection-refused': scenario('connection-refused', {
    plans: { client: [open], server: [] },
    network: [],
    goal: { client: ['CLOSED'], server: ['CLOSED'] },
  }),
  'forgotten-close': scenario('forgotten-close', {
    // the server's application never calls close(): its side stays in CLOSE_WAIT
    plans: { client: [open, closeWhenOpen], server: [listen] },
    network: [],
    goal: { client: ['FIN_WAIT_2'], server: ['CLOSE_WAIT'] },
  }),
};

/** True for a known scenario id. */
export function isScenarioId(x: unknown): x is ScenarioId {
  return typeof x === 'string' && (SCENARIO_IDS as readonly string[]).includes(x);
}
