/**
 * The capture mode of the replay on captures of real Linux TCP recorded through network namespaces
 * (scripts/captures/make-network-captures.sh): each replays with no refusal and the RFC's final
 * states, says why it accepted what the game's judge refuses, and, mutated so that the rule it
 * relies on no longer holds, is refused at that very segment.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { CaptureNoteCode } from '../../../shared/tcp/codes';
import { replayTrace, type ReplayResult } from '../../../shared/trace/replay';
import type { Trace, TraceSegment } from '../../../shared/trace/trace-format';
import { parseTrace } from '../../../shared/trace/trace-parse';
import { networkCaptureTraceFiles } from '../../helpers/paths';

function load(path: string): Trace {
  const p = parseTrace(JSON.parse(readFileSync(path, 'utf8')));
  if (!p.ok) throw new Error(p.error);
  return p.value;
}

const files = networkCaptureTraceFiles();
const traces = new Map(files.map((f) => [basename(f, '.json'), load(f)]));

function trace(name: string): Trace {
  const t = traces.get(name);
  if (!t) throw new Error(`no capture ${name}: run scripts/captures/make-network-captures.sh`);
  return t;
}

/** Indexes of the steps that carry a capture note. */
function withNote(r: ReplayResult, code: CaptureNoteCode): number[] {
  return r.steps.filter((s) => s.notes.some((n) => n.code === code)).map((s) => s.index);
}

/** A copy of a trace with segment i changed; the expect now asks for a refusal there. */
function mutate(t: Trace, i: number, change: Partial<TraceSegment>): Trace {
  const segments = t.segments.map((s, j) => (j === i ? { ...s, ...change } : s));
  return { ...t, segments, expect: { first_rejected: i } };
}

function refusedAt(t: Trace): { index: number | null; code: string | undefined } {
  const r = replayTrace(t);
  return {
    index: r.firstRejected,
    code: r.firstRejected === null ? undefined : r.steps[r.firstRejected]!.error?.code,
  };
}

describe('captures of real Linux TCP through network namespaces', () => {
  test('every case is there', () => {
    expect([...traces.keys()].sort()).toEqual([
      '21-keepalive',
      '22-fast-open.stream0',
      '22-fast-open.stream1',
      '23-fast-open-refused',
      '24-old-ack',
      '25-offload',
      '26-big-tcp.stream0',
      '26-big-tcp.stream1',
      '27-loss',
      '28-reorder-at-receiver',
      '29-rst-after-close.stream0',
      '29-rst-after-close.stream1',
      '30-repacketized',
    ]);
  });

  test.each([...traces.keys()])('%s: no refusal, the final states of the RFC', (name) => {
    const t = trace(name);
    expect(t.expect?.client_final).toBeDefined();
    const r = replayTrace(t);
    expect(r.firstRejected).toBeNull();
    expect(r.expectProblems).toEqual([]);
  });

  test('the game judge, which carries every segment itself, refuses all but the textbook ones', () => {
    const refused = [...traces.entries()]
      .filter(([, t]) => replayTrace(t, { strict: true }).firstRejected !== null)
      .map(([name]) => name);
    // the first Fast Open connection only asks for a cookie, and the second RST case (data after
    // the FIN, the RST at SND.NXT) is one the game's judge accepts as it is
    expect(refused).toEqual(
      [...traces.keys()].filter((n) => n !== '22-fast-open.stream0' && n !== '29-rst-after-close.stream1'),
    );
  });
});

