/**
 * Reads pcap and pcapng captures into the project's traces, one trace per TCP connection.
 *
 * Hand-written on DataView rather than built on an npm package: the packages on the registry are
 * either pcap-only or pcapng-only, tied to Node's Buffer and streams, untyped and unmaintained, and
 * none of them decodes SLL2 or derives TCP payload lengths from the IP header. Only Uint8Array and
 * DataView are used here, so the reader can move to the browser unchanged.
 *
 * Layers, bottom up: container (pcap / pcapng) -> frames; link layer -> IP packet; IPv4 / IPv6 ->
 * TCP header; TCP segments grouped into connections -> traces.
 */
import type { FlagName, Side } from '../tcp/types';
import type { Trace, TraceSegment } from './trace-format';

/** One TCP connection found in a capture, numbered like Wireshark's tcp.stream. */
export interface CaptureStream {
  stream: number;
  trace: Trace;
  /** The endpoints, "address:port" ("[v6]:port"): the client opened the connection (sent the first SYN). */
  client: string;
  server: string;
}

/** One captured frame as the container stores it, before any protocol is decoded. */
export interface CaptureFrame {
  /** 1-based position in the file, as Wireshark numbers frames. */
  number: number;
  linkType: number;
  /** Whole seconds since the epoch; the fraction is kept apart so that nanoseconds survive a float. */
  seconds: number;
  /** Fraction of a second, in [0, 1). */
  fraction: number;
  /** The captured bytes (possibly cut short by the snapshot length). */
  data: Uint8Array;
  /** The frame's length on the wire. */
  originalLength: number;
}

/** Link-layer header types (https://www.tcpdump.org/linktypes.html) this reader decodes. */
export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

const SUPPORTED_LINKTYPES: ReadonlySet<number> = new Set(Object.values(LINKTYPE));

/** A frame the reader could not use, with the reason (tshark marks such a frame and goes on). */
export interface SkippedFrame {
  /** 1-based frame number, as Wireshark counts them. */
  frame: number;
  reason: string;
}

/** Everything read from one capture file. */
export interface CaptureRead {
  streams: CaptureStream[];
  /** Frames in the file (including skipped ones). */
  frames: number;
  /** Malformed or unreadable frames, skipped; a cut-off or corrupt end of file is the last entry. */
  skipped: SkippedFrame[];
}

/** A problem with one frame: the frame is skipped and reported, the rest of the file is read. */
class FrameError extends Error {}

/**
 * Reads every TCP connection of a pcap or pcapng file into a trace named `${name}#${stream}`.
 * Throws only when the bytes are not a capture at all; a malformed frame is skipped and reported,
 * and a file cut off or corrupt in the middle keeps what was read before.
 */
export function readCapture(bytes: Uint8Array, name: string): CaptureRead {
  const { frames, skipped } = readContainer(bytes);
  const segments: TcpSegment[] = [];
  for (const frame of frames) {
    try {
      const segment = decodeFrame(frame);
      if (segment) segments.push(segment);
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      skipped.push({ frame: frame.number, reason: error.message });
    }
  }
  skipped.sort((a, b) => a.frame - b.frame);
  const total = Math.max(frames.length, ...skipped.map((s) => s.frame));
  const streams = groupConnections(segments).map((connection, stream) => ({
    stream,
    ...buildTrace(connection, `${name}#${stream}`),
  }));
  return { streams, frames: total, skipped };
}

/** The connections of a capture file (readCapture without the skipped frames). */
export function readCaptureTraces(bytes: Uint8Array, name: string): CaptureStream[] {
  return readCapture(bytes, name).streams;
}

/** Lists the frames of a pcap or pcapng file, whichever the magic number says it is. */
export function readCaptureFrames(bytes: Uint8Array): CaptureFrame[] {
  return readContainer(bytes).frames;
}

interface ContainerRead {
  frames: CaptureFrame[];
  skipped: SkippedFrame[];
}

function readContainer(bytes: Uint8Array): ContainerRead {
  if (bytes.length < 4) {
    throw new Error(`not a capture file: only ${bytes.length} bytes, too short for a magic number`);
  }
  const view = viewOf(bytes);
  const magic = view.getUint32(0, false);
  if (magic === PCAPNG_SHB) return readPcapng(bytes, view);
  const pcap = PCAP_MAGICS.get(magic);
  if (pcap) return readPcap(bytes, view, pcap);
  throw new Error(`not a pcap or pcapng file: unknown magic number 0x${magic.toString(16).padStart(8, '0')}`);
}

// ---------------------------------------------------------------------------------------------
// Containers

interface PcapFlavour {
  littleEndian: boolean;
  /** Units of the sub-second timestamp field per second. */
  fractionUnits: number;
  /** The "modified" format of Kuznetzov's patched libpcap adds 8 bytes to each record header. */
  recordHeaderLength: number;
}

