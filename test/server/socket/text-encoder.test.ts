import { Encoder, PacketType, type Packet } from 'socket.io-parser';
import { TextEncoder } from '../../../server/socket/text-encoder';

const stock = new Encoder();
const ours = new TextEncoder();

const packets: Packet[] = [
  { type: PacketType.CONNECT, nsp: '/', data: { sid: 'abc' } },
  { type: PacketType.CONNECT, nsp: '/admin', data: { sid: 'abc' } },
  { type: PacketType.DISCONNECT, nsp: '/' },
  {
    type: PacketType.EVENT,
    nsp: '/',
    data: ['game:update', { a: [1, 2, { b: null }], s: '三次握手 "quoted" \u2028' }],
  },
  { type: PacketType.EVENT, nsp: '/', id: 0, data: ['game:move', { move: { kind: 'call' } }] },
  { type: PacketType.ACK, nsp: '/', id: 17, data: [{ ok: true, data: { game: null } }] },
  {
    type: PacketType.ACK,
    nsp: '/x',
    id: 3,
    data: [{ ok: false, error: { code: 'BAD_PAYLOAD', message: 'm' } }],
  },
  { type: PacketType.CONNECT_ERROR, nsp: '/', data: { message: 'not authorized' } },
];

test.each(packets.map((p) => [JSON.stringify(p), p] as const))(
  'encodes %s as the stock encoder does',
  (_, p) => {
    expect(ours.encode(p)).toEqual(stock.encode(p));
  },
);

test('a packet with binary data is refused under test, not sent in a wrong format', () => {
  const p: Packet = { type: PacketType.EVENT, nsp: '/', data: ['x', { file: Buffer.from('hi') }] };
  expect(() => ours.encode(p)).toThrow(/JSON only/);
  expect(() => ours.encode({ type: PacketType.BINARY_EVENT, nsp: '/', data: ['x'] })).toThrow(/binary/);
});
