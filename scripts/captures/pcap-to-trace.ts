/**
 * Converts captures into the project's trace JSON, written next to each capture.
 *
 *   npx tsx scripts/captures/pcap-to-trace.ts                 every case of test/fixtures/captures
 *   npx tsx scripts/captures/pcap-to-trace.ts --network       every case of test/fixtures/captures/network
 *   npx tsx scripts/captures/pcap-to-trace.ts FILE.pcapng...   any capture files
 *
 * A capture named after a case of scenarios.ts or network-scenarios.ts gets that case's summary and
 * `expect`; any other capture gets traces without `expect`. One connection gives NAME.json, several NAME.streamN.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readCaptureTraces } from '../../shared/trace/pcap-reader';
import type { Trace } from '../../shared/trace/trace-format';
import { CASES as NETWORK_CASES } from './network-scenarios';
import { CASES, type CaptureCase } from './scenarios';

export const FIXTURE_DIR = path.join(__dirname, '../../test/fixtures/captures');
export const NETWORK_FIXTURE_DIR = path.join(FIXTURE_DIR, 'network');

/** What a capture needs from its case: a summary and the expected final states per connection. */
export type KnownCase = Pick<CaptureCase, 'summary' | 'expect'>;

export interface TraceFile {
  /** File name, next to the capture. */
  file: string;
  trace: Trace;
}

/** The trace files a capture turns into: its connections, with the case's summary and expect. */
export function traceFiles(capture: Uint8Array, base: string, known?: KnownCase): TraceFile[] {
  const streams = readCaptureTraces(capture, base);
  if (known && streams.length !== known.expect.length) {
    throw new Error(
      `${base}: ${streams.length} connections captured, the case expects ${known.expect.length}`,
    );
  }
  return streams.map(({ stream, trace }) => {
    const expect = known?.expect[stream];
    return {
      file: streams.length === 1 ? `${base}.json` : `${base}.stream${stream}.json`,
      trace: {
        name: trace.name,
        description: known ? `${trace.description ?? ''}; ${known.summary}` : trace.description,
        segments: trace.segments,
        ...(expect ? { expect } : {}),
      },
    };
  });
}

/** JSON like the hand-written traces: one segment per line. */
export function formatTrace(trace: Trace): string {
  const { segments, ...rest } = trace;
  const head = Object.entries(rest)
    .filter(([key]) => key !== 'expect')
    .map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  const lines = segments.map((s, i) => `    ${inline(s)}${i < segments.length - 1 ? ',' : ''}`);
  const tail = trace.expect ? [`  "expect": ${inline(trace.expect)}`] : [];
  return ['{', ...head, `  "segments": [`, ...lines, `  ]${tail.length ? ',' : ''}`, ...tail, '}', ''].join(
    '\n',
  );
}

/** A flat object on one line, with a space after each colon and comma. */
function inline(value: object): string {
  const parts = Object.entries(value).map(([key, v]) => {
    const text = Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(', ')}]` : JSON.stringify(v);
    return `${JSON.stringify(key)}: ${text}`;
  });
  return `{${parts.join(', ')}}`;
}

function main(): void {
  const args = process.argv.slice(2);
  const network = args[0] === '--network';
  const cases: Array<KnownCase & { file: string }> = network ? NETWORK_CASES : CASES;
  const dir = network ? NETWORK_FIXTURE_DIR : FIXTURE_DIR;
  const captures =
    args.length && !network
      ? args
      : cases
          .map((c) => path.join(dir, `${c.file}.pcapng`))
          .filter((f) => {
            if (!existsSync(f)) console.warn(`skipped, no capture: ${path.relative(process.cwd(), f)}`);
            return existsSync(f);
          });
  for (const capture of captures) {
    const base = path.basename(capture).replace(/\.(pcapng|pcap)$/, '');
    const known = cases.find((c) => c.file === base);
    for (const { file, trace } of traceFiles(new Uint8Array(readFileSync(capture)), base, known)) {
      const out = path.join(path.dirname(capture), file);
      writeFileSync(out, formatTrace(trace));
      console.log(`${path.relative(process.cwd(), out)}: ${trace.segments.length} segments`);
    }
  }
}

if (require.main === module) main();
