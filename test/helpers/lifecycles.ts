/**
 * A correct full lifecycle of every scenario of tcp-rules.md, numbers written from the RFC as
 * formulas of the client's ISN x and the server's ISN y.
 */
import { add, type Lifecycle, type Step } from './lifecycle';

const x = (k: number) => (n: { x: number }) => add(n.x, k);
const y = (k: number) => (n: { y: number }) => add(n.y, k);
const zero = () => 0;

/** listen, SYN, SYN,ACK, ACK: both ESTABLISHED. */
const handshake: Step[] = [
  { call: 'server', name: 'listen' },
  { send: 'client', flags: 'SYN', seq: x(0), ack: zero },
  { arrive: 'server', notes: ['RCV_SYN_LISTEN'] },
  { send: 'server', flags: 'SYN,ACK', seq: y(0), ack: x(1) },
  { arrive: 'client', notes: ['RCV_HANDSHAKE_DONE'] },
  { send: 'client', flags: 'ACK', seq: x(1), ack: y(1) },
  { arrive: 'server', notes: ['RCV_HANDSHAKE_DONE'] },
  { expect: { client: 'ESTABLISHED', server: 'ESTABLISHED' } },
];

/** The client closes first, the server sends 7 more bytes in CLOSE_WAIT, then closes. */
const clientClosesWithHalfClose: Step[] = [
  { send: 'client', flags: 'FIN,ACK', seq: x(1), ack: y(1) },
  { arrive: 'server', notes: ['RCV_FIN'] },
  { expect: { client: 'FIN_WAIT_1', server: 'CLOSE_WAIT' } },
  { send: 'server', flags: 'ACK', seq: y(1), ack: x(2) },
  { arrive: 'client', notes: ['RCV_FIN_ACKED'] },
  { expect: { client: 'FIN_WAIT_2' } },
  { send: 'server', flags: 'PSH,ACK', seq: y(1), ack: x(2), len: 7 },
  { arrive: 'client', notes: ['RCV_DATA'] },
  { send: 'client', flags: 'ACK', seq: x(2), ack: y(8) },
  { arrive: 'server' },
  { send: 'server', flags: 'FIN,ACK', seq: y(8), ack: x(2) },
  { expect: { server: 'LAST_ACK' } },
  { arrive: 'client', notes: ['RCV_TIME_WAIT'] },
  { expect: { client: 'TIME_WAIT' } },
  { send: 'client', flags: 'ACK', seq: x(2), ack: y(9) },
  { arrive: 'server', notes: ['RCV_CLOSED'] },
];

