import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  LINKTYPE,
  readCapture,
  readCaptureFrames,
  readCaptureTraces,
  type CaptureFrame,
} from '../../../shared/trace/pcap-reader';
import { formatTrace, traceFiles, type KnownCase } from '../../../scripts/captures/pcap-to-trace';
import { CASES as NETWORK_CASES } from '../../../scripts/captures/network-scenarios';
import { CASES } from '../../../scripts/captures/scenarios';
import type { FlagName } from '../../../shared/tcp/types';
import type { Trace, TraceSegment } from '../../../shared/trace/trace-format';

const DIR = path.join(__dirname, '../../fixtures/captures');
const load = (file: string) => new Uint8Array(readFileSync(path.join(DIR, file)));
const captured = CASES.filter((c) => existsSync(path.join(DIR, `${c.file}.pcapng`)));
const NETWORK = path.join(DIR, 'network');

/** tshark's decoding of a capture, written by make-captures.sh next to it. */
function tsharkRows(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path.join(DIR, `${file}.tsv`), 'utf8')
    .trim()
    .split('\n');
  const names = (header ?? '').split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(names.map((name, i) => [name, cells[i] ?? '']));
  });
}

const BIT_ORDER: [FlagName, number][] = [
  ['FIN', 0x01],
  ['SYN', 0x02],
  ['RST', 0x04],
  ['PSH', 0x08],
  ['ACK', 0x10],
  ['URG', 0x20],
];
const flagsOf = (hex: string) => BIT_ORDER.filter(([, bit]) => Number(hex) & bit).map(([f]) => f);
const withoutTime = (segments: TraceSegment[]) => segments.map(({ t: _t, sack: _sack, ...rest }) => rest);

/** The one connection of a capture. */
function single(bytes: Uint8Array, name = 'x'): Trace {
  const streams = readCaptureTraces(bytes, name);
  expect(streams).toHaveLength(1);
  return streams[0]!.trace;
}

// ---------------------------------------------------------------------------------------------
// Small writers for synthetic captures.

interface Frame {
  seconds: number;
  fraction: number;
  data: Uint8Array;
  originalLength: number;
}

/** A classic pcap file. */
function pcap(linkType: number, frames: Frame[], { le = true, nsec = false } = {}): Uint8Array {
  const out = new Writer(le);
  out
    .u32(nsec ? 0xa1b23c4d : 0xa1b2c3d4)
    .u16(2)
    .u16(4)
    .u32(0)
    .u32(0)
    .u32(262144)
    .u32(linkType);
  for (const f of frames) {
    out.u32(f.seconds).u32(Math.round(f.fraction * (nsec ? 1e9 : 1e6)));
    out.u32(f.data.length).u32(f.originalLength).bytes(f.data);
  }
  return out.done();
}

/** A pcapng file with one Ethernet interface; tsresol is the if_tsresol byte, omitted when undefined. */
function pcapng(frames: Frame[], { le = true, tsresol }: { le?: boolean; tsresol?: number }): Uint8Array {
  const out = new Writer(le);
  const block = (type: number, body: Writer) => {
    const bytes = body.done();
    const padded = bytes.length + ((4 - (bytes.length % 4)) % 4);
    out
      .u32(type)
      .u32(padded + 12)
      .bytes(bytes)
      .bytes(new Uint8Array(padded - bytes.length))
      .u32(padded + 12);
  };
  block(0x0a0d0d0a, new Writer(le).u32(0x1a2b3c4d).u16(1).u16(0).u32(0xffffffff).u32(0xffffffff));
  const idb = new Writer(le).u16(LINKTYPE.ETHERNET).u16(0).u32(262144);
  if (tsresol !== undefined)
    idb
      .u16(9)
      .u16(1)
      .bytes(new Uint8Array([tsresol, 0, 0, 0]))
      .u16(0)
      .u16(0);
  block(1, idb);
  const unitsPerSecond = tsresol === undefined ? 1e6 : tsresol & 0x80 ? 2 ** (tsresol & 0x7f) : 10 ** tsresol;
  for (const f of frames) {
    const units =
      BigInt(f.seconds) * BigInt(unitsPerSecond) + BigInt(Math.round(f.fraction * unitsPerSecond));
    const epb = new Writer(le)
      .u32(0)
      .u32(Number(units >> 32n))
      .u32(Number(units & 0xffffffffn));
    block(6, epb.u32(f.data.length).u32(f.originalLength).bytes(f.data));
  }
  return out.done();
}