/** Magic numbers as read big-endian from the first four bytes. */
const PCAP_MAGICS: ReadonlyMap<number, PcapFlavour> = new Map([
  [0xa1b2c3d4, { littleEndian: false, fractionUnits: 1e6, recordHeaderLength: 16 }],
  [0xd4c3b2a1, { littleEndian: true, fractionUnits: 1e6, recordHeaderLength: 16 }],
  [0xa1b23c4d, { littleEndian: false, fractionUnits: 1e9, recordHeaderLength: 16 }],
  [0x4d3cb2a1, { littleEndian: true, fractionUnits: 1e9, recordHeaderLength: 16 }],
  [0xa1b2cd34, { littleEndian: false, fractionUnits: 1e6, recordHeaderLength: 24 }],
  [0x34cdb2a1, { littleEndian: true, fractionUnits: 1e6, recordHeaderLength: 24 }],
]);

const PCAP_HEADER_LENGTH = 24;

function readPcap(bytes: Uint8Array, view: DataView, flavour: PcapFlavour): ContainerRead {
  if (bytes.length < PCAP_HEADER_LENGTH) {
    throw new Error(`truncated pcap file: ${bytes.length} bytes, the file header needs 24`);
  }
  const le = flavour.littleEndian;
  // The upper bits of the link-type field carry FCS information, not the link type.
  const linkType = view.getUint32(20, le) & 0xffff;
  const frames: CaptureFrame[] = [];
  const skipped: SkippedFrame[] = [];
  let offset = PCAP_HEADER_LENGTH;
  while (offset < bytes.length) {
    const number = frames.length + 1;
    if (offset + flavour.recordHeaderLength > bytes.length) {
      skipped.push({
        frame: number,
        reason: `the file is cut off in the header of frame ${number} (byte ${offset})`,
      });
      break;
    }
    const seconds = view.getUint32(offset, le);
    const fraction = view.getUint32(offset + 4, le) / flavour.fractionUnits;
    const capturedLength = view.getUint32(offset + 8, le);
    const originalLength = view.getUint32(offset + 12, le);
    const start = offset + flavour.recordHeaderLength;
    if (start + capturedLength > bytes.length) {
      skipped.push({
        frame: number,
        reason: `the file is cut off in frame ${number}: it claims ${capturedLength} bytes, only ${bytes.length - start} remain`,
      });
      break;
    }
    frames.push({
      number,
      linkType,
      seconds,
      fraction,
      data: bytes.subarray(start, start + capturedLength),
      originalLength,
    });
    offset = start + capturedLength;
  }
  return { frames, skipped };
}

const PCAPNG_SHB = 0x0a0d0d0a; // palindromic, so it reads the same in either byte order
const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d; // as read big-endian; 0x4d3c2b1a means little-endian
const PCAPNG_BYTE_ORDER_MAGIC_SWAPPED = 0x4d3c2b1a;
const PCAPNG_IDB = 1;
const PCAPNG_OPB = 2; // obsolete Packet Block, still written by old tools
const PCAPNG_SPB = 3;
const PCAPNG_EPB = 6;
const OPT_IF_TSRESOL = 9;
const OPT_IF_TSOFFSET = 14;

interface PcapngInterface {
  linkType: number;
  snapLength: number;
  /** Timestamp units per second, from if_tsresol (microseconds when the option is absent). */
  unitsPerSecond: bigint;
  /** The same as a number when it is below 2^53, else 0. */
  unitsPerSecondNumber: number;
  /** Seconds added to every timestamp (if_tsoffset). */
  offsetSeconds: number;
}

