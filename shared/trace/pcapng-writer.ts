/**
 * Writes IPv4 TCP segments as a pcapng file (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html):
 * one Section Header Block, one Interface Description Block of link type RAW (each packet is an
 * IPv4 header and what follows), one Enhanced Packet Block per packet, with an opt_comment when the
 * packet has one. The IPv4 and TCP checksums are computed, so Wireshark finds nothing to complain
 * about. Pure code on Uint8Array and DataView: the server and the browser write with it alike.
 */

/** One TCP segment to write, with its addresses. */
export interface TcpPacket {
  /** Four octets each. */
  readonly srcIp: readonly number[];
  readonly dstIp: readonly number[];
  readonly srcPort: number;
  readonly dstPort: number;
  /** Control bits as they sit in the TCP header (FIN 0x01 ... URG 0x20). */
  readonly flags: number;
  readonly seq: number;
  readonly ack: number;
  /** The 16-bit window field (already scaled down, when a scale is in use). */
  readonly window: number;
  /** Payload length in octets (the payload is written as zeros: the game has lengths, not bytes). */
  readonly len: number;
  /** MSS option (SYN segments), when given. */
  readonly mss?: number;
  /** Window-scale option's shift count (SYN segments), when given. */
  readonly windowScale?: number;
  /** The IPv4 identification field. */
  readonly ipId: number;
}

/** One packet of the file: its time and bytes, and the comment Wireshark shows with it. */
export interface PcapngPacket {
  /** Milliseconds since the epoch (a fraction keeps microseconds). */
  readonly timeMs: number;
  /** The IPv4 packet. */
  readonly data: Uint8Array;
  readonly comment?: string;
}

export interface PcapngOptions {
  /** shb_userappl: the application that wrote the file. */
  readonly application?: string;
  /** if_name of the one interface. */
  readonly interfaceName?: string;
  /** Comments on the whole section (shown by capinfos and Wireshark's capture properties). */
  readonly comments?: readonly string[];
}

/** LINKTYPE_RAW: the packet starts with its IP header. */
export const PCAPNG_LINKTYPE_RAW = 101;

const SHB = 0x0a0d0d0a;
const IDB = 1;
const EPB = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPT_ENDOFOPT = 0;
const OPT_COMMENT = 1;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_TSRESOL = 9;
const TCP_PROTOCOL = 6;
const IPV4_HEADER = 20;
const TCP_HEADER = 20;