class Writer {
  private readonly chunks: number[] = [];
  constructor(private readonly le: boolean) {}
  u16(v: number): this {
    const b = [v & 0xff, (v >>> 8) & 0xff];
    this.chunks.push(...(this.le ? b : b.reverse()));
    return this;
  }
  u32(v: number): this {
    const b = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
    this.chunks.push(...(this.le ? b : b.reverse()));
    return this;
  }
  bytes(b: Uint8Array): this {
    for (const x of b) this.chunks.push(x);
    return this;
  }
  done(): Uint8Array {
    return new Uint8Array(this.chunks);
  }
}

/**
 * The committed captures of one folder (`sub`: '' or 'network/'), each case checked against tshark's
 * own reading (the .tsv beside it) and the JSON traces committed from it.
 */
function describeCommitted(cases: readonly (KnownCase & { file: string })[], sub: '' | 'network/'): void {
  describe.each(cases.map((c) => [c.file, c] as const))('%s', (file, known) => {
    const streams = readCaptureTraces(load(`${sub}${file}.pcapng`), file);
    const rows = tsharkRows(`${sub}${file}`);

    it('has one stream per expected connection, numbered like tshark tcp.stream', () => {
      expect(streams.map((s) => s.stream)).toEqual(known.expect.map((_, i) => i));
      const tsharkStreams = [...new Set(rows.map((r) => Number(r['tcp.stream'])))];
      expect(streams.map((s) => s.stream)).toEqual(tsharkStreams);
    });

    it('starts each stream with a bare SYN from the client at t = 0', () => {
      for (const { trace } of streams) {
        expect(trace.segments[0]).toMatchObject({ from: 'client', flags: ['SYN'], t: 0 });
        expect(trace.name).toMatch(new RegExp(`^${file}#\\d$`));
        expect(trace.description).toMatch(/^captured: \S+ -> \S+$/);
      }
    });

    it('agrees with tshark on every segment: absolute seq/ack, length, scaled window, flags, time', () => {
      for (const { stream, trace } of streams) {
        const mine = rows.filter((r) => Number(r['tcp.stream']) === stream);
        expect(trace.segments).toHaveLength(mine.length);
        const clientPort = mine[0]?.['tcp.srcport'];
        const t0 = Number(mine[0]?.['frame.time_relative']);
        trace.segments.forEach((segment, i) => {
          const row = mine[i]!;
          expect({
            from: row['tcp.srcport'] === clientPort ? 'client' : 'server',
            flags: flagsOf(row['tcp.flags']!),
            seq: Number(row['tcp.seq_raw']),
            ack: row['tcp.ack_raw'] ? Number(row['tcp.ack_raw']) : segment.ack,
            len: Number(row['tcp.len']),
            win: Number(row['tcp.window_size']),
          }).toEqual(withoutTime([segment])[0]);
          expect(segment.t).toBeCloseTo(Number(row['frame.time_relative']) - t0, 8);
        });
      }
    });

    it('matches the committed JSON traces exactly', () => {
      for (const { file: json, trace } of traceFiles(load(`${sub}${file}.pcapng`), file, known)) {
        const committed = readFileSync(path.join(DIR, sub, json), 'utf8');
        expect(committed).toBe(formatTrace(trace));
        expect(JSON.parse(committed)).toEqual(JSON.parse(JSON.stringify(trace)));
      }
    });
  });
}

