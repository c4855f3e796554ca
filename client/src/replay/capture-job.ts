/**
 * The work the /replay page hands its worker, as plain code (jest runs it without a worker): read a
 * file once, list its connections at once, judge them in batches (so that opening one is answered
 * between two batches), and replay one in full when it is opened. The messages between the page and
 * the worker are typed here.
 */
import type { SkippedFrame } from '../../../shared/trace/pcap-reader';
import { replayTrace, type ReplayResult } from '../../../shared/trace/replay';
import type { Trace } from '../../../shared/trace/trace-format';
import { readFileTraces } from '../../../shared/trace/trace-file';
import { connectionRow, judgement, type ConnectionRow, type Judgement } from './connection-list';

/** The page asks: read a file (its bytes transferred), or replay one of its connections in full. */
export type ToWorker =
  | { kind: 'read'; file: number; name: string; bytes: ArrayBuffer }
  | { kind: 'replay'; file: number; stream: number };

export type FromWorker =
  | {
      kind: 'read';
      file: number;
      name: string;
      /** Frames in a capture (null for a JSON file). */
      frames: number | null;
      skipped: SkippedFrame[];
      rows: ConnectionRow[];
    }
  | { kind: 'judged'; file: number; judged: { stream: number; judged: Judgement }[]; done: boolean }
  | { kind: 'replayed'; file: number; stream: number; trace: Trace; result: ReplayResult }
  | { kind: 'failed'; file: number; name: string; message: string };

/** One file being read and judged. */
export class CaptureJob {
  private readonly traces: Trace[] = [];
  private readonly results = new Map<number, ReplayResult>();
  private next = 0;
  /** What reading the file gave: the list, or why it could not be read. */
  readonly first: FromWorker;

  constructor(
    readonly file: number,
    name: string,
    bytes: Uint8Array,
  ) {
    try {
      const read = readFileTraces({ path: name, bytes });
      this.traces = read.traces;
      const rows = read.streams
        ? read.streams.map((s) => connectionRow(s.stream, s.trace, s))
        : read.traces.map((t, i) => connectionRow(i, t));
      this.first = { kind: 'read', file, name, frames: read.frames ?? null, skipped: read.skipped, rows };
    } catch (e) {
      this.first = { kind: 'failed', file, name, message: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Whether connections are left to judge. */
  get pending(): boolean {
    return this.next < this.traces.length;
  }

  private result(stream: number): ReplayResult {
    let r = this.results.get(stream);
    if (!r) {
      r = replayTrace(this.traces[stream]!);
      this.results.set(stream, r);
    }
    return r;
  }

  /** Judges the next connections, for at most `budgetMs` (at least one), and says what it found. */
  judgeSome(budgetMs: number, now: () => number = Date.now): FromWorker {
    const start = now();
    const judged: { stream: number; judged: Judgement }[] = [];
    while (this.pending && (judged.length === 0 || now() - start < budgetMs)) {
      const stream = this.next++;
      judged.push({ stream, judged: judgement(this.result(stream)) });
    }
    return { kind: 'judged', file: this.file, judged, done: !this.pending };
  }

  /** One connection replayed in full (the judge's verdict on each of its segments). */
  replay(stream: number): FromWorker {
    const trace = this.traces[stream];
    if (!trace) return { kind: 'failed', file: this.file, name: '', message: `no connection ${stream}` };
    return { kind: 'replayed', file: this.file, stream, trace, result: this.result(stream) };
  }
}
