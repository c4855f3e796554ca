/**
 * The Socket.IO packet encoder of this server: the standard text format (type, namespace, ack id,
 * JSON), written without socket.io-parser's walk of every value in search of binary data. The
 * event map (shared/protocol/events.ts) carries JSON only, so that walk never finds any, yet it
 * visited every field of every game view sent. Clients decode with the standard parser; so does
 * this server. Under jest every packet is still walked, and a binary one fails the test.
 */
import { Decoder, PacketType, type Packet } from 'socket.io-parser';

const CHECK = process.env.JEST_WORKER_ID !== undefined;

/** Whether a value holds binary data (a Buffer, a typed array, an ArrayBuffer) anywhere. */
export function hasBinary(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return true;
  if (Array.isArray(v)) return v.some(hasBinary);
  return Object.values(v).some(hasBinary);
}

export class TextEncoder {
  encode(p: Packet): string[] {
    if (CHECK && hasBinary(p.data))
      throw new Error('binary data in a packet: the event map carries JSON only');
    if (p.type === PacketType.BINARY_EVENT || p.type === PacketType.BINARY_ACK)
      throw new Error('binary packets are not sent by this server');
    let s = String(p.type);
    if (p.nsp && p.nsp !== '/') s += p.nsp + ',';
    if (p.id !== undefined && p.id !== null) s += p.id;
    if (p.data !== undefined && p.data !== null) s += JSON.stringify(p.data);
    return [s];
  }
}

/** For the Socket.IO server's `parser` option. */
export const textParser = { Encoder: TextEncoder, Decoder };
