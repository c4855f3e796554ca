/** The data the TCP rules work on: states, flags, segments, connection records and moves. */

/** The eleven connection states of RFC 9293 section 3.3.2. */
export const TCP_STATES = [
  'CLOSED',
  'LISTEN',
  'SYN_SENT',
  'SYN_RCVD',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
] as const;
export type TcpState = (typeof TCP_STATES)[number];

/** States in which both sides' sequence numbers are known (RFC 9293: "synchronized"). */
export const SYNCHRONIZED_STATES: readonly TcpState[] = [
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
];

/** Control bits as they sit in the TCP header, so a captured flags byte can be used as is. */
export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;
export const URG = 0x20;

export const FLAG_NAMES = ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG'] as const;
export type FlagName = (typeof FLAG_NAMES)[number];
export const FLAG_BITS: Readonly<Record<FlagName, number>> = { SYN, ACK, FIN, RST, PSH, URG };

/** One TCP segment as the game sees it: control bits, numbers, payload length and window. */
export interface Segment {
  /** Bitmask of FIN, SYN, RST, PSH, ACK, URG. */
  readonly flags: number;
  /** Sequence number of the first octet (or of the SYN / FIN). */
  readonly seq: number;
  /** Next sequence number the sender expects; meaningful only when ACK is set. */
  readonly ack: number;
  /** Payload length in octets. */
  readonly len: number;
  /** Receive window the sender advertises. */
  readonly win: number;
}

export type Side = 'client' | 'server';

/**
 * One value per side. Records of this type are never written in place: a change makes a new one
 * (withSide), so that what shares the old one keeps it (a game's earlier versions).
 */
export type PerSide<T> = { readonly [S in Side]: T };

/** `r` with `side`'s value replaced: a new record. */
export function withSide<T>(r: PerSide<T>, side: Side, v: T): PerSide<T> {
  return side === 'client' ? { client: v, server: r.server } : { client: r.client, server: v };
}

/** What a side owes the wire after something arrived: the reply a correct TCP sends. */
export type Owed = 'none' | 'ack' | 'syn-ack' | 'rst' | 'rst-ack';

/**
 * One side's connection record (the TCB of RFC 9293 section 3.3.1), plus what the game needs to
 * judge the next segment: the FIN's place, how the connection was opened, and the reply owed.
 * Numbers are -1 until known.
 */
export interface Tcb {
  readonly state: TcpState;
  readonly iss: number;
  readonly sndUna: number;
  readonly sndNxt: number;
  readonly sndWnd: number;
  readonly irs: number;
  readonly rcvNxt: number;
  readonly rcvWnd: number;
  /** Sequence number our FIN occupies, -1 before close(). */
  readonly finSeq: number;
  /** The connection came from LISTEN (an RST in SYN_RCVD then returns to LISTEN). */
  readonly passive: boolean;
  /** Reply owed to the peer. */
  readonly owed: Owed;
  /** For an owed RST: its seq and ack. */
  readonly owedSeq: number;
  readonly owedAck: number;
}

/** Both ends of one connection. */
export type Connection = PerSide<Tcb>;

/** The application calls of RFC 9293 section 3.10 that a player can make. */
export type AppCallName = 'listen' | 'connect' | 'close' | 'send' | 'abort';
export interface AppCall {
  readonly call: AppCallName;
  /** For send: number of octets. */
  readonly bytes?: number;
  /** For connect: the ISN to use (the kernel would pick one at random). */
  readonly iss?: number;
}

export type Move =
  { readonly kind: 'call'; readonly call: AppCall } | { readonly kind: 'segment'; readonly segment: Segment };

/** Default receive window for the game's hosts. */
export const DEFAULT_WINDOW = 65535;

/** Sequence space a segment occupies: its payload plus one for SYN and one for FIN. */
export function segmentSpace(s: Segment): number {
  return s.len + ((s.flags & SYN) >>> 1) + (s.flags & FIN);
}

/** A fresh record in CLOSED. */
export function closedTcb(rcvWnd: number = DEFAULT_WINDOW): MutableTcb {
  return {
    state: 'CLOSED',
    iss: -1,
    sndUna: -1,
    sndNxt: -1,
    sndWnd: 0,
    irs: -1,
    rcvNxt: -1,
    rcvWnd: rcvWnd,
    finSeq: -1,
    passive: false,
    owed: 'none',
    owedSeq: -1,
    owedAck: -1,
  };
}

/** A new connection with both sides CLOSED. */
export function newConnection(): Connection {
  return { client: closedTcb(), server: closedTcb() };
}

/** The other side. */
export function peerOf(side: Side): Side {
  return side === 'client' ? 'server' : 'client';
}

/** A record under construction: the judge fills in a fresh copy, never its input. */
export type MutableTcb = { -readonly [K in keyof Tcb]: Tcb[K] };

/**
 * A fresh copy of a record, to be changed before it is returned. Written out field by field:
 * object spread and generic merges are an order of magnitude slower in V8, and the judge copies a
 * record for every segment.
 */
export function copyTcb(t: Tcb): MutableTcb {
  return {
    state: t.state,
    iss: t.iss,
    sndUna: t.sndUna,
    sndNxt: t.sndNxt,
    sndWnd: t.sndWnd,
    irs: t.irs,
    rcvNxt: t.rcvNxt,
    rcvWnd: t.rcvWnd,
    finSeq: t.finSeq,
    passive: t.passive,
    owed: t.owed,
    owedSeq: t.owedSeq,
    owedAck: t.owedAck,
  };
}