describe('the committed loopback captures', () => {
  it('cover every case but, at most, the simultaneous close (a race the script may lose)', () => {
    const missing = CASES.filter((c) => !captured.includes(c)).map((c) => c.file);
    expect(missing.filter((f) => !f.includes('simultaneous'))).toEqual([]);
  });

  describeCommitted(captured, '');
});

describe('the committed network captures (make-network-captures.sh)', () => {
  it('cover every case', () => {
    const missing = NETWORK_CASES.filter((c) => !existsSync(path.join(NETWORK, `${c.file}.pcapng`)));
    expect(missing.map((c) => c.file)).toEqual([]);
  });

  describeCommitted(NETWORK_CASES, 'network/');
});

describe('readCaptureTraces on specific captures', () => {
  it('applies the window scale of both SYNs, never to the SYNs themselves', () => {
    const trace = single(load('03-data-both-ways.pcapng'));
    const raw = tsharkRows('03-data-both-ways').map((r) => Number(r['tcp.window_size_value']));
    trace.segments.forEach((segment, i) => {
      if (segment.flags.includes('SYN')) expect(segment.win).toBe(raw[i]);
      else {
        // Linux on loopback announces a shift of 10 or so: the raw field is tiny, the window large.
        expect(segment.win).toBeGreaterThan(raw[i]!);
        expect(Math.log2(segment.win! / raw[i]!) % 1).toBe(0);
      }
    });
  });

  it('decodes IPv6', () => {
    const trace = single(load('07-ipv6.pcapng'));
    expect(trace.description).toMatch(/^captured: \[::1\]:\d+ -> \[::1\]:45107$/);
    expect(trace.segments.filter((s) => s.len > 0).map((s) => [s.from, s.len])).toEqual([
      ['client', 150],
      ['server', 250],
    ]);
  });

  it('splits two connections on the same 4-tuple into two streams', () => {
    const streams = readCaptureTraces(load('09-two-connections.pcapng'), 'two');
    expect(streams).toHaveLength(2);
    const [first, second] = streams.map((s) => s.trace);
    expect(first!.description).toBe(second!.description); // same endpoints
    expect(second!.segments[0]).toMatchObject({ from: 'client', flags: ['SYN'], t: 0 });
    expect(second!.segments[0]!.seq).not.toBe(first!.segments[0]!.seq);
  });

  it('keeps interleaved connections apart, numbered by first appearance', () => {
    const a = readCaptureFrames(load('01-client-closes.pcapng'));
    const b = readCaptureFrames(load('02-server-closes.pcapng'));
    const mixed: CaptureFrame[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (b[i]) mixed.push(b[i]!);
      if (a[i]) mixed.push(a[i]!);
    }
    const streams = readCaptureTraces(pcapng(mixed, { tsresol: 9 }), 'mix');
    const alone = (file: string) => single(load(`${file}.pcapng`));
    expect(streams.map((s) => s.trace.segments)).toEqual([
      alone('02-server-closes').segments,
      alone('01-client-closes').segments,
    ]);
  });

  it('names as client the first sender when the capture starts after the handshake', () => {
    const frames = readCaptureFrames(load('03-data-both-ways.pcapng')).slice(3);
    const trace = single(pcapng(frames, { tsresol: 9 }));
    const rows = tsharkRows('03-data-both-ways').slice(3);
    expect(trace.segments[0]!.from).toBe('client');
    // No SYN seen, so the scale is unknown and the raw window is reported.
    expect(trace.segments.map((s) => s.win)).toEqual(rows.map((r) => Number(r['tcp.window_size_value'])));
  });

  it('takes payload lengths from the IP header, so snaplen-cut frames still count', () => {
    const frames = readCaptureFrames(load('03-data-both-ways.pcap'));
    // 74 bytes keep the SYNs' 40-byte TCP headers (their window-scale option) and no payload.
    const cut = frames.map((f) => ({ ...f, data: f.data.subarray(0, 14 + 20 + 40) }));
    expect(cut.some((f) => f.data.length < f.originalLength)).toBe(true);
    expect(readCaptureTraces(pcap(LINKTYPE.ETHERNET, cut), 'c')).toEqual(
      readCaptureTraces(load('03-data-both-ways.pcap'), 'c'),
    );
  });
});