function readPcapng(bytes: Uint8Array, view: DataView): ContainerRead {
  const frames: CaptureFrame[] = [];
  const skipped: SkippedFrame[] = [];
  let le = true;
  // Interface ids are local to a section, so the list starts anew at each Section Header Block.
  let interfaces: PcapngInterface[] = [];
  let lastTimestamp = { seconds: 0, fraction: 0 };
  let offset = 0;
  // The frame number a packet block at this point would get: frames read plus frames skipped.
  const nextNumber = () => frames.length + skipped.length + 1;
  /** The rest of the file cannot be read: keep what was read, report where it stopped. */
  const stop = (reason: string): ContainerRead => {
    if (offset === 0) throw new Error(`not a readable pcapng file: ${reason}`);
    skipped.push({ frame: nextNumber(), reason: `the rest of the file is unreadable: ${reason}` });
    return { frames, skipped };
  };
  while (offset < bytes.length) {
    if (offset + 12 > bytes.length)
      return stop(`truncated pcapng file: a block header is cut off at byte ${offset}`);
    if (view.getUint32(offset, false) === PCAPNG_SHB) {
      if (offset + 28 > bytes.length) {
        return stop(`truncated pcapng file: the section header at byte ${offset} is cut off`);
      }
      const order = view.getUint32(offset + 8, false);
      if (order === PCAPNG_BYTE_ORDER_MAGIC) le = false;
      else if (order === PCAPNG_BYTE_ORDER_MAGIC_SWAPPED) le = true;
      else {
        return stop(
          `corrupt pcapng file: bad byte-order magic 0x${order.toString(16)} in the section header at byte ${offset}`,
        );
      }
      interfaces = [];
    }
    const type = view.getUint32(offset, le);
    const length = view.getUint32(offset + 4, le);
    if (length < 12 || length % 4 !== 0) {
      return stop(`corrupt pcapng file: block at byte ${offset} has invalid length ${length}`);
    }
    if (offset + length > bytes.length) {
      return stop(
        `truncated pcapng file: block at byte ${offset} claims ${length} bytes, only ${bytes.length - offset} remain`,
      );
    }
    if (view.getUint32(offset + length - 4, le) !== length) {
      return stop(`corrupt pcapng file: block at byte ${offset} has mismatched length fields`);
    }
    const body = offset + 8;
    const bodyEnd = offset + length - 4;
    const isPacket = type === PCAPNG_EPB || type === PCAPNG_OPB || type === PCAPNG_SPB;
    try {
      if (type === PCAPNG_SHB) {
        // Nothing else needed from the section header.
      } else if (type === PCAPNG_IDB) {
        if (body + 8 > bodyEnd)
          throw new FrameError(`interface description block at byte ${offset} is too short`);
        interfaces.push(readInterface(bytes, view, le, body, bodyEnd));
      } else if (isPacket) {
        frames.push(
          readPacketBlock(
            bytes,
            view,
            le,
            type,
            offset,
            body,
            bodyEnd,
            interfaces,
            lastTimestamp,
            nextNumber(),
          ),
        );
        lastTimestamp = frames[frames.length - 1]!;
      }
      // Other blocks (name resolution, statistics, custom...) say nothing about the segments.
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      if (isPacket) skipped.push({ frame: nextNumber(), reason: `corrupt pcapng file: ${error.message}` });
      else if (type === PCAPNG_IDB) {
        // a broken interface keeps its id, so that later packets do not land on the wrong one
        interfaces.push({
          linkType: -1,
          snapLength: 0,
          unitsPerSecond: 1_000_000n,
          unitsPerSecondNumber: 1_000_000,
          offsetSeconds: 0,
        });
      }
    }
    offset += length;
  }
  return { frames, skipped };
}

function readPacketBlock(
  bytes: Uint8Array,
  view: DataView,
  le: boolean,
  type: number,
  offset: number,
  body: number,
  bodyEnd: number,
  interfaces: readonly PcapngInterface[],
  lastTimestamp: { seconds: number; fraction: number },
  number: number,
): CaptureFrame {
  const need = (n: number, what: string): void => {
    if (body + n > bodyEnd) throw new FrameError(`${what} at byte ${offset} is too short`);
  };
  const interfaceOf = (interfaceId: number, what: string): PcapngInterface => {
    const iface = interfaces[interfaceId];
    if (!iface) throw new FrameError(`${what} at byte ${offset} names unknown interface ${interfaceId}`);
    if (iface.linkType < 0) throw new FrameError(`${what} at byte ${offset} is on an unreadable interface`);
    return iface;
  };
  const frame = (
    iface: PcapngInterface,
    time: { seconds: number; fraction: number },
    dataStart: number,
    captured: number,
    original: number,
  ): CaptureFrame => {
    if (dataStart + captured > bodyEnd)
      throw new FrameError(`packet block at byte ${offset} overruns its block`);
    return {
      number,
      linkType: iface.linkType,
      seconds: time.seconds,
      fraction: time.fraction,
      data: bytes.subarray(dataStart, dataStart + captured),
      originalLength: original,
    };
  };
  if (type === PCAPNG_SPB) {
    // A simple packet block has no timestamp: it keeps the previous frame's time.
    need(4, 'simple packet block');
    const iface = interfaceOf(0, 'simple packet block');
    const original = view.getUint32(body, le);
    const room = bodyEnd - (body + 4);
    const captured = Math.min(original, iface.snapLength || original, room);
    return frame(iface, lastTimestamp, body + 4, captured, original);
  }
  const what = type === PCAPNG_EPB ? 'enhanced packet block' : 'packet block';
  need(20, what);
  const iface =
    type === PCAPNG_EPB
      ? interfaceOf(view.getUint32(body, le), what)
      : interfaceOf(view.getUint16(body, le), what);
  const time = splitTimestamp(view.getUint32(body + 4, le), view.getUint32(body + 8, le), iface);
  return frame(iface, time, body + 20, view.getUint32(body + 12, le), view.getUint32(body + 16, le));
}