export const LIFECYCLES: Lifecycle[] = [
  {
    scenario: 'three-way-handshake',
    steps: [
      ...handshake,
      { send: 'client', flags: 'PSH,ACK', seq: x(1), ack: y(1), len: 5 },
      { arrive: 'server', notes: ['RCV_DATA'] },
      { send: 'server', flags: 'ACK', seq: y(1), ack: x(6) },
      { arrive: 'client', notes: ['RCV_ACK'] },
    ],
    final: { client: 'ESTABLISHED', server: 'ESTABLISHED' },
  },
  {
    scenario: 'delayed-duplicate-syn',
    steps: [
      { call: 'server', name: 'listen' },
      // an old SYN of an earlier attempt, with ISN x-70000, arrives late
      { inject: 'server', flags: 'SYN', seq: x(-70000), ack: zero, notes: ['RCV_SYN_LISTEN'] },
      { send: 'server', flags: 'SYN,ACK', seq: y(0), ack: x(-69999) },
      { arrive: 'client', notes: ['RCV_STRAY_SEGMENT'] },
      { send: 'client', flags: 'RST', seq: x(-69999), ack: zero },
      { arrive: 'server', notes: ['RCV_RESET_TO_LISTEN'] },
    ],
    final: { client: 'CLOSED', server: 'LISTEN' },
  },
  {
    scenario: 'client-closes-first',
    steps: [...handshake, ...clientClosesWithHalfClose, { expire2msl: 'client' }],
    final: { client: 'CLOSED', server: 'CLOSED' },
  },
  {
    scenario: 'server-closes-first',
    steps: [
      ...handshake,
      { send: 'server', flags: 'FIN,ACK', seq: y(1), ack: x(1) },
      { arrive: 'client', notes: ['RCV_FIN'] },
      { send: 'client', flags: 'ACK', seq: x(1), ack: y(2) },
      { arrive: 'server', notes: ['RCV_FIN_ACKED'] },
      { send: 'client', flags: 'PSH,ACK', seq: x(1), ack: y(2), len: 3 },
      { arrive: 'server', notes: ['RCV_DATA'] },
      { send: 'server', flags: 'ACK', seq: y(2), ack: x(4) },
      { arrive: 'client' },
      { send: 'client', flags: 'FIN,ACK', seq: x(4), ack: y(2) },
      { arrive: 'server', notes: ['RCV_TIME_WAIT'] },
      { send: 'server', flags: 'ACK', seq: y(2), ack: x(5) },
      { arrive: 'client', notes: ['RCV_CLOSED'] },
      { expect: { server: 'TIME_WAIT', client: 'CLOSED' } },
      { expire2msl: 'server' },
    ],
    final: { client: 'CLOSED', server: 'CLOSED' },
  },
  {
    scenario: 'piggybacked-teardown',
    steps: [
      ...handshake,
      { send: 'client', flags: 'FIN,ACK', seq: x(1), ack: y(1) },
      { arrive: 'server', notes: ['RCV_FIN'] },
      { send: 'server', flags: 'FIN,ACK', seq: y(1), ack: x(2) },
      { arrive: 'client', notes: ['RCV_TIME_WAIT'] },
      { send: 'client', flags: 'ACK', seq: x(2), ack: y(2) },
      { arrive: 'server', notes: ['RCV_CLOSED'] },
    ],
    final: { client: 'TIME_WAIT', server: 'CLOSED' },
  },
  {
    scenario: 'lost-last-ack',
    steps: [
      ...handshake,
      { send: 'client', flags: 'FIN,ACK', seq: x(1), ack: y(1) },
      { arrive: 'server' },
      { send: 'server', flags: 'ACK', seq: y(1), ack: x(2) },
      { arrive: 'client' },
      { send: 'server', flags: 'FIN,ACK', seq: y(1), ack: x(2) },
      { arrive: 'client', notes: ['RCV_TIME_WAIT'] },
      { send: 'client', flags: 'ACK', seq: x(2), ack: y(2) },
      { lose: 'server' },
      // the server's retransmission timer fires: the same FIN, same seq
      { send: 'server', flags: 'FIN,ACK', seq: y(1), ack: x(2) },
      { arrive: 'client', notes: ['RCV_TIME_WAIT_RESTART'] },
      { send: 'client', flags: 'ACK', seq: x(2), ack: y(2) },
      { arrive: 'server', notes: ['RCV_CLOSED'] },
      { expect: { client: 'TIME_WAIT' } },
      { expire2msl: 'client' },
    ],
    final: { client: 'CLOSED', server: 'CLOSED' },
  },
  {
    scenario: 'old-segment-new-connection',
    steps: [
      ...handshake,
      // data of an earlier connection on the same ports: far outside this one's window
      {
        inject: 'client',
        flags: 'PSH,ACK',
        seq: y(0x40000000),
        ack: x(1),
        len: 100,
        notes: ['RCV_OUT_OF_WINDOW'],
      },
      { send: 'client', flags: 'ACK', seq: x(1), ack: y(1) },
      { arrive: 'server', notes: ['RCV_ACK'] },
      { inject: 'server', flags: 'PSH,ACK', seq: x(-5000), ack: y(1), len: 100, notes: ['RCV_DUPLICATE'] },
      { send: 'server', flags: 'ACK', seq: y(1), ack: x(1) },
      { arrive: 'client' },
    ],
    final: { client: 'ESTABLISHED', server: 'ESTABLISHED' },
  },
  {
    scenario: 'lost-syn-or-syn-ack',
    steps: [
      { call: 'server', name: 'listen' },
      { send: 'client', flags: 'SYN', seq: x(0), ack: zero },
      { lose: 'server' },
      { send: 'client', flags: 'SYN', seq: x(0), ack: zero },
      { arrive: 'server', notes: ['RCV_SYN_LISTEN'] },
      { send: 'server', flags: 'SYN,ACK', seq: y(0), ack: x(1) },
      { lose: 'client' },
      { send: 'server', flags: 'SYN,ACK', seq: y(0), ack: x(1) },
      { arrive: 'client', notes: ['RCV_HANDSHAKE_DONE'] },
      { send: 'client', flags: 'ACK', seq: x(1), ack: y(1) },
      { arrive: 'server', notes: ['RCV_HANDSHAKE_DONE'] },
    ],
    final: { client: 'ESTABLISHED', server: 'ESTABLISHED' },
  },
  {
    scenario: 'simultaneous-open',
    steps: [
      { send: 'client', flags: 'SYN', seq: x(0), ack: zero },
      { send: 'server', flags: 'SYN', seq: y(0), ack: zero },
      { arrive: 'client', notes: ['RCV_SIMULTANEOUS_OPEN'] },
      { arrive: 'server', notes: ['RCV_SIMULTANEOUS_OPEN'] },
      { expect: { client: 'SYN_RCVD', server: 'SYN_RCVD' } },
      { send: 'client', flags: 'SYN,ACK', seq: x(0), ack: y(1) },
      { send: 'server', flags: 'SYN,ACK', seq: y(0), ack: x(1) },
      { arrive: 'client', notes: ['RCV_HANDSHAKE_DONE'] },
      { arrive: 'server', notes: ['RCV_HANDSHAKE_DONE'] },
    ],
    final: { client: 'ESTABLISHED', server: 'ESTABLISHED' },
  },
  {
    scenario: 'simultaneous-close',
    steps: [
      ...handshake,
      { send: 'client', flags: 'FIN,ACK', seq: x(1), ack: y(1) },
      { send: 'server', flags: 'FIN,ACK', seq: y(1), ack: x(1) },
      { arrive: 'client', notes: ['RCV_SIMULTANEOUS_CLOSE'] },
      { arrive: 'server', notes: ['RCV_SIMULTANEOUS_CLOSE'] },
      { expect: { client: 'CLOSING', server: 'CLOSING' } },
      { send: 'client', flags: 'ACK', seq: x(2), ack: y(2) },
      { send: 'server', flags: 'ACK', seq: y(2), ack: x(2) },
      { arrive: 'client', notes: ['RCV_TIME_WAIT'] },
      { arrive: 'server', notes: ['RCV_TIME_WAIT'] },
    ],
    final: { client: 'TIME_WAIT', server: 'TIME_WAIT' },
  },
  {
    scenario: 'connection-refused',
    steps: [
      { send: 'client', flags: 'SYN', seq: x(0), ack: zero },
      { arrive: 'server', notes: ['RCV_NO_LISTENER'] },
      { send: 'server', flags: 'RST,ACK', seq: zero, ack: x(1) },
      { arrive: 'client', notes: ['RCV_REFUSED'] },
    ],
    final: { client: 'CLOSED', server: 'CLOSED' },
  },
  {
    scenario: 'forgotten-close',
    steps: [
      ...handshake,
      { send: 'client', flags: 'FIN,ACK', seq: x(1), ack: y(1) },
      { arrive: 'server', notes: ['RCV_FIN'] },
      { send: 'server', flags: 'ACK', seq: y(1), ack: x(2) },
      { arrive: 'client', notes: ['RCV_FIN_ACKED'] },
    ],
    // the server's application never calls close(): CLOSE_WAIT stays, the client waits in FIN_WAIT_2
    final: { client: 'FIN_WAIT_2', server: 'CLOSE_WAIT' },
  },
];

