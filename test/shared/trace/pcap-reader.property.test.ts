/**
 * Captures damaged at random (cut anywhere, bytes overwritten): the reader never crashes. It reads
 * what it can, reports every frame it skips with its number, and only says "not a capture" when
 * the file does not start like one; whatever it reads replays to a clear verdict.
 */
import * as fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readCapture } from '../../../shared/trace/pcap-reader';
import { replayTrace } from '../../../shared/trace/replay';

const DIR = path.join(__dirname, '../../fixtures/captures');
const captures = [DIR, path.join(DIR, 'network')].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => /\.(pcap|pcapng)$/.test(f))
    .map((f) => new Uint8Array(readFileSync(path.join(dir, f)))),
);

function readSafely(bytes: Uint8Array) {
  try {
    return readCapture(bytes, 'damaged');
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/not a|truncated pcap file|too short/);
    return null;
  }
}

describe('damaged captures', () => {
  test('cut anywhere and overwritten here and there: read as far as possible, never a crash', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: captures.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { maxLength: 6 }),
        (which, keep, writes) => {
          const original = captures[which]!;
          const bytes = original.slice(0, Math.floor(original.length * keep));
          for (const w of writes) if (bytes.length) bytes[w.at % bytes.length] = w.value;
          const r = readSafely(bytes);
          if (!r) return;
          for (const f of r.skipped) {
            expect(Number.isInteger(f.frame) && f.frame >= 1).toBe(true);
            expect(f.reason).not.toMatch(/-\d+ of/);
          }
          for (const { trace } of r.streams) {
            const result = replayTrace(trace);
            expect(result.steps).toHaveLength(trace.segments.length);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