function readInterface(
  bytes: Uint8Array,
  view: DataView,
  le: boolean,
  body: number,
  bodyEnd: number,
): PcapngInterface {
  const iface: PcapngInterface = {
    linkType: view.getUint16(body, le),
    snapLength: view.getUint32(body + 4, le),
    unitsPerSecond: 1_000_000n,
    unitsPerSecondNumber: 1_000_000,
    offsetSeconds: 0,
  };
  let at = body + 8;
  while (at + 4 <= bodyEnd) {
    const code = view.getUint16(at, le);
    const length = view.getUint16(at + 2, le);
    if (code === 0) break; // opt_endofopt
    if (at + 4 + length > bodyEnd) {
      throw new FrameError(`an interface option at byte ${at} overruns its block`);
    }
    if (code === OPT_IF_TSRESOL && length >= 1) {
      const resolution = bytes[at + 4] ?? 6;
      // High bit set: a negative power of two; clear: a negative power of ten.
      const exponent = resolution & 0x7f;
      if (resolution & 0x80) {
        if (exponent > 63) throw new FrameError(`unsupported pcapng if_tsresol 2^-${exponent}`);
        iface.unitsPerSecond = 1n << BigInt(exponent);
      } else {
        if (exponent > 19) throw new FrameError(`unsupported pcapng if_tsresol 10^-${exponent}`);
        iface.unitsPerSecond = 10n ** BigInt(exponent);
      }
    } else if (code === OPT_IF_TSOFFSET && length >= 8) {
      iface.offsetSeconds = Number(view.getBigInt64(at + 4, le));
    }
    at += 4 + length + ((4 - (length % 4)) % 4);
  }
  iface.unitsPerSecondNumber = iface.unitsPerSecond < 1n << 53n ? Number(iface.unitsPerSecond) : 0;
  return iface;
}

/** Splits a 64-bit pcapng timestamp in whole seconds and a fraction without losing nanoseconds. */
function splitTimestamp(high: number, low: number, iface: PcapngInterface) {
  const per = iface.unitsPerSecondNumber;
  if (high < 0x200000 && per !== 0) {
    // below 2^53 units (microseconds until the year 2255) doubles are exact: no BigInt needed
    const units = high * 0x100000000 + low;
    let seconds = Math.floor(units / per);
    if (seconds * per > units) seconds -= 1;
    else if ((seconds + 1) * per <= units) seconds += 1;
    return { seconds: seconds + iface.offsetSeconds, fraction: (units - seconds * per) / per };
  }
  const units = (BigInt(high) << 32n) | BigInt(low);
  return {
    seconds: Number(units / iface.unitsPerSecond) + iface.offsetSeconds,
    fraction: Number(units % iface.unitsPerSecond) / Number(iface.unitsPerSecond),
  };
}

// ---------------------------------------------------------------------------------------------
// Link layer, IP and TCP