/** Extra lifecycles for rows no scenario reaches: aborts, calls, a SYN_RCVD close. */
export const EXTRA_LIFECYCLES: Lifecycle[] = [
  {
    scenario: 'abort-established',
    steps: [...handshake, { call: 'client', name: 'abort' }, { arrive: 'server', notes: ['RCV_RESET'] }],
    final: { client: 'CLOSED', server: 'CLOSED' },
  },
  {
    scenario: 'calls-connect-send-close',
    steps: [
      { call: 'server', name: 'listen' },
      { call: 'client', name: 'connect' },
      { arrive: 'server' },
      { send: 'server', flags: 'SYN,ACK', seq: y(0), ack: (n) => add(0, 1) + 0 * n.x },
      { arrive: 'client' },
      { send: 'client', flags: 'ACK', seq: () => 1, ack: y(1) },
      { arrive: 'server' },
      { call: 'client', name: 'send', bytes: 10 },
      { arrive: 'server', notes: ['RCV_DATA'] },
      { send: 'server', flags: 'ACK', seq: y(1), ack: () => 11 },
      { arrive: 'client' },
      { call: 'client', name: 'close' },
      { arrive: 'server' },
      { call: 'server', name: 'send', bytes: 2 },
      { call: 'server', name: 'close' },
      { arrive: 'client', notes: ['RCV_DATA'] },
      { arrive: 'client', notes: ['RCV_TIME_WAIT'] },
      { send: 'client', flags: 'ACK', seq: () => 12, ack: y(4) },
      { arrive: 'server', notes: ['RCV_CLOSED'] },
    ],
    final: { client: 'TIME_WAIT', server: 'CLOSED' },
  },
  {
    scenario: 'close-in-syn-rcvd',
    steps: [
      { call: 'server', name: 'listen' },
      { send: 'client', flags: 'SYN', seq: x(0), ack: zero },
      { arrive: 'server' },
      { send: 'server', flags: 'SYN,ACK', seq: y(0), ack: x(1) },
      { send: 'server', flags: 'FIN,ACK', seq: y(1), ack: x(1) },
      { expect: { server: 'FIN_WAIT_1' } },
      { arrive: 'client' },
      { arrive: 'client', notes: ['RCV_FIN'] },
      { send: 'client', flags: 'ACK', seq: x(1), ack: y(2) },
      { arrive: 'server', notes: ['RCV_FIN_ACKED'] },
    ],
    final: { client: 'CLOSE_WAIT', server: 'FIN_WAIT_2' },
  },
];

/** A SYN answered by SYN,ACK that is never acknowledged: the server sits in SYN_RCVD (a half-open connection). */
export const HALF_OPEN: Lifecycle = {
  scenario: 'half-open',
  steps: [
    { call: 'server', name: 'listen' },
    { send: 'client', flags: 'SYN', seq: x(0), ack: zero },
    { arrive: 'server' },
    { send: 'server', flags: 'SYN,ACK', seq: y(0), ack: x(1) },
    { lose: 'client' },
  ],
  final: { client: 'SYN_SENT', server: 'SYN_RCVD' },
};
