import { readCapture, readCaptureFrames, LINKTYPE } from '../../../shared/trace/pcap-reader';
import {
  internetChecksum,
  ipv4TcpPacket,
  utf8Bytes,
  writePcapng,
  type TcpPacket,
} from '../../../shared/trace/pcapng-writer';
import { ACK, FIN, PSH, SYN } from '../../../shared/tcp/types';
import { tsharkRead } from '../../helpers/tshark';

const A = [192, 0, 2, 1];
const B = [192, 0, 2, 2];

function packet(over: Partial<TcpPacket>): TcpPacket {
  return {
    srcIp: A,
    dstIp: B,
    srcPort: 49152,
    dstPort: 4000,
    flags: ACK,
    seq: 1,
    ack: 1,
    window: 65535,
    len: 0,
    ipId: 1,
    ...over,
  };
}

const SEGMENTS: TcpPacket[] = [
  packet({ flags: SYN, seq: 4294967000, ack: 0, mss: 1460, windowScale: 7 }),
  packet({
    srcIp: B,
    dstIp: A,
    srcPort: 4000,
    dstPort: 49152,
    flags: SYN | ACK,
    seq: 5000,
    ack: 4294967001,
    windowScale: 7,
  }),
  packet({ flags: ACK | PSH, seq: 4294967001, ack: 5001, len: 333, window: 512 }),
  packet({ flags: FIN | ACK, seq: 38, ack: 5001, window: 512 }),
];
const COMMENTS = ['first: SYN', '第二个：SYN,ACK ✓', '', 'FIN 𝄞 (four UTF-8 octets)'];

describe('internetChecksum', () => {
  it('is the RFC 1071 example', () => {
    // RFC 1071 section 3: 0001 f203 f4f5 f6f7 sums to ddf2, whose complement is 220d
    expect(internetChecksum(Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7), 0, 8)).toBe(
      0x220d,
    );
  });

  it('pads an odd length with a zero octet', () => {
    expect(internetChecksum(Uint8Array.of(0x12, 0x34, 0x56), 0, 3)).toBe(~(0x1234 + 0x5600) & 0xffff);
  });

  it('checks to zero over a header holding its own checksum', () => {
    const ip = ipv4TcpPacket(packet({ len: 5 }));
    expect(internetChecksum(ip, 0, 20)).toBe(0);
  });
});

describe('utf8Bytes', () => {
  it.each(['ascii', '握手', 'é', '𝄞 music'])('encodes %s as Node does', (s) => {
    expect(Buffer.from(utf8Bytes(s))).toEqual(Buffer.from(s, 'utf8'));
  });
});

describe('writePcapng', () => {
  const bytes = writePcapng(
    SEGMENTS.map((p, i) => ({
      timeMs: 1_700_000_000_000 + i * 1200.5,
      data: ipv4TcpPacket(p),
      comment: COMMENTS[i],
    })),
    { application: 'Handshake Arena', interfaceName: 'handshake-arena', comments: ['a section comment'] },
  );

  it('is read back by the shared reader: raw IPv4 frames at microsecond times, one connection', () => {
    const frames = readCaptureFrames(bytes);
    expect(frames.map((f) => f.linkType)).toEqual(SEGMENTS.map(() => LINKTYPE.RAW));
    expect(frames.map((f) => Math.round((f.seconds + f.fraction) * 1e6))).toEqual(
      SEGMENTS.map((_, i) => (1_700_000_000_000 + i * 1200.5) * 1000),
    );
    const read = readCapture(bytes, 'w');
    expect(read.skipped).toEqual([]);
    expect(read.streams).toHaveLength(1);
    const trace = read.streams[0]!.trace;
    expect(trace.segments.map((s) => [s.from, s.flags, s.seq, s.ack, s.len, s.win])).toEqual([
      ['client', ['SYN'], 4294967000, 0, 0, 65535],
      ['server', ['SYN', 'ACK'], 5000, 4294967001, 0, 65535],
      // both SYNs carried the window scale 7, so later windows count in units of 128
      ['client', ['PSH', 'ACK'], 4294967001, 5001, 333, 512 * 128],
      ['client', ['FIN', 'ACK'], 38, 5001, 0, 512 * 128],
    ]);
  });

  it('is read by tshark with valid checksums, the options, the numbers and every comment', () => {
    const { malformed, rows } = tsharkRead('w.pcapng', bytes, [
      'ip.checksum.status',
      'tcp.checksum.status',
      'tcp.flags',
      'tcp.seq',
      'tcp.ack',
      'tcp.len',
      'tcp.options.mss_val',
      'tcp.options.wscale.shift',
      'frame.comment',
    ]);
    expect(malformed).toBe('');
    expect(rows.map((r) => [r['ip.checksum.status'], r['tcp.checksum.status']])).toEqual(
      SEGMENTS.map(() => ['1', '1']), // 1: good
    );
    expect(rows.map((r) => [Number(r['tcp.flags']), Number(r['tcp.seq']), Number(r['tcp.len'])])).toEqual(
      SEGMENTS.map((p) => [p.flags, p.seq, p.len]),
    );
    expect(rows.slice(1).map((r) => Number(r['tcp.ack']))).toEqual(SEGMENTS.slice(1).map((p) => p.ack));
    expect(rows.map((r) => [r['tcp.options.mss_val'], r['tcp.options.wscale.shift']])).toEqual([
      ['1460', '7'],
      ['', '7'],
      ['', ''],
      ['', ''],
    ]);
    expect(rows.map((r) => r['frame.comment'])).toEqual(COMMENTS);
  });

  it('refuses a segment that does not fit in one IPv4 packet', () => {
    expect(() => ipv4TcpPacket(packet({ len: 65516 }))).toThrow(/does not fit/);
  });
});
