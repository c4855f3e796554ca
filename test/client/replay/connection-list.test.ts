/** The /replay page's pure parts: the connection rows, the filter, pages, the worker's job, the ladder model. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replayTrace } from '../../../shared/trace/replay';
import { readFileTraces } from '../../../shared/trace/trace-file';
import { CaptureJob } from '../../../client/src/replay/capture-job';
import {
  connectionRow,
  durationText,
  matchesFilter,
  pageOf,
  type ConnectionRow,
} from '../../../client/src/replay/connection-list';
import { changesAt, replayLadder, traceIsns } from '../../../client/src/replay/replay-ladder';
import { lastChanges, stateAt } from '../../../client/src/view/ladder-model';
import { manyConnections } from '../../helpers/pcap-build';

const DIR = join(__dirname, '../../fixtures/captures');
const bytesOf = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));

function row(
  stream: number,
  client: string | null,
  server: string | null,
  judged: ConnectionRow['judged'] = null,
) {
  return { stream, name: `c#${stream}`, client, server, segments: 3, duration: 0.5, judged };
}

describe('the filter', () => {
  const rows: ConnectionRow[] = [
    row(0, '10.0.0.2:43350', '10.0.0.1:80'),
    row(1, '[2001:db8::2]:5000', '[2001:db8::1]:443', {
      clientFinal: 'CLOSED',
      serverFinal: 'TIME_WAIT',
      refused: 4,
      noted: 0,
      lost: 0,
    }),
    row(2, '192.168.1.9:80', '192.168.1.1:8080', {
      clientFinal: 'ESTABLISHED',
      serverFinal: 'ESTABLISHED',
      refused: null,
      noted: 2,
      lost: 0,
    }),
    row(3, null, null),
  ];
  const streams = (filter: string, kind: 'all' | 'refused' | 'noted' = 'all') =>
    rows.filter((r) => matchesFilter(r, filter, kind)).map((r) => r.stream);

  test.each([
    ['', [0, 1, 2, 3]],
    ['tcp.stream==1', [1]],
    ['tcp.stream == 2', [2]],
    ['#0', [0]],
    ['80', [0, 2]],
    ['tcp.port==443', [1]],
    ['port:8080', [2]],
    ['ip.addr==10.0.0.1', [0]],
    ['ipv6.addr==2001:db8::1', [1]],
    ['10.0.0.', [0]],
    ['2001:DB8', [1]],
    [':443', [1]],
    ['192.168 80', [2]],
    ['tcp.port==80 && ip.addr==192.168.1.9', [2]],
    ['c#3', [3]],
    ['nothing-like-this', []],
  ])('%j keeps streams %j', (filter, expected) => {
    expect(streams(filter)).toEqual(expected);
  });

  test('the kinds keep the refused or the noted connections once judged', () => {
    expect(streams('', 'refused')).toEqual([1]);
    expect(streams('', 'noted')).toEqual([2]);
    expect(streams('80', 'refused')).toEqual([]);
  });
});

describe('pages', () => {
  const items = Array.from({ length: 120 }, (_, i) => i);
  test.each([
    [0, { page: 0, pages: 3, from: 1, to: 50, first: 0 }],
    [2, { page: 2, pages: 3, from: 101, to: 120, first: 100 }],
    [9, { page: 2, pages: 3, from: 101, to: 120, first: 100 }],
    [-1, { page: 0, pages: 3, from: 1, to: 50, first: 0 }],
  ])('page %d of 120 items by 50', (asked, e) => {
    const p = pageOf(items, asked, 50);
    expect({ page: p.page, pages: p.pages, from: p.from, to: p.to, first: p.items[0] }).toEqual(e);
    expect(p.total).toBe(120);
  });

  test('an empty list is one empty page', () => {
    expect(pageOf([], 3, 50)).toEqual({ items: [], page: 0, pages: 1, from: 0, to: 0, total: 0 });
  });

  test('durations as Wireshark writes them', () => {
    expect(durationText(0.0015)).toBe('0.001500 s');
    expect(durationText(7.25)).toBe('7.250 s');
    expect(durationText(null)).toBe('—');
  });
});

describe('the worker job', () => {
  test('a capture lists its connections with endpoints at once, then judges them', () => {
    const job = new CaptureJob(1, '09-two-connections.pcapng', bytesOf('09-two-connections.pcapng'));
    const first = job.first;
    if (first.kind !== 'read') throw new Error(JSON.stringify(first));
    expect(first.rows.map((r) => [r.stream, r.judged])).toEqual([
      [0, null],
      [1, null],
    ]);
    expect(first.rows[0]!.client).toMatch(/:\d+$/);
    expect(first.frames).toBeGreaterThan(0);
    const judged = job.judgeSome(1000);
    if (judged.kind !== 'judged') throw new Error(judged.kind);
    expect(judged.done).toBe(true);
    expect(judged.judged.map((j) => j.judged.refused)).toEqual([null, null]);
    expect(job.pending).toBe(false);
  });

  test('a keep-alive capture: the connection replayed in full carries its notes', () => {
    const job = new CaptureJob(2, 'k.pcapng', bytesOf('network/21-keepalive.pcapng'));
    const m = job.replay(0);
    if (m.kind !== 'replayed') throw new Error(m.kind);
    expect(m.result.steps[7]!.notes.map((n) => n.code)).toContain('CAP_KEEPALIVE');
    const j = job.judgeSome(1000);
    if (j.kind !== 'judged') throw new Error(j.kind);
    expect(j.judged[0]!.judged).toMatchObject({
      clientFinal: 'CLOSED',
      serverFinal: 'TIME_WAIT',
      refused: null,
    });
    expect(j.judged[0]!.judged.noted).toBeGreaterThan(0);
  });

  test('judging yields after its budget, at least one connection a batch', () => {
    const job = new CaptureJob(3, 'many.pcap', manyConnections(40));
    let clock = 0;
    const m = job.judgeSome(5, () => (clock += 3));
    if (m.kind !== 'judged') throw new Error(m.kind);
    expect(m.judged.length).toBe(2);
    expect(m.done).toBe(false);
  });

  test.each([
    ['junk.pcap', new TextEncoder().encode('not a capture at all'), /not a pcap or pcapng file/],
    ['empty.pcap', new Uint8Array(), /too short/],
    ['bad.json', new TextEncoder().encode('{"segments": 3}'), /"segments" must be an array/],
  ])("%s fails with the reader's reason", (name, bytes, reason) => {
    const m = new CaptureJob(4, name, bytes).first;
    expect(m.kind).toBe('failed');
    if (m.kind === 'failed') expect(m.message).toMatch(reason);
  });

  test('a JSON trace is one row without addresses', () => {
    const m = new CaptureJob(5, 't.json', bytesOf('01-client-closes.json')).first;
    if (m.kind !== 'read') throw new Error(m.kind);
    expect(m.frames).toBeNull();
    expect(m.rows).toHaveLength(1);
    expect(m.rows[0]).toMatchObject({ stream: 0, client: null, server: null });
  });

  test('a capture built with a thousand connections reads as a thousand rows', () => {
    const m = new CaptureJob(6, 'many.pcap', manyConnections(1000)).first;
    if (m.kind !== 'read') throw new Error(m.kind);
    expect(m.rows).toHaveLength(1000);
    expect(m.rows[999]).toMatchObject({ client: '10.1.3.232:20999', server: '10.0.0.1:80', segments: 8 });
    expect(m.rows[0]!.duration).toBeCloseTo(0.007, 6);
  });
});

describe('the ladder of a replay', () => {
  const [trace] = readFileTraces({ path: 'k.pcapng', bytes: bytesOf('network/21-keepalive.pcapng') }).traces;
  const r = replayTrace(trace!);
  const m = replayLadder(trace!, r);

  test('one arrow per segment, each arriving before the peer next sends', () => {
    expect(m.arrows).toHaveLength(trace!.segments.length);
    expect(m.arrows[0]).toMatchObject({ from: 'client', sentIndex: 0, endIndex: 1, fate: 'arrived' });
    expect(m.arrows.every((a) => a.endIndex > a.sentIndex)).toBe(true);
  });

  test('the states each side went through, as the judge saw them', () => {
    expect(stateAt(m, 'server', 0, -1)).toBe('LISTEN');
    expect(stateAt(m, 'client', 1, 0)).toBe('SYN_SENT');
    expect(stateAt(m, 'server', 2, 1)).toBe('SYN_RCVD');
    const last = r.steps.length;
    expect(stateAt(m, 'client', last + 1, last)).toBe(r.clientFinal);
    expect(stateAt(m, 'server', last + 1, last)).toBe(r.serverFinal);
    expect(changesAt(m, 0).map((c) => [c.side, c.from, c.state])).toEqual([['client', 'CLOSED', 'SYN_SENT']]);
    expect(lastChanges(m, 2).client?.state).toBe('ESTABLISHED');
  });

  test("the ISNs are the SYNs' sequence numbers", () => {
    expect(traceIsns(trace!)).toEqual({ client: trace!.segments[0]!.seq, server: trace!.segments[1]!.seq });
  });

  test('a segment lost after the capture point falls half-way', () => {
    const [loss] = readFileTraces({ path: 'l.pcapng', bytes: bytesOf('network/27-loss.pcapng') }).traces;
    const rl = replayTrace(loss!);
    expect(rl.lost.size).toBeGreaterThan(0);
    const ml = replayLadder(loss!, rl);
    for (const i of rl.lost.keys()) expect(ml.arrows[i]!.fate).toBe('lost');
  });

  test('a row for a trace without times has no duration', () => {
    const t = { name: 'x', segments: [{ from: 'client' as const, flags: [], seq: 1, ack: 0, len: 0 }] };
    expect(connectionRow(0, t).duration).toBeNull();
  });
});
