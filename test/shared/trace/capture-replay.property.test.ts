/**
 * Captures cut, reordered, thinned or doubled at random: the replay never crashes and always gives
 * a clear verdict (every segment accepted, or the first refusal with its code and the rest not
 * judged), in the capture mode and in the game's strict mode.
 */
import * as fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { CAPTURE_NOTE_CODES, JUDGE_ERROR_CODES } from '../../../shared/tcp/codes';
import { TCP_STATES } from '../../../shared/tcp/types';
import { replayTrace, type ReplayResult } from '../../../shared/trace/replay';
import type { Trace, TraceSegment } from '../../../shared/trace/trace-format';
import { parseTrace } from '../../../shared/trace/trace-parse';
import { captureTraceFiles, networkCaptureTraceFiles } from '../../helpers/paths';

const traces: Trace[] = [...captureTraceFiles(), ...networkCaptureTraceFiles()].map((f) => {
  const p = parseTrace(JSON.parse(readFileSync(f, 'utf8')));
  if (!p.ok) throw new Error(p.error);
  return p.value;
});

type Edit =
  | { kind: 'cut-start'; at: number }
  | { kind: 'cut-end'; at: number }
  | { kind: 'delete'; at: number }
  | { kind: 'swap'; at: number }
  | { kind: 'move'; from: number; to: number }
  | { kind: 'duplicate'; at: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('cut-start' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('cut-end' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('move' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
);

function apply(segments: TraceSegment[], e: Edit): TraceSegment[] {
  const n = segments.length;
  if (n === 0) return segments;
  const s = segments.slice();
  switch (e.kind) {
    case 'cut-start':
      return s.slice(e.at % n);
    case 'cut-end':
      return s.slice(0, e.at % (n + 1));
    case 'delete':
      s.splice(e.at % n, 1);
      return s;
    case 'swap': {
      const i = e.at % n;
      const j = (i + 1) % n;
      [s[i], s[j]] = [s[j]!, s[i]!];
      return s;
    }
    case 'move': {
      const [x] = s.splice(e.from % n, 1);
      s.splice(e.to % n, 0, x!);
      return s;
    }
    case 'duplicate': {
      const i = e.at % n;
      s.splice(i, 0, s[i]!);
      return s;
    }
  }
}

/** Every step judged until the first refusal, that one refused with a known code, the rest not judged. */
function clear(r: ReplayResult, length: number): void {
  expect(r.steps).toHaveLength(length);
  const states = TCP_STATES as readonly string[];
  expect(states).toContain(r.clientFinal);
  expect(states).toContain(r.serverFinal);
  r.steps.forEach((st, i) => {
    expect(st.index).toBe(i);
    expect(states).toContain(st.clientState);
    expect(states).toContain(st.serverState);
    for (const n of st.notes) expect(CAPTURE_NOTE_CODES).toContain(n.code);
    if (r.firstRejected === null || i < r.firstRejected) {
      expect(['accepted', 'retransmission']).toContain(st.verdict);
    } else if (i === r.firstRejected) {
      expect(st.verdict).toBe('refused');
      expect(JUDGE_ERROR_CODES).toContain(st.error!.code);
      expect(states).toContain(st.error!.state);
    } else {
      expect(st.verdict).toBe('skipped');
    }
  });
  expect(typeof r.expectMet).toBe('boolean');
}

describe('captures cut or reordered at random', () => {
  test('never a crash, always a clear verdict, in capture mode and in strict mode', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: traces.length - 1 }),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        (which, edits) => {
          const original = traces[which]!;
          const segments = edits.reduce(apply, original.segments);
          const t: Trace = { name: original.name, segments };
          clear(replayTrace(t), segments.length);
          clear(replayTrace(t, { strict: true }), segments.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('numbers changed at random: still a clear verdict', () => {
    const change = fc.record({
      at: fc.nat(),
      field: fc.constantFrom('seq', 'ack', 'len', 'win') as fc.Arbitrary<'seq' | 'ack' | 'len' | 'win'>,
      delta: fc.integer({ min: -70000, max: 70000 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: traces.length - 1 }),
        fc.array(change, { maxLength: 3 }),
        (which, changes) => {
          const segments = traces[which]!.segments.map((s) => ({ ...s }));
          for (const c of changes) {
            const s = segments[c.at % segments.length]!;
            const value = (s[c.field] ?? 65535) + c.delta;
            s[c.field] = c.field === 'seq' || c.field === 'ack' ? value >>> 0 : Math.max(0, value);
          }
          clear(replayTrace({ name: 'changed', segments }), segments.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('the untouched captures are accepted whole', () => {
    for (const t of traces) expect(replayTrace(t).firstRejected).toBeNull();
  });
});
