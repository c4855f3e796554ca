/**
 * The capture mode on small hand-made traces, one behaviour of a real stack each (the recorded
 * captures are in test/shared/trace/capture-replay.test.ts), and the promise that the game never
 * uses it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  captureArrive,
  captureSend,
  captureSide,
  costsTwoAtLeast,
  type CaptureSide,
} from '../../../shared/tcp/capture';
import type { CaptureNoteCode } from '../../../shared/tcp/codes';
import { judge } from '../../../shared/tcp/judge';
import {
  ACK,
  FIN,
  PSH,
  RST,
  closedTcb,
  newConnection,
  type FlagName,
  type Side,
} from '../../../shared/tcp/types';
import { replayTrace } from '../../../shared/trace/replay';
import type { Trace, TraceSegment } from '../../../shared/trace/trace-format';
import { REPO_ROOT } from '../../helpers/paths';

const X = 1000; // client ISN
const Y = 5000; // server ISN

function seg(
  from: Side,
  flags: string,
  seq: number,
  ack: number,
  len = 0,
  extra: Partial<TraceSegment> = {},
) {
  return { from, flags: flags.split(',') as FlagName[], seq, ack, len, win: 65535, ...extra };
}

const handshake = [
  seg('client', 'SYN', X, 0),
  seg('server', 'SYN,ACK', Y, X + 1),
  seg('client', 'ACK', X + 1, Y + 1),
];

function replay(segments: TraceSegment[], expect?: Trace['expect']) {
  return replayTrace({ name: 'hand-made', segments, ...(expect ? { expect } : {}) });
}

function notesOf(segments: TraceSegment[]): Array<[number, CaptureNoteCode]> {
  return replay(segments).steps.flatMap((s) =>
    s.notes.map((n): [number, CaptureNoteCode] => [s.index, n.code]),
  );
}

describe('the game never judges in capture mode', () => {
  test('no file of the game imports the capture mode or the replay', () => {
    const dir = join(REPO_ROOT, 'shared', 'game');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect({ f, capture: /tcp\/capture|trace\/replay/.test(text) }).toEqual({ f, capture: false });
    }
  });

  test("the game's judge still refuses a keep-alive", () => {
    let conn = newConnection();
    const moves: Array<[Side, number, number, number, number]> = [
      ['client', 0x02, X, 0, 0],
      ['server', 0x12, Y, X + 1, 0],
      ['client', ACK, X + 1, Y + 1, 0],
    ];
    let v = judge(conn, 'server', { kind: 'call', call: { call: 'listen' } });
    if (!v.ok) throw new Error('listen');
    conn = v.conn;
    for (const [side, flags, seq, ack, len] of moves) {
      const segment = { flags, seq, ack, len, win: 65535 };
      v = judge(conn, side, { kind: 'segment', segment });
      if (!v.ok) throw new Error(v.error.code);
      const a = captureArrive(captureSide(side === 'client' ? v.conn.server : v.conn.client), segment);
      conn =
        side === 'client'
          ? { client: v.conn.client, server: a.side.tcb }
          : { client: a.side.tcb, server: v.conn.server };
    }
    const keepAlive = judge(conn, 'client', {
      kind: 'segment',
      segment: { flags: ACK, seq: X, ack: Y + 1, len: 0, win: 65535 },
    });
    expect(keepAlive.ok).toBe(false);
    if (!keepAlive.ok) expect(keepAlive.error.code).toBe('SEQ_REUSED');
  });
});

describe('behaviours of real stacks, one by one', () => {
  test('a keep-alive with one byte of filler (as Windows sends it)', () => {
    const segments = [
      ...handshake,
      seg('client', 'PSH,ACK', X + 1, Y + 1, 10),
      seg('server', 'PSH,ACK', Y + 1, X + 11, 5),
      seg('client', 'ACK', X + 11, Y + 6),
      seg('client', 'ACK', X + 10, Y + 6, 1),
      seg('server', 'ACK', Y + 6, X + 11),
    ];
    expect(notesOf(segments)).toEqual([[6, 'CAP_KEEPALIVE']]);
    // while the byte before SND.NXT is unacknowledged, the same segment is its retransmission
    const early = [...segments.slice(0, 4), { ...segments[6]!, ack: Y + 1 }];
    expect(replay(early).steps[4]!.verdict).toBe('retransmission');
  });

  test('a Fast Open server answers from SYN_RCVD, before the ACK of its SYN,ACK', () => {
    const segments = [
      seg('client', 'SYN', X, 0, 40),
      seg('server', 'SYN,ACK', Y, X + 41),
      seg('server', 'PSH,ACK', Y + 1, X + 41, 60),
      seg('client', 'ACK', X + 41, Y + 61),
      seg('client', 'FIN,ACK', X + 41, Y + 61),
      seg('server', 'FIN,ACK', Y + 61, X + 42),
      seg('client', 'ACK', X + 42, Y + 62),
    ];
    const r = replay(segments, { client_final: 'TIME_WAIT', server_final: 'CLOSED' });
    expect(r.expectProblems).toEqual([]);
    expect(r.steps[2]!.serverState).toBe('SYN_RCVD');
    expect(notesOf(segments)).toEqual([
      [0, 'CAP_SYN_DATA'],
      [1, 'CAP_FAST_OPEN_TAKEN'],
      [2, 'CAP_FAST_OPEN_EARLY_DATA'],
    ]);
    // a server that did not take the data may not answer before the handshake completes
    const refused = segments.map((s, i) => (i === 1 ? { ...s, ack: X + 1 } : s));
    expect(replay(refused).firstRejected).toBe(2);
  });

  test('a retransmission of bytes the capture shows acknowledged: the ACK had not reached the sender', () => {
    const segments = [
      ...handshake,
      seg('client', 'PSH,ACK', X + 1, Y + 1, 10),
      seg('server', 'ACK', Y + 1, X + 11),
      seg('client', 'PSH,ACK', X + 11, Y + 1, 10),
      seg('client', 'PSH,ACK', X + 1, Y + 1, 10),
    ];
    expect(notesOf(segments)).toEqual([[6, 'CAP_ALREADY_ACKED']]);
  });

  test('an old pure ACK carries an SND.NXT its sender once had, and no other number', () => {
    const segments = [
      ...handshake,
      seg('server', 'PSH,ACK', Y + 1, X + 1, 100),
      seg('server', 'PSH,ACK', Y + 101, X + 1, 100),
      seg('client', 'PSH,ACK', X + 1, Y + 201, 10),
      seg('client', 'ACK', X + 1, Y + 101), // sent before the data, captured after it
    ];
    expect(notesOf(segments)).toEqual([[6, 'CAP_OLD_SEGMENT']]);
    const elsewhere = segments.map((s, i) => (i === 6 ? { ...s, seq: X + 5 } : s));
    expect(replay(elsewhere).firstRejected).toBe(6);
  });

  test('a receiver drops data it held out of order before acknowledging it (reneging)', () => {
    const segments = [
      ...handshake,
      seg('server', 'PSH,ACK', Y + 1, X + 1, 100),
      seg('server', 'PSH,ACK', Y + 201, X + 1, 100),
      seg('client', 'ACK', X + 1, Y + 101, 0, { sack: [[Y + 201, Y + 301]] }),
      seg('server', 'PSH,ACK', Y + 101, X + 1, 100),
      seg('client', 'ACK', X + 1, Y + 201), // had dropped Y+201..Y+301 meanwhile
      seg('server', 'PSH,ACK', Y + 201, X + 1, 100),
      seg('client', 'ACK', X + 1, Y + 301),
    ];
    const r = replay(segments);
    expect(r.firstRejected).toBeNull();
    expect(notesOf(segments)).toContainEqual([7, 'CAP_RENEGED']);
    const arrivals = r.steps.flatMap((s) => s.arrivalsBefore).flatMap((a) => a.notes);
    expect(arrivals).toContain('CAP_HELD');
    expect(arrivals).toContain('CAP_GAP_FILLED');
    // below anything it could ever have acknowledged, it is neither reneging nor an old ACK
    const below = segments.map((s, i) => (i === 7 ? { ...s, ack: Y } : s));
    expect(replay(below).firstRejected).toBe(7);
  });

  test('an RST for data after close() must carry that data ack', () => {
    const segments = [
      ...handshake,
      seg('server', 'FIN,ACK', Y + 1, X + 1),
      seg('client', 'PSH,ACK', X + 1, Y + 1, 20), // sent before the FIN arrived
      seg('server', 'RST', Y + 1, 0),
    ];
    expect(notesOf(segments)).toEqual([[5, 'CAP_RST_AFTER_CLOSE']]);
    // without data arriving after the close, an RST at that number is wrong
    const noData = segments.map((s, i) => (i === 4 ? { ...s, len: 0 } : s));
    expect(replay(noData).firstRejected).toBe(5);
  });

  test('data sent after a gap the capture never fills is refused', () => {
    const segments = [...handshake, seg('client', 'PSH,ACK', X + 101, Y + 1, 10)];
    expect(replay(segments).steps[3]!.error?.code).toBe('SEQ_SKIPPED');
  });

  test('a held FIN closes the connection once the gap before it is filled', () => {
    const segments = [
      ...handshake,
      seg('server', 'FIN,PSH,ACK', Y + 101, X + 1, 50), // overtook the data before it
      seg('server', 'PSH,ACK', Y + 1, X + 1, 100),
      seg('client', 'ACK', X + 1, Y + 152),
    ];
    const r = replay(segments);
    expect(r.firstRejected).toBeNull();
    expect(r.steps[5]!.clientState).toBe('CLOSE_WAIT');
    expect(notesOf(segments)).toEqual([
      [3, 'CAP_NOT_CAPTURED'],
      [4, 'CAP_FILLS_GAP'],
    ]);
  });

  test('arrival of a large segment in pieces: the receiver takes it as the wire carried it', () => {
    let c = captureSide({
      ...closedTcb(),
      state: 'ESTABLISHED',
      iss: Y,
      sndUna: Y + 1,
      sndNxt: Y + 1,
      irs: X,
      rcvNxt: X + 1,
      rcvWnd: 1 << 20,
    });
    const a = captureArrive(c, { flags: ACK, seq: X + 1, ack: Y + 1, len: 200_000, win: 65535 });
    c = a.side;
    expect(c.tcb.rcvNxt).toBe(X + 1 + 200_000);
    expect(a.notes).toEqual(['RCV_DATA']);
  });
});

describe('costsTwoAtLeast: what the replay skips while it looks for a delivery that costs 1', () => {
  const ctx = { index: 0, coveredLater: () => null, wasSndNxt: () => true };
  const base = {
    ...closedTcb(),
    state: 'ESTABLISHED' as const,
    iss: Y,
    sndUna: Y + 1,
    sndNxt: Y + 101,
    sndWnd: 65535,
    irs: X,
    rcvNxt: X + 1001,
  };

  test('where it says so, captureSend refuses the segment or accepts it at a cost of 2 or more', () => {
    let claims = 0;
    for (const sndUna of [Y + 1, Y + 101])
      for (const rcvOffset of [-500, -1, 0, 1, 500])
        for (const maxAck of [-1, X + 1, X + 1001 - 800, X + 1001, X + 1001 + 600])
          for (const absorbed of [
            [],
            [{ start: X + 501, end: X + 1001, fin: false, ack: Y + 1, win: 65535 }],
          ]) {
            const side: CaptureSide = {
              ...captureSide({ ...base, sndUna }),
              maxAck,
              absorbed,
            };
            for (const flags of [ACK, ACK | PSH, ACK | FIN, ACK | RST])
              for (const seq of [Y + 100, Y + 101, Y + 50])
                for (const len of [0, 1]) {
                  const s = { flags, seq, ack: X + 1001 + rcvOffset, len, win: 65535 };
                  if (!costsTwoAtLeast(side, s)) continue;
                  claims += 1;
                  const v = captureSend(side, s, ctx);
                  expect({
                    s,
                    sndUna,
                    maxAck,
                    absorbed: absorbed.length,
                    cost: v.ok ? v.cost : 'refused',
                  }).toEqual({
                    s,
                    sndUna,
                    maxAck,
                    absorbed: absorbed.length,
                    cost: v.ok && v.cost >= 2 ? v.cost : 'refused',
                  });
                }
          }
    expect(claims).toBeGreaterThan(20);
  });

  test('an ACK inside an offloaded segment: dear with the segment not arrived and with all of it arrived', () => {
    const ack = X + 1001 + 700;
    const before = { ...captureSide(base), maxAck: X + 1001 };
    const after = { ...captureSide({ ...base, rcvNxt: X + 1001 + 1448 }), maxAck: X + 1001 };
    const s = { flags: ACK, seq: Y + 101, ack, len: 0, win: 65535 };
    expect([costsTwoAtLeast(before, s), costsTwoAtLeast(after, s)]).toEqual([true, true]);
    // an old ACK (below one already sent) or data the receiver may drop again (renege) cost 1
    expect(costsTwoAtLeast({ ...after, maxAck: X + 1001 + 1448 }, s)).toBe(false);
  });
});