describe('containers and link types', () => {
  const fromPcapng = readCaptureTraces(load('03-data-both-ways.pcapng'), 'same');
  const fromPcap = readCaptureTraces(load('03-data-both-ways.pcap'), 'same');
  const v6 = readCaptureTraces(load('07-ipv6.nsec.pcap'), 'same');

  it('reads a classic microsecond pcap like the pcapng it was converted from', () => {
    expect(fromPcap).toHaveLength(1);
    const [p, n] = [fromPcap[0]!.trace, fromPcapng[0]!.trace];
    expect(withoutTime(p.segments)).toEqual(withoutTime(n.segments));
    p.segments.forEach((s, i) => expect(s.t).toBeCloseTo(n.segments[i]!.t!, 5));
  });

  it('reads a nanosecond pcap with the same times as the pcapng', () => {
    expect(v6).toEqual(readCaptureTraces(load('07-ipv6.pcapng'), 'same'));
  });

  it('reads big-endian pcap and pcapng, and pcapng without if_tsresol (microseconds)', () => {
    const frames = readCaptureFrames(load('03-data-both-ways.pcap'));
    expect(readCaptureTraces(pcap(LINKTYPE.ETHERNET, frames, { le: false }), 'same')).toEqual(fromPcap);
    expect(readCaptureTraces(pcapng(frames, { le: false }), 'same')).toEqual(fromPcap);
    expect(readCaptureTraces(pcapng(frames, {}), 'same')).toEqual(fromPcap);
  });

  it('splits pcapng timestamps exactly at a second boundary, with and without BigInt', () => {
    const data = readCaptureFrames(load('03-data-both-ways.pcap'))[0]!.data;
    // [if_tsresol byte, units per second, whole seconds]: below 2^53 units the reader uses doubles,
    // above (nanoseconds today) BigInt; both must give the seconds and fraction BigInt gives
    const cases: [number, number, number][] = [
      [6, 1e6, 1_733_000_000],
      [3, 1e3, 1_733_000_000],
      [0x80 | 20, 2 ** 20, 1_733_000_000],
      [9, 1e9, 1_000_000],
      [9, 1e9, 1_733_000_000],
    ];
    for (const [tsresol, per, seconds] of cases) {
      const frames = [0, 1, per - 1].map((units) => ({
        seconds,
        fraction: units / per,
        data,
        originalLength: data.length,
      }));
      const read = readCaptureFrames(pcapng(frames, { tsresol }));
      expect(read.map((f) => [f.seconds, f.fraction])).toEqual([
        [seconds, 0],
        [seconds, 1 / per],
        [seconds, (per - 1) / per],
      ]);
    }
  });

  it('honours a binary if_tsresol (2^-20 s)', () => {
    const frames = readCaptureFrames(load('03-data-both-ways.pcap'));
    const trace = single(pcapng(frames, { tsresol: 0x80 | 20 }));
    trace.segments.forEach((s, i) => expect(s.t).toBeCloseTo(fromPcap[0]!.trace.segments[i]!.t!, 5));
  });

  // Each link type gets the IP packets of the Ethernet capture behind its own header.
  const ipv4 = 0x0800;
  const ipv6 = 0x86dd;
  const headers: [string, number, (etherType: number) => number[]][] = [
    ['raw IP (101)', LINKTYPE.RAW, () => []],
    [
      'Linux SLL (113)',
      LINKTYPE.LINUX_SLL,
      (t) => [0, 0, 0, 772, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, t >> 8, t & 0xff],
    ],
    [
      'Linux SLL2 (276)',
      LINKTYPE.LINUX_SLL2,
      (t) => [t >> 8, t & 0xff, 0, 0, 0, 0, 0, 1, 3, 4, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0],
    ],
    ['BSD NULL, little-endian family (0)', LINKTYPE.NULL, (t) => [t === ipv4 ? 2 : 30, 0, 0, 0]],
    ['BSD NULL, big-endian family (0)', LINKTYPE.NULL, (t) => [0, 0, 0, t === ipv4 ? 2 : 24]],
    ['OpenBSD LOOP (108)', LINKTYPE.LOOP, (t) => [0, 0, 0, t === ipv4 ? 2 : 24]],
    [
      'Ethernet with a VLAN tag (1)',
      LINKTYPE.ETHERNET,
      (t) => [...new Array(12).fill(0), 0x81, 0, 0, 5, t >> 8, t & 0xff],
    ],
    [
      'Ethernet with two VLAN tags, 802.1ad outside (1)',
      LINKTYPE.ETHERNET,
      (t) => [...new Array(12).fill(0), 0x88, 0xa8, 0, 7, 0x81, 0, 0, 5, t >> 8, t & 0xff],
    ],
    [
      '802.3 with LLC/SNAP (1)',
      LINKTYPE.ETHERNET,
      (t) => [...new Array(12).fill(0), 0x05, 0xdc, 0xaa, 0xaa, 0x03, 0, 0, 0, t >> 8, t & 0xff],
    ],
    [
      'Linux SLL with 802.2 LLC/SNAP (113)',
      LINKTYPE.LINUX_SLL,
      (t) => [0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0xaa, 0xaa, 0x03, 0, 0, 0, t >> 8, t & 0xff],
    ],
    [
      'MPLS, two labels (1)',
      LINKTYPE.ETHERNET,
      (_t) => [...new Array(12).fill(0), 0x88, 0x47, 0, 0x01, 0x00, 0x40, 0, 0x02, 0x01, 0x40],
    ],
    [
      'MPLS, an Ethernet pseudowire with its control word (1)',
      LINKTYPE.ETHERNET,
      (t) => [
        ...new Array(12).fill(0),
        0x88,
        0x47,
        0,
        0x03,
        0x01,
        0x40,
        0,
        0,
        0,
        0,
        ...new Array(12).fill(0),
        t >> 8,
        t & 0xff,
      ],
    ],
    [
      'PPPoE session (1)',
      LINKTYPE.ETHERNET,
      (t) => [...new Array(12).fill(0), 0x88, 0x64, 0x11, 0, 0, 1, 0x05, 0xd0, 0, t === ipv4 ? 0x21 : 0x57],
    ],
  ];
  const rewrap = (file: string, etherType: number, header: (t: number) => number[]) =>
    readCaptureFrames(load(file)).map((f) => {
      const ip = f.data.subarray(14);
      const data = new Uint8Array([...header(etherType), ...ip]);
      return { ...f, data, originalLength: f.originalLength - 14 + data.length - ip.length };
    });

  it.each(headers)('decodes %s', (_name, linkType, header) => {
    expect(readCaptureTraces(pcap(linkType, rewrap('03-data-both-ways.pcap', ipv4, header)), 'same')).toEqual(
      fromPcap,
    );
    expect(
      readCaptureTraces(pcap(linkType, rewrap('07-ipv6.nsec.pcap', ipv6, header), { nsec: true }), 'same'),
    ).toEqual(v6);
  });

  it('decodes the IPv4-only (228) and IPv6-only (229) raw link types', () => {
    expect(
      readCaptureTraces(
        pcap(
          LINKTYPE.IPV4,
          rewrap('03-data-both-ways.pcap', ipv4, () => []),
        ),
        'same',
      ),
    ).toEqual(fromPcap);
    expect(
      readCaptureTraces(
        pcap(
          LINKTYPE.IPV6,
          rewrap('07-ipv6.nsec.pcap', ipv6, () => []),
          { nsec: true },
        ),
        'same',
      ),
    ).toEqual(v6);
  });

  it('skips frames that carry no IP, whatever their encapsulation, without reporting them', () => {
    const frames = readCaptureFrames(load('03-data-both-ways.pcap'));
    const spanningTree = {
      ...frames[0]!,
      data: new Uint8Array([...new Array(12).fill(0), 0, 38, 0x42, 0x42, 0x03, 0, 0, 0]),
    };
    const arp = {
      ...frames[0]!,
      data: new Uint8Array([...new Array(12).fill(0), 0x08, 0x06, ...new Array(28).fill(0)]),
    };
    const r = readCapture(pcap(LINKTYPE.ETHERNET, [spanningTree, arp, ...frames]), 'same');
    expect(r.skipped).toEqual([]);
    expect(withoutTime(r.streams[0]!.trace.segments)).toEqual(withoutTime(fromPcap[0]!.trace.segments));
  });

  it('decodes IPv4 carried straight in 802.2 LLC (SAP 0x06), as tshark does', () => {
    const llc = (_t: number) => [...new Array(12).fill(0), 0x05, 0xdc, 0x06, 0x06, 0x03];
    expect(
      readCaptureTraces(pcap(LINKTYPE.ETHERNET, rewrap('03-data-both-ways.pcap', ipv4, llc)), 'same'),
    ).toEqual(fromPcap);
  });

  it('follows IPv6 extension headers (destination options, routing) to the TCP header', () => {
    // each IPv6 packet with an 8-byte destination options header, then a routing header, before TCP
    const frames = readCaptureFrames(load('07-ipv6.nsec.pcap')).map((f) => {
      const ip = f.data.subarray(14);
      const header = [...ip.subarray(0, 40)];
      const payload = ((ip[4]! << 8) | ip[5]!) + 16;
      header[4] = payload >> 8;
      header[5] = payload & 0xff;
      header[6] = 60; // destination options
      const destination = [43, 0, 1, 4, 0, 0, 0, 0]; // next: routing; a PadN option
      const routing = [6, 0, 0, 0, 0, 0, 0, 0]; // next: TCP; routing type 0, no segments left
      const data = new Uint8Array([
        ...f.data.subarray(0, 14),
        ...header,
        ...destination,
        ...routing,
        ...ip.subarray(40),
      ]);
      return { ...f, data, originalLength: f.originalLength + 16 };
    });
    expect(readCaptureTraces(pcap(LINKTYPE.ETHERNET, frames, { nsec: true }), 'same')).toEqual(v6);
  });

  it('leaves IPv4 fragments out (only a whole datagram holds a whole TCP header), without reporting them', () => {
    const frames = readCaptureFrames(load('03-data-both-ways.pcap'));
    const fragment = (f: (typeof frames)[number], flagsAndOffset: number) => {
      const data = new Uint8Array(f.data);
      data[14 + 6] = flagsAndOffset >> 8;
      data[14 + 7] = flagsAndOffset & 0xff;
      return { ...f, data };
    };
    // a first fragment (more fragments set) and a later one (offset 185 x 8 bytes)
    const r = readCapture(
      pcap(LINKTYPE.ETHERNET, [fragment(frames[0]!, 0x2000), fragment(frames[0]!, 185), ...frames]),
      'same',
    );
    expect(r.skipped).toEqual([]);
    expect(r.frames).toBe(frames.length + 2);
    expect(withoutTime(r.streams[0]!.trace.segments)).toEqual(withoutTime(fromPcap[0]!.trace.segments));
  });

  it('reads an IPv6 jumbogram: payload length 0 and a jumbo payload option (RFC 2675)', () => {
    // the IPv6 capture's packets rewritten as jumbograms, with a hop-by-hop header in front of TCP
    const frames = readCaptureFrames(load('07-ipv6.nsec.pcap')).map((f) => {
      const ip = f.data.subarray(14);
      const payload = (ip[4]! << 8) | ip[5]!;
      const jumbo = payload + 8;
      const hbh = [6, 0, 0xc2, 4, jumbo >>> 24, (jumbo >>> 16) & 0xff, (jumbo >>> 8) & 0xff, jumbo & 0xff];
      const header = [...ip.subarray(0, 40)];
      header[4] = 0;
      header[5] = 0;
      header[6] = 0; // next header: hop-by-hop
      const data = new Uint8Array([...f.data.subarray(0, 14), ...header, ...hbh, ...ip.subarray(40)]);
      return { ...f, data, originalLength: f.originalLength + 8 };
    });
    expect(readCaptureTraces(pcap(LINKTYPE.ETHERNET, frames, { nsec: true }), 'same')).toEqual(v6);
  });

  it('reads BIG TCP segments as tshark does (IPv4 total length 0; IPv6 jumbo option)', () => {
    const streams = readCaptureTraces(load('network/26-big-tcp.pcapng'), 'big');
    const big = streams.map((s) => Math.max(...s.trace.segments.map((x) => x.len)));
    expect(big[0]).toBeGreaterThan(65535);
    expect(big[1]).toBeGreaterThan(65535);
  });

  it('carries the SACK blocks of each segment into the trace', () => {
    const trace = single(load('network/27-loss.pcapng'));
    const sacked = trace.segments.filter((x) => x.sack);
    expect(sacked.length).toBeGreaterThan(0);
    for (const x of sacked) {
      x.sack!.forEach(([left, right], i) => {
        expect((right - left) >>> 0 > 0).toBe(true);
        // above the cumulative ack, but for a first block that reports a duplicate (D-SACK, RFC 2883)
        const duplicate = i === 0 && ((right - x.ack) | 0) <= 0;
        if (!duplicate) expect(((left - x.ack) | 0) > 0).toBe(true);
      });
    }
  });

  it('returns no stream for a capture without packets', () => {
    expect(readCaptureTraces(pcap(LINKTYPE.ETHERNET, []), 'empty')).toEqual([]);
  });
});

