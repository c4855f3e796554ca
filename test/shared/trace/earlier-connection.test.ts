import { replayTrace } from '../../../shared/trace/replay';
import type { TraceSegment } from '../../../shared/trace/trace-format';

/** A handshake (client ISN 1000, server ISN 5000), then an old server segment at `seq`, then the client's ACK. */
function trace(seq: number): TraceSegment[] {
  return [
    { from: 'client', flags: ['SYN'], seq: 1000, ack: 0, len: 0 },
    { from: 'server', flags: ['SYN', 'ACK'], seq: 5000, ack: 1001, len: 0 },
    { from: 'client', flags: ['ACK'], seq: 1001, ack: 5001, len: 0 },
    { from: 'server', flags: ['PSH', 'ACK'], seq, ack: 1001, len: 20 },
    { from: 'client', flags: ['ACK'], seq: 1001, ack: 5001, len: 0 },
  ];
}

describe('capture mode: a segment of an earlier connection on the same ports', () => {
  test('numbers far before the ISN: nobody here sent it, the receiver drops it and answers with an ACK', () => {
    const r = replayTrace({ name: 'old', segments: trace((5000 - 100000) >>> 0) });
    expect(r.firstRejected).toBeNull();
    expect(r.steps[3]).toMatchObject({ verdict: 'accepted', notes: [{ code: 'CAP_EARLIER_CONNECTION' }] });
    // it changed nothing: the server's next numbers are still ISN+1
    expect(r.steps[4]!.arrivalsBefore.map((a) => a.notes)).toEqual([['RCV_DUPLICATE']]);
    expect([r.clientFinal, r.serverFinal]).toEqual(['ESTABLISHED', 'ESTABLISHED']);
  });

  test.each([
    ['just before the ISN (a mistake, not an old connection)', 5000 - 30],
    ['within a window of the ISN', 5000 - 60000],
  ])('numbers %s are refused', (_what, seq) => {
    const r = replayTrace({ name: 'near', segments: trace(seq >>> 0) });
    expect(r.firstRejected).toBe(3);
  });

  test('the game judge (strict replay) refuses it as a move', () => {
    const r = replayTrace({ name: 'old', segments: trace((5000 - 100000) >>> 0) }, { strict: true });
    expect(r.firstRejected).toBe(3);
  });
});
