/**
 * Builds classic pcap files in tests (raw IPv4, LINKTYPE_RAW): TCP segments between numbered hosts,
 * so a test can make a capture of any size (the /replay page's thousand connections). Checksums are
 * left at zero: the capture reader, like Wireshark by default, does not check them.
 */
export interface BuiltSegment {
  src: [string, number];
  dst: [string, number];
  /** Control bits: FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10. */
  flags: number;
  seq: number;
  ack: number;
  len?: number;
  /** Seconds since the epoch (fractions kept to the microsecond). */
  t: number;
}

const LINKTYPE_RAW = 101;

function ipv4(text: string): number[] {
  return text.split('.').map(Number);
}

/** One frame: a 20-byte IPv4 header, a 20-byte TCP header and `len` zero bytes of payload. */
function frame(s: BuiltSegment): Uint8Array {
  const len = s.len ?? 0;
  const out = new Uint8Array(40 + len);
  const v = new DataView(out.buffer);
  v.setUint8(0, 0x45);
  v.setUint16(2, 40 + len);
  v.setUint8(8, 64); // TTL
  v.setUint8(9, 6); // TCP
  out.set(ipv4(s.src[0]), 12);
  out.set(ipv4(s.dst[0]), 16);
  v.setUint16(20, s.src[1]);
  v.setUint16(22, s.dst[1]);
  v.setUint32(24, s.seq >>> 0);
  v.setUint32(28, s.ack >>> 0);
  v.setUint8(32, 5 << 4);
  v.setUint8(33, s.flags);
  v.setUint16(34, 65535);
  return out;
}

/** A pcap file (microsecond timestamps, little-endian) holding the segments in the order given. */
export function buildPcap(segments: readonly BuiltSegment[]): Uint8Array {
  const frames = segments.map((s) => ({ s, data: frame(s) }));
  const size = 24 + frames.reduce((n, f) => n + 16 + f.data.length, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, 262144, true);
  v.setUint32(20, LINKTYPE_RAW, true);
  let at = 24;
  for (const { s, data } of frames) {
    const seconds = Math.floor(s.t);
    v.setUint32(at, seconds, true);
    v.setUint32(at + 4, Math.round((s.t - seconds) * 1e6), true);
    v.setUint32(at + 8, data.length, true);
    v.setUint32(at + 12, data.length, true);
    out.set(data, at + 16);
    at += 16 + data.length;
  }
  return out;
}

const SYN = 0x02;
const ACK = 0x10;
const FIN = 0x01;
const PSH = 0x08;

/**
 * `count` complete connections (handshake, 100 bytes from the client, the client's close), each from
 * its own client port to 10.0.0.1:80, the clients spread over 10.1.x.y; they overlap in time.
 */
export function manyConnections(count: number): Uint8Array {
  const segments: BuiltSegment[] = [];
  for (let i = 0; i < count; i++) {
    const client: [string, number] = [`10.1.${(i >> 8) & 255}.${(i & 255) + 1}`, 20000 + i];
    const server: [string, number] = ['10.0.0.1', 80];
    const x = (1000 + i * 7919) >>> 0;
    const y = (500000 + i * 104729) >>> 0;
    const t = 1_700_000_000 + i * 0.01;
    const c = (flags: number, seq: number, ack: number, dt: number, len = 0) =>
      segments.push({ src: client, dst: server, flags, seq, ack, len, t: t + dt });
    const s = (flags: number, seq: number, ack: number, dt: number) =>
      segments.push({ src: server, dst: client, flags, seq, ack, t: t + dt });
    c(SYN, x, 0, 0);
    s(SYN | ACK, y, x + 1, 0.001);
    c(ACK, x + 1, y + 1, 0.002);
    c(PSH | ACK, x + 1, y + 1, 0.003, 100);
    s(ACK, y + 1, x + 101, 0.004);
    c(FIN | ACK, x + 101, y + 1, 0.005);
    s(FIN | ACK, y + 1, x + 102, 0.006);
    c(ACK, x + 102, y + 2, 0.007);
  }
  return segments.length ? buildPcap(segments) : new Uint8Array();
}