/** The Internet checksum (RFC 1071) of bytes[start, end), folded, starting from a partial sum. */
export function internetChecksum(bytes: Uint8Array, start: number, end: number, initial = 0): number {
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (bytes[i]! << 8) | bytes[i + 1]!;
  if (i < end) sum += bytes[i]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** The TCP options of a packet, padded with NOPs to a multiple of four octets. */
function tcpOptions(p: TcpPacket): number[] {
  const out: number[] = [];
  if (p.mss !== undefined) out.push(2, 4, (p.mss >>> 8) & 0xff, p.mss & 0xff);
  if (p.windowScale !== undefined) out.push(1, 3, 3, p.windowScale);
  while (out.length % 4 !== 0) out.push(1);
  return out;
}

/** An IPv4 packet holding the TCP segment, with both checksums computed. */
export function ipv4TcpPacket(p: TcpPacket): Uint8Array {
  const options = tcpOptions(p);
  const tcpLength = TCP_HEADER + options.length + p.len;
  const total = IPV4_HEADER + tcpLength;
  if (total > 0xffff) throw new RangeError(`a segment of ${p.len} octets does not fit in one IPv4 packet`);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x45; // version 4, 5 words of header
  view.setUint16(2, total);
  view.setUint16(4, p.ipId & 0xffff);
  view.setUint16(6, 0x4000); // don't fragment
  bytes[8] = 64; // TTL
  bytes[9] = TCP_PROTOCOL;
  bytes.set(p.srcIp, 12);
  bytes.set(p.dstIp, 16);
  view.setUint16(10, internetChecksum(bytes, 0, IPV4_HEADER));

  const t = IPV4_HEADER;
  view.setUint16(t, p.srcPort);
  view.setUint16(t + 2, p.dstPort);
  view.setUint32(t + 4, p.seq >>> 0);
  view.setUint32(t + 8, p.ack >>> 0);
  bytes[t + 12] = ((TCP_HEADER + options.length) / 4) << 4;
  bytes[t + 13] = p.flags & 0x3f;
  view.setUint16(t + 14, p.window);
  bytes.set(options, t + TCP_HEADER);
  // pseudo-header: both addresses, zero, protocol, TCP length
  let pseudo = TCP_PROTOCOL + tcpLength;
  for (let i = 12; i < 20; i += 2) pseudo += (bytes[i]! << 8) | bytes[i + 1]!;
  view.setUint16(t + 16, internetChecksum(bytes, t, total, pseudo));
  return bytes;
}

/** Appends pcapng options (code, length, value padded to 32 bits), then opt_endofopt. */
function options(entries: readonly [number, Uint8Array][]): Uint8Array {
  if (entries.length === 0) return new Uint8Array(0);
  const size = entries.reduce((n, [, v]) => n + 4 + pad4(v.length), 0) + 4;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const [code, value] of entries) {
    view.setUint16(at, code, true);
    view.setUint16(at + 2, value.length, true);
    out.set(value, at + 4);
    at += 4 + pad4(value.length);
  }
  view.setUint16(at, OPT_ENDOFOPT, true);
  return out;
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

/** A block: type, total length, body (padded), options, total length again. */
function block(type: number, body: Uint8Array, opts: Uint8Array): Uint8Array {
  const length = 12 + pad4(body.length) + opts.length;
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, length, true);
  out.set(body, 8);
  out.set(opts, 8 + pad4(body.length));
  view.setUint32(length - 4, length, true);
  return out;
}

/** A string's UTF-8 bytes (shared/ may not name TextEncoder, a Node and DOM global). */
export function utf8Bytes(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

function text(code: number, s: string): [number, Uint8Array] {
  return [code, utf8Bytes(s)];
}

/** A little-endian pcapng file holding the packets in the order given, with microsecond times. */
export function writePcapng(packets: readonly PcapngPacket[], opts: PcapngOptions = {}): Uint8Array {
  const blocks: Uint8Array[] = [];

  const shb = new Uint8Array(16);
  const shbView = new DataView(shb.buffer);
  shbView.setUint32(0, BYTE_ORDER_MAGIC, true);
  shbView.setUint16(4, 1, true); // version 1.0
  shbView.setUint16(6, 0, true);
  shbView.setInt32(8, -1, true); // section length unknown (-1 as a 64-bit value)
  shbView.setInt32(12, -1, true);
  const shbOptions: [number, Uint8Array][] = (opts.comments ?? []).map((c) => text(OPT_COMMENT, c));
  if (opts.application) shbOptions.push(text(SHB_USERAPPL, opts.application));
  blocks.push(block(SHB, shb, options(shbOptions)));

  const idb = new Uint8Array(8);
  const idbView = new DataView(idb.buffer);
  idbView.setUint16(0, PCAPNG_LINKTYPE_RAW, true);
  idbView.setUint32(4, 0, true); // no snapshot limit
  const idbOptions: [number, Uint8Array][] = [[IF_TSRESOL, Uint8Array.of(6)]];
  if (opts.interfaceName) idbOptions.push(text(IF_NAME, opts.interfaceName));
  blocks.push(block(IDB, idb, options(idbOptions)));

  for (const p of packets) {
    const body = new Uint8Array(20 + p.data.length);
    const view = new DataView(body.buffer);
    const micros = Math.round(p.timeMs * 1000);
    view.setUint32(0, 0, true); // interface 0
    view.setUint32(4, Math.floor(micros / 0x1_0000_0000), true);
    view.setUint32(8, micros % 0x1_0000_0000, true);
    view.setUint32(12, p.data.length, true);
    view.setUint32(16, p.data.length, true);
    body.set(p.data, 20);
    blocks.push(block(EPB, body, options(p.comment ? [text(OPT_COMMENT, p.comment)] : [])));
  }

  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}