/** A TCP segment as decoded from one frame. */
interface TcpSegment {
  frame: number;
  seconds: number;
  fraction: number;
  src: string;
  dst: string;
  /** The raw control-bits byte (FIN 0x01 ... URG 0x20; ECE and CWR are masked away). */
  bits: number;
  seq: number;
  ack: number;
  window: number;
  /** Shift count of the window-scale option, when the segment carries one. */
  windowScale?: number;
  /** SACK blocks (RFC 2018), when the segment carries them. */
  sack?: [number, number][];
  len: number;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = new Set([0x8100, 0x88a8, 0x9100]);
const ETHERTYPE_MPLS = new Set([0x8847, 0x8848]);
const ETHERTYPE_PPPOE_SESSION = 0x8864;
/** Linux cooked captures put this in the protocol field for 802.2 LLC frames. */
const SLL_PROTOCOL_LLC = 0x0004;
const IPPROTO_TCP = 6;
/** Encapsulations nested deeper than this are not followed (a loop in a malformed frame). */
const MAX_NESTING = 8;

/** Decodes a frame down to its TCP segment; null when it carries no TCP (ARP, UDP, fragments...). */
function decodeFrame(frame: CaptureFrame): TcpSegment | null {
  const view = viewOf(frame.data);
  const ip = locateIp(frame, view);
  if (ip === null) return null;
  const packet = ip.version === 4 ? decodeIpv4(frame, view, ip.offset) : decodeIpv6(frame, view, ip.offset);
  if (packet === null) return null;
  return decodeTcp(frame, view, packet);
}

type IpAt = { offset: number; version: 4 | 6 } | null;

/** Where the IP header starts and which version it is, per the frame's link type. */
function locateIp(frame: CaptureFrame, view: DataView): IpAt {
  const { data } = frame;
  const need = (n: number, what: string) => {
    if (data.length < n) throw new FrameError(`${what} header truncated (${data.length} bytes captured)`);
  };

  switch (frame.linkType) {
    case LINKTYPE.ETHERNET:
      return ethernet(frame, view, 0, 0);
    case LINKTYPE.LINUX_SLL:
      need(16, 'Linux cooked (SLL)');
      return cooked(frame, view, view.getUint16(14), 16);
    case LINKTYPE.LINUX_SLL2:
      need(20, 'Linux cooked (SLL2)');
      return cooked(frame, view, view.getUint16(0), 20);
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP: {
      need(4, 'loopback');
      // NULL stores the address family in the capturing host's byte order, LOOP in network order.
      let family = view.getUint32(0, frame.linkType === LINKTYPE.NULL);
      if (frame.linkType === LINKTYPE.NULL && family > 0xffff) family = view.getUint32(0, false);
      if (family === 2) return { offset: 4, version: 4 };
      // AF_INET6 differs between systems: Linux 10, NetBSD/OpenBSD 24, FreeBSD 28, macOS 30.
      if (family === 10 || family === 24 || family === 28 || family === 30) {
        return { offset: 4, version: 6 };
      }
      return null;
    }
    case LINKTYPE.RAW:
    case LINKTYPE.IPV4:
    case LINKTYPE.IPV6:
      need(1, 'raw IP');
      return byVersion(data, 0);
    default:
      throw new FrameError(
        `unsupported link type ${frame.linkType} (supported: ${[...SUPPORTED_LINKTYPES].join(', ')})`,
      );
  }
}

/** IPv4 or IPv6 by the version nibble, or null. */
function byVersion(data: Uint8Array, offset: number): IpAt {
  const version = (data[offset] ?? 0) >> 4;
  return version === 4 || version === 6 ? { offset, version } : null;
}

/** An Ethernet frame from `offset`: Ethernet II, 802.1Q/802.1ad tags, or 802.3 with LLC/SNAP. */
function ethernet(frame: CaptureFrame, view: DataView, offset: number, depth: number): IpAt {
  if (frame.data.length < offset + 14) {
    throw new FrameError(`Ethernet header truncated (${frame.data.length - offset} bytes captured)`);
  }
  return etherType(frame, view, view.getUint16(offset + 12), offset + 14, depth);
}

/** A Linux cooked header's protocol field: an EtherType, or 802.2 LLC. */
function cooked(frame: CaptureFrame, view: DataView, protocol: number, offset: number): IpAt {
  if (protocol === SLL_PROTOCOL_LLC) return llc(frame, view, offset, 0);
  return etherType(frame, view, protocol, offset, 0);
}

/** What follows an EtherType (or an 802.3 length) field, the payload starting at `offset`. */
function etherType(frame: CaptureFrame, view: DataView, type: number, offset: number, depth: number): IpAt {
  const data = frame.data;
  if (depth > MAX_NESTING) throw new FrameError(`more than ${MAX_NESTING} nested encapsulations`);
  if (type === ETHERTYPE_IPV4) return { offset, version: 4 };
  if (type === ETHERTYPE_IPV6) return { offset, version: 6 };
  if (type <= 1500) return llc(frame, view, offset, depth); // 802.3: a length, then an LLC header
  if (ETHERTYPE_VLAN.has(type)) {
    if (data.length < offset + 4) throw new FrameError('VLAN tag truncated');
    return etherType(frame, view, view.getUint16(offset + 2), offset + 4, depth + 1);
  }
  if (ETHERTYPE_MPLS.has(type)) return mpls(frame, view, offset, depth);
  if (type === ETHERTYPE_PPPOE_SESSION) {
    // PPPoE (6 bytes) and the PPP protocol number: 0x0021 IPv4, 0x0057 IPv6
    if (data.length < offset + 8) throw new FrameError('PPPoE header truncated');
    const protocol = view.getUint16(offset + 6);
    if (protocol === 0x0021) return { offset: offset + 8, version: 4 };
    if (protocol === 0x0057) return { offset: offset + 8, version: 6 };
    return null;
  }
  return null; // ARP, LLDP and the like
}

/** An 802.2 LLC header: SNAP (0xAA 0xAA 0x03, an OUI and an EtherType) carries IP; others do not. */
function llc(frame: CaptureFrame, view: DataView, offset: number, depth: number): IpAt {
  const data = frame.data;
  if (data.length < offset + 3) throw new FrameError('LLC header truncated');
  const dsap = data[offset];
  const ssap = data[offset + 1];
  const control = data[offset + 2];
  if (dsap === 0xaa && ssap === 0xaa && control === 0x03) {
    if (data.length < offset + 8) throw new FrameError('SNAP header truncated');
    return etherType(frame, view, view.getUint16(offset + 6), offset + 8, depth + 1);
  }
  if (dsap === 0x06 && ssap === 0x06 && control === 0x03) return { offset: offset + 3, version: 4 }; // IP over LLC
  return null; // spanning tree, NetBIOS...
}

/** An MPLS label stack: labels until the bottom-of-stack bit, then IP, or a pseudowire's Ethernet. */
function mpls(frame: CaptureFrame, view: DataView, offset: number, depth: number): IpAt {
  const data = frame.data;
  let at = offset;
  for (;;) {
    if (data.length < at + 4) throw new FrameError('MPLS label stack truncated');
    const bottom = (data[at + 2]! & 0x01) !== 0;
    at += 4;
    if (bottom) break;
    if (at - offset > 4 * 16) throw new FrameError('MPLS label stack deeper than 16 labels');
  }
  if (data.length <= at) throw new FrameError('MPLS payload not captured');
  const nibble = data[at]! >> 4;
  if (nibble === 4 || nibble === 6) return byVersion(data, at);
  // an Ethernet pseudowire, with its control word (first nibble 0)
  if (nibble === 0) return ethernet(frame, view, at + 4, depth + 1);
  return null;
}

interface IpPacket {
  src: string;
  dst: string;
  /** Offset of the TCP header in the frame. */
  tcpOffset: number;
  /** Length of the TCP header plus payload, from the IP header (not from the captured bytes). */
  tcpLength: number;
}

function decodeIpv4(frame: CaptureFrame, view: DataView, offset: number): IpPacket | null {
  const { data } = frame;
  if (data.length < offset + 20) {
    throw new FrameError(`IPv4 header truncated (${Math.max(0, data.length - offset)} of 20 bytes captured)`);
  }
  const headerLength = ((data[offset] ?? 0) & 0x0f) * 4;
  if (headerLength < 20) throw new FrameError(`malformed IPv4 header length ${headerLength}`);
  if (data[offset + 9] !== IPPROTO_TCP) return null;
  // Only a whole datagram (no more-fragments bit, offset 0) holds a complete TCP header.
  if ((view.getUint16(offset + 6) & 0x3fff) !== 0) return null;
  let totalLength = view.getUint16(offset + 2);
  // Segmentation offload (BIG TCP above 64 kB) leaves the total length 0: take the wire length then.
  if (totalLength === 0) totalLength = frame.originalLength - offset;
  if (totalLength < headerLength) {
    throw new FrameError(`IPv4 total length ${totalLength} is shorter than its header`);
  }
  return {
    src: formatIpv4(view, offset + 12),
    dst: formatIpv4(view, offset + 16),
    tcpOffset: offset + headerLength,
    tcpLength: totalLength - headerLength,
  };
}

const IPV6_HOP_BY_HOP = 0;
const IPV6_EXTENSION_HEADERS = new Set([IPV6_HOP_BY_HOP, 43 /* routing */, 60 /* destination */]);
const IPV6_FRAGMENT = 44;
const IPV6_AUTH = 51;
/** The Jumbo Payload option of the hop-by-hop header (RFC 2675). */
const IPV6_OPTION_JUMBO = 0xc2;

function decodeIpv6(frame: CaptureFrame, view: DataView, offset: number): IpPacket | null {
  const { data } = frame;
  if (data.length < offset + 40) {
    throw new FrameError(`IPv6 header truncated (${Math.max(0, data.length - offset)} of 40 bytes captured)`);
  }
  let payloadLength = view.getUint16(offset + 4);
  let next = data[offset + 6] ?? 0;
  if (payloadLength === 0) {
    // a jumbogram names its length in the hop-by-hop header (RFC 2675); an offloaded segment (BIG
    // TCP without that header) has none: take the wire length then
    const jumbo = next === IPV6_HOP_BY_HOP ? jumboLength(data, view, offset + 40) : null;
    payloadLength = jumbo ?? frame.originalLength - offset - 40;
  }
  let at = offset + 40;
  let remaining = payloadLength;
  while (next !== IPPROTO_TCP) {
    if (!IPV6_EXTENSION_HEADERS.has(next) && next !== IPV6_FRAGMENT && next !== IPV6_AUTH) {
      return null; // another upper-layer protocol, or no next header
    }
    if (data.length < at + 8) throw new FrameError('IPv6 extension header truncated');
    if (next === IPV6_FRAGMENT && (view.getUint16(at + 2) & 0xfff9) !== 0) return null;
    const length =
      next === IPV6_FRAGMENT
        ? 8
        : next === IPV6_AUTH
          ? ((data[at + 1] ?? 0) + 2) * 4
          : ((data[at + 1] ?? 0) + 1) * 8;
    next = data[at] ?? 0;
    at += length;
    remaining -= length;
    if (remaining < 0) throw new FrameError('IPv6 extension headers overrun the payload length');
  }
  return {
    src: formatIpv6(data, view, offset + 8),
    dst: formatIpv6(data, view, offset + 24),
    tcpOffset: at,
    tcpLength: remaining,
  };
}

/** The Jumbo Payload length in a hop-by-hop header at `at`, or null when it has none. */
function jumboLength(data: Uint8Array, view: DataView, at: number): number | null {
  if (data.length < at + 2) return null;
  const end = Math.min(at + ((data[at + 1] ?? 0) + 1) * 8, data.length);
  let option = at + 2;
  while (option < end) {
    const type = data[option]!;
    if (type === 0) {
      option += 1; // Pad1
      continue;
    }
    if (option + 1 >= end) return null;
    const length = data[option + 1]!;
    if (type === IPV6_OPTION_JUMBO && length === 4 && option + 6 <= end) return view.getUint32(option + 2);
    option += 2 + length;
  }
  return null;
}

const TCP_OPTION_END = 0;
const TCP_OPTION_NOP = 1;
const TCP_OPTION_WINDOW_SCALE = 3;
const TCP_OPTION_SACK = 5;
/** RFC 7323 section 2.3: a larger shift is used as 14. */
const MAX_WINDOW_SCALE = 14;

function decodeTcp(frame: CaptureFrame, view: DataView, ip: IpPacket): TcpSegment {
  const { data } = frame;
  const at = ip.tcpOffset;
  if (data.length < at + 20) {
    throw new FrameError(
      `TCP header truncated (${Math.max(0, data.length - at)} of 20 bytes captured; snapshot length too small?)`,
    );
  }
  const headerLength = ((data[at + 12] ?? 0) >> 4) * 4;
  if (headerLength < 20 || headerLength > ip.tcpLength) {
    throw new FrameError(`malformed TCP header length ${headerLength}`);
  }
  const segment: TcpSegment = {
    frame: frame.number,
    seconds: frame.seconds,
    fraction: frame.fraction,
    src: formatEndpoint(ip.src, view.getUint16(at)),
    dst: formatEndpoint(ip.dst, view.getUint16(at + 2)),
    seq: view.getUint32(at + 4),
    ack: view.getUint32(at + 8),
    bits: (data[at + 13] ?? 0) & 0x3f,
    window: view.getUint16(at + 14),
    len: ip.tcpLength - headerLength,
  };
  // Options are read only as far as they were captured: a short snapshot may cut them.
  const optionsEnd = Math.min(at + headerLength, data.length);
  let option = at + 20;
  while (option < optionsEnd) {
    const kind = data[option] ?? TCP_OPTION_END;
    if (kind === TCP_OPTION_END) break;
    if (kind === TCP_OPTION_NOP) {
      option += 1;
      continue;
    }
    const length = data[option + 1] ?? 0;
    if (length < 2) break; // malformed: stop rather than loop
    if (kind === TCP_OPTION_WINDOW_SCALE && length === 3 && option + 2 < optionsEnd) {
      segment.windowScale = Math.min(data[option + 2] ?? 0, MAX_WINDOW_SCALE);
    } else if (kind === TCP_OPTION_SACK && (length - 2) % 8 === 0 && option + length <= optionsEnd) {
      const blocks: [number, number][] = [];
      for (let b = option + 2; b < option + length; b += 8)
        blocks.push([view.getUint32(b), view.getUint32(b + 4)]);
      if (blocks.length > 0) segment.sack = blocks;
    }
    option += length;
  }
  return segment;
}

// ---------------------------------------------------------------------------------------------
// Connections and traces

const FIN_BIT = 0x01;
const SYN_BIT = 0x02;
const RST_BIT = 0x04;
const ACK_BIT = 0x10;

/** Flag names in header bit order, which is also the order Wireshark prints them in. */
const FLAG_ORDER: ReadonlyArray<[FlagName, number]> = [
  ['FIN', 0x01],
  ['SYN', 0x02],
  ['RST', 0x04],
  ['PSH', 0x08],
  ['ACK', 0x10],
  ['URG', 0x20],
];

/** The flag names of each control-bits byte, made once and shared (nobody changes them). */
const FLAGS_OF_BITS: readonly FlagName[][] = Array.from(
  { length: 64 },
  (_, bits) => Object.freeze(FLAG_ORDER.filter(([, bit]) => bits & bit).map(([flag]) => flag)) as FlagName[],
);

interface Connection {
  segments: TcpSegment[];
  /** Endpoints that have sent a FIN. */
  finFrom: Set<string>;
  reset: boolean;
  /** seq of the first opening SYN (SYN without ACK), to tell a retransmission from a new connection. */
  openingSeq?: number;
}

/**
 * Groups segments by 4-tuple in order of first appearance. A new opening SYN on a 4-tuple whose
 * connection is over (RST seen, or a FIN from both ends) and that is not a retransmission of the
 * previous opening SYN starts a new connection, as Wireshark starts a new tcp.stream for port reuse.
 */
function groupConnections(segments: TcpSegment[]): Connection[] {
  const connections: Connection[] = [];
  const current = new Map<string, Connection>();
  // consecutive segments mostly belong to one connection: its key is made once for them
  let lastSrc = '';
  let lastDst = '';
  let lastKey = '';
  for (const segment of segments) {
    const { src, dst } = segment;
    if (!((src === lastSrc && dst === lastDst) || (src === lastDst && dst === lastSrc))) {
      lastKey = src < dst ? `${src} ${dst}` : `${dst} ${src}`;
      lastSrc = src;
      lastDst = dst;
    }
    const key = lastKey;
    let connection = current.get(key);
    const opening = (segment.bits & (SYN_BIT | ACK_BIT)) === SYN_BIT;
    const over = connection !== undefined && (connection.reset || connection.finFrom.size >= 2);
    if (!connection || (opening && over && segment.seq !== connection.openingSeq)) {
      connection = { segments: [], finFrom: new Set(), reset: false };
      connections.push(connection);
      current.set(key, connection);
    }
    connection.segments.push(segment);
    if (opening && connection.openingSeq === undefined) connection.openingSeq = segment.seq;
    if (segment.bits & FIN_BIT) connection.finFrom.add(segment.src);
    if (segment.bits & RST_BIT) connection.reset = true;
  }
  return connections;
}

function buildTrace(connection: Connection, name: string): { trace: Trace; client: string; server: string } {
  const { segments } = connection;
  const first = segments[0];
  if (!first) throw new Error(`${name}: a connection without segments`);
  const opener = segments.find((s) => (s.bits & (SYN_BIT | ACK_BIT)) === SYN_BIT) ?? first;
  const client = opener.src;
  const server = opener.dst;

  // The window scale counts only when both SYNs carried the option (RFC 7323 section 2.2).
  const scale = new Map<string, number | undefined>();
  for (const s of segments) {
    if (s.bits & SYN_BIT && !scale.has(s.src)) scale.set(s.src, s.windowScale);
  }
  const clientScale = scale.get(client);
  const serverScale = scale.get(server);
  const scaled = clientScale !== undefined && serverScale !== undefined;

  const trace: TraceSegment[] = segments.map((s) => {
    const from: Side = s.src === client ? 'client' : 'server';
    const shift = !scaled || s.bits & SYN_BIT ? 0 : ((from === 'client' ? clientScale : serverScale) ?? 0);
    const t = s.seconds - first.seconds + (s.fraction - first.fraction);
    const segment: TraceSegment = {
      from,
      flags: FLAGS_OF_BITS[s.bits]!,
      seq: s.seq,
      ack: s.ack,
      len: s.len,
      win: s.window * 2 ** shift,
      // Rounded to the nanosecond so that float noise does not show in the JSON.
      t: Math.round(t * 1e9) / 1e9,
    };
    if (s.sack) segment.sack = s.sack;
    return segment;
  });
  return {
    trace: { name, description: `captured: ${client} -> ${server}`, segments: trace },
    client,
    server,
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Texts of the addresses and endpoints already met. A connection's frames repeat the same two
 * endpoints, so each text is made once instead of once a frame, and connections are then grouped
 * by strings that are the same objects. Bounded: cleared when full (no more than a few kB).
 */
const ADDRESS_TEXTS = new Map<string | number, string>();
const ENDPOINT_TEXTS = new Map<string, Map<number, string>>();
const TEXTS_KEPT = 1024;

function remembered<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= TEXTS_KEPT) map.clear();
    value = make();
    map.set(key, value);
  }
  return value;
}

function formatEndpoint(address: string, port: number): string {
  const ports = remembered(ENDPOINT_TEXTS, address, () => new Map<number, string>());
  return remembered(ports, port, () =>
    address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`,
  );
}

function formatIpv4(view: DataView, at: number): string {
  const n = view.getUint32(at);
  return remembered(
    ADDRESS_TEXTS,
    n,
    () => `${n >>> 24}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`,
  );
}

function formatIpv6(data: Uint8Array, view: DataView, at: number): string {
  const key = `${view.getUint32(at)} ${view.getUint32(at + 4)} ${view.getUint32(at + 8)} ${view.getUint32(at + 12)}`;
  return remembered(ADDRESS_TEXTS, key, () => ipv6Text(data, at));
}

/** RFC 5952 text form: lower case, no leading zeros, the longest run of 2+ zero groups as "::". */
function ipv6Text(data: Uint8Array, at: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(((data[at + 2 * i] ?? 0) << 8) | (data[at + 2 * i + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (g: number[]) => g.map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}