describe('each kind is accepted with its reason, and refused once the reason is gone', () => {
  test('keep-alives: SND.NXT - 1 with no data, from ESTABLISHED, CLOSE_WAIT and FIN_WAIT_2', () => {
    const t = trace('21-keepalive');
    const r = replayTrace(t);
    const probes = withNote(r, 'CAP_KEEPALIVE');
    expect(probes.length).toBeGreaterThanOrEqual(4);
    const states = probes.map((i) => {
      const st = r.steps[i]!;
      return st.from === 'client' ? st.clientState : st.serverState;
    });
    expect(new Set(states)).toEqual(new Set(['ESTABLISHED', 'CLOSE_WAIT', 'FIN_WAIT_2']));
    // one number further back is not a keep-alive, nor any number this side ever had as SND.NXT
    const i = probes[0]!;
    expect(refusedAt(mutate(t, i, { seq: (t.segments[i]!.seq - 1) >>> 0 }))).toEqual({
      index: i,
      code: 'SEQ_REUSED',
    });
  });

  test('Fast Open: data on the SYN, the SYN,ACK acknowledges it, the server answers from SYN_RCVD', () => {
    const t = trace('22-fast-open.stream1');
    const r = replayTrace(t);
    expect(withNote(r, 'CAP_SYN_DATA')).toEqual([0]);
    expect(withNote(r, 'CAP_FAST_OPEN_TAKEN')).toEqual([1]);
    expect(r.steps[0]!.segment.len).toBe(40);
    // a SYN,ACK that acknowledges one byte less than the SYN and its data carried
    const ack = t.segments[1]!.ack;
    expect(refusedAt(mutate(t, 1, { ack: ack - 1 })).index).toBe(1);
    // and one that acknowledges more
    expect(refusedAt(mutate(t, 1, { ack: ack + 1 })).index).toBe(1);
  });

  test('Fast Open refused: the SYN,ACK acknowledges only the SYN, the client sends the data again', () => {
    const t = trace('23-fast-open-refused');
    const r = replayTrace(t);
    expect(withNote(r, 'CAP_SYN_DATA')).toEqual([0]);
    expect(withNote(r, 'CAP_FAST_OPEN_REFUSED')).toEqual([1]);
    const resend = r.steps.findIndex((s, i) => i > 1 && s.from === 'client' && s.segment.len === 40);
    expect(r.steps[resend]!.verdict).toBe('retransmission');
    // the data sent again from a number the SYN's data never had
    expect(refusedAt(mutate(t, resend, { seq: t.segments[resend]!.seq + 41 })).index).toBe(resend);
  });

  test('an old ACK captured after later ones is ignored; one below anything ever acknowledged is not', () => {
    const t = trace('24-old-ack');
    const r = replayTrace(t);
    const old = withNote(r, 'CAP_OLD_SEGMENT');
    expect(old.length).toBeGreaterThanOrEqual(3);
    const i = old[0]!;
    const irs = t.segments[0]!.seq; // the client's ISN: the server never acknowledged below x+1
    expect(refusedAt(mutate(t, i, { ack: irs }))).toEqual({ index: i, code: 'ACK_BEHIND' });
  });

  test('offload: an ACK inside a captured segment; none beyond what was sent', () => {
    const t = trace('25-offload');
    const r = replayTrace(t);
    const inside = withNote(r, 'CAP_ACK_INSIDE');
    expect(inside.length).toBeGreaterThanOrEqual(10);
    expect(t.segments.some((s) => s.len > 1448)).toBe(true);
    const i = inside[0]!;
    const sent = Math.max(
      ...t.segments
        .slice(0, i)
        .filter((s) => s.from === 'client')
        .map((s) => s.seq + s.len),
    );
    expect(refusedAt(mutate(t, i, { ack: sent + 1000 }))).toEqual({ index: i, code: 'ACK_AHEAD' });
  });

  test('BIG TCP: segments above 65,535 bytes over IPv4 and IPv6; not beyond the window', () => {
    for (const name of ['26-big-tcp.stream0', '26-big-tcp.stream1']) {
      const t = trace(name);
      const r = replayTrace(t);
      const big = withNote(r, 'CAP_BIG_SEGMENT');
      expect(big.length).toBeGreaterThanOrEqual(1);
      for (const i of big) expect(r.steps[i]!.segment.len).toBeGreaterThan(65535);
      const i = big[0]!;
      expect(refusedAt(mutate(t, i, { len: 20_000_000 }))).toEqual({ index: i, code: 'DATA_EXCEEDS_WINDOW' });
    }
  });

  test('loss after the capture point: the receiver ACKs and SACK blocks show it, the resend replaces it', () => {
    const t = trace('27-loss');
    const r = replayTrace(t);
    expect(r.lost.size).toBeGreaterThanOrEqual(2);
    for (const [original, resend] of r.lost) {
      expect(resend).toBeGreaterThan(original);
      expect(r.steps[resend]!.segment.seq).toBe(r.steps[original]!.segment.seq);
      expect(r.steps[resend]!.notes).toContainEqual({ code: 'CAP_RESENDS_LOST', ref: original });
    }
    const shown = withNote(r, 'CAP_NOT_ARRIVED');
    expect(shown.length).toBeGreaterThanOrEqual(1);
    // an ACK that stops before a captured segment is fine; one beyond all that was sent is not
    const i = shown[0]!;
    const from = t.segments[i]!.from === 'client' ? 'server' : 'client';
    const sent = Math.max(
      ...t.segments
        .slice(0, i)
        .filter((s) => s.from === from)
        .map((s) => s.seq + s.len),
    );
    expect(refusedAt(mutate(t, i, { ack: sent + 5000 }))).toEqual({ index: i, code: 'ACK_AHEAD' });
  });

  test('reordering before the capture point: a gap, filled later; without the late segments, refused', () => {
    const t = trace('28-reorder-at-receiver');
    const r = replayTrace(t);
    const gaps = withNote(r, 'CAP_NOT_CAPTURED');
    expect(gaps.length).toBeGreaterThanOrEqual(1);
    expect(withNote(r, 'CAP_FILLS_GAP').length).toBeGreaterThanOrEqual(1);
    const i = gaps[0]!;
    const st = r.steps[i]!;
    const ref = st.notes.find((n) => n.code === 'CAP_NOT_CAPTURED')!.ref!;
    expect(ref).toBeGreaterThan(i);
    // drop every later segment from that side that starts at or before the gap start: nothing
    // shows the missing numbers any more
    const previous = t.segments.slice(0, i).filter((s) => s.from === st.from);
    const gapStart = Math.max(...previous.map((s) => s.seq + s.len));
    const kept = t.segments.filter((s, j) => j <= i || s.from !== st.from || s.seq > gapStart);
    const cut = { ...t, segments: kept, expect: { first_rejected: i } };
    expect(refusedAt(cut)).toEqual({ index: i, code: 'SEQ_SKIPPED' });
  });

  test('an RST answering data that arrived after close(), with seq = that data ack; another seq is refused', () => {
    const t = trace('29-rst-after-close.stream0');
    const r = replayTrace(t);
    const rst = withNote(r, 'CAP_RST_AFTER_CLOSE');
    expect(rst).toHaveLength(1);
    const i = rst[0]!;
    expect(r.steps[i]!.segment.flags).toBe(0x04);
    expect(refusedAt(mutate(t, i, { seq: t.segments[i]!.seq + 7 }))).toEqual({
      index: i,
      code: 'RST_SEQ_WRONG',
    });
    // the second connection's RST, after the data acknowledged the FIN, is the game's own case
    expect(replayTrace(trace('29-rst-after-close.stream1'), { strict: true }).firstRejected).toBeNull();
  });

  test('a retransmission packed differently: more bytes from the same seq; none from an unsent seq', () => {
    const t = trace('30-repacketized');
    const r = replayTrace(t);
    const re = withNote(r, 'CAP_REPACKETIZED');
    expect(re).toHaveLength(1);
    const i = re[0]!;
    const original = t.segments.findIndex((s) => s.from === 'client' && s.len > 0);
    expect(t.segments[i]!.seq).toBe(t.segments[original]!.seq);
    expect(t.segments[i]!.len).toBeGreaterThan(t.segments[original]!.len);
    expect(refusedAt(mutate(t, i, { seq: t.segments[i]!.seq + 5000 }))).toEqual({
      index: i,
      code: 'SEQ_SKIPPED',
    });
  });
});