describe('what is not a capture throws a clear error', () => {
  const good = load('01-client-closes.pcapng');
  const goodPcap = load('03-data-both-ways.pcap');

  it.each([
    ['an empty file', new Uint8Array(0), /too short/],
    ['text', new TextEncoder().encode('hello, this is not a capture'), /unknown magic number 0x68656c6c/],
    ['a pcapng cut inside its first block header', good.subarray(0, 6), /truncated pcapng/],
    ['a pcap cut inside its file header', goodPcap.subarray(0, 20), /truncated pcap file/],
  ])('%s', (_name, bytes, message) => {
    expect(() => readCaptureTraces(bytes, 'bad')).toThrow(message);
  });
});

describe('a damaged capture is read as far as it goes, the bad frames skipped and reported', () => {
  const good = load('01-client-closes.pcapng');
  const goodPcap = load('03-data-both-ways.pcap');
  const whole = readCapture(goodPcap, 'same');
  const wholeFrames = readCaptureFrames(goodPcap);

  it('a pcapng cut in the middle of a block keeps the frames before it', () => {
    const all = readCapture(good, 'cut');
    for (const cut of [10, 60, 130]) {
      const bytes = good.subarray(0, good.length - cut);
      const r = readCapture(bytes, 'cut');
      const read = readCaptureFrames(bytes).length;
      expect(r.skipped).toEqual([
        { frame: read + 1, reason: expect.stringMatching(/unreadable: truncated pcapng/) },
      ]);
      expect(r.streams[0]!.trace.segments).toEqual(all.streams[0]!.trace.segments.slice(0, read));
    }
  });

  it('a pcap cut in the middle of a frame keeps the frames before it', () => {
    const r = readCapture(goodPcap.subarray(0, goodPcap.length - 10), 'same');
    expect(r.skipped).toEqual([
      { frame: wholeFrames.length, reason: expect.stringMatching(/cut off in frame \d+: it claims/) },
    ]);
    expect(r.streams[0]!.trace.segments).toEqual(whole.streams[0]!.trace.segments.slice(0, -1));
  });

  it('a pcapng block whose length fields disagree ends the readable part', () => {
    const bytes = good.slice();
    const view = new DataView(bytes.buffer);
    const shbLength = view.getUint32(4, true);
    view.setUint32(shbLength + 4, view.getUint32(shbLength + 4, true) + 4, true);
    const r = readCapture(bytes, 'bad');
    expect(r.streams).toEqual([]);
    expect(r.skipped).toEqual([{ frame: 1, reason: expect.stringMatching(/corrupt pcapng file/) }]);
  });

  it('frames of an unknown link type are skipped with the reason', () => {
    const r = readCapture(pcap(147, wholeFrames.slice(0, 2)), 'bad');
    expect(r.streams).toEqual([]);
    expect(r.skipped).toEqual([
      { frame: 1, reason: expect.stringMatching(/unsupported link type 147/) },
      { frame: 2, reason: expect.stringMatching(/unsupported link type 147/) },
    ]);
  });

  it('a frame whose TCP header was not captured is skipped; the others are read', () => {
    const frames = wholeFrames.map((f, i) => (i === 4 ? { ...f, data: f.data.subarray(0, 40) } : f));
    const r = readCapture(pcap(LINKTYPE.ETHERNET, frames), 'same');
    expect(r.skipped).toEqual([
      { frame: 5, reason: 'TCP header truncated (6 of 20 bytes captured; snapshot length too small?)' },
    ]);
    expect(r.frames).toBe(wholeFrames.length);
    const segments = whole.streams[0]!.trace.segments;
    expect(r.streams[0]!.trace.segments.map((x) => x.seq)).toEqual(
      segments.filter((_, i) => i !== 4).map((x) => x.seq),
    );
  });

  it('says how much of the TCP header was captured, never a negative count', () => {
    const frames = wholeFrames.slice(0, 2).map((f) => ({ ...f, data: f.data.subarray(0, 14 + 20 + 8) }));
    const r = readCapture(pcap(LINKTYPE.ETHERNET, frames), 'short');
    expect(r.skipped.map((f) => f.reason)).toEqual([
      'TCP header truncated (8 of 20 bytes captured; snapshot length too small?)',
      'TCP header truncated (8 of 20 bytes captured; snapshot length too small?)',
    ]);
    // an IPv4 header with options pushes the TCP header past the captured bytes
    const options = wholeFrames.slice(0, 1).map((f) => {
      const data = f.data.slice(0, 14 + 20);
      data[14] = 0x4f; // 60-byte IPv4 header
      return { ...f, data };
    });
    expect(readCapture(pcap(LINKTYPE.ETHERNET, options), 'short').skipped[0]!.reason).toBe(
      'TCP header truncated (0 of 20 bytes captured; snapshot length too small?)',
    );
  });

  it('a pcapng packet block naming an unknown interface is skipped, the rest read', () => {
    const frames = wholeFrames.slice(0, 3);
    const bytes = pcapng(frames, { tsresol: 6 });
    const view = new DataView(bytes.buffer);
    // the second enhanced packet block: after the section header and the interface block
    let offset = 0;
    const blocks: number[] = [];
    while (offset < bytes.length) {
      blocks.push(offset);
      offset += view.getUint32(offset + 4, true);
    }
    view.setUint32(blocks[3]! + 8, 7, true);
    const r = readCapture(bytes, 'bad');
    expect(r.skipped).toEqual([{ frame: 2, reason: expect.stringMatching(/unknown interface 7/) }]);
    expect(r.streams[0]!.trace.segments).toHaveLength(2);
  });

  it('random bytes behind a valid magic number', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (const magic of [
      [0xd4, 0xc3, 0xb2, 0xa1],
      [0x0a, 0x0d, 0x0d, 0x0a],
    ]) {
      for (let round = 0; round < 50; round++) {
        const bytes = new Uint8Array(200 + round * 7).map(random);
        bytes.set(magic);
        // Either an error or some result, never a hang or a non-Error throw.
        try {
          readCaptureTraces(bytes, 'noise');
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
        }
      }
    }
  });
});
