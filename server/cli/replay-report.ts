/** Rendering a replay as a readable table or as JSON, and the replay command's logic. */
import { errorText, isLang, noteText, type Lang } from '../../shared/i18n';
import type { CaptureNote } from '../../shared/tcp/capture';
import { flagLabel } from '../../shared/tcp/flags';
import type { Segment } from '../../shared/tcp/types';
import { replayTrace, type ReplayArrival, type ReplayResult } from '../../shared/trace/replay';
import type { Trace } from '../../shared/trace/trace-format';
import { parseTrace } from '../../shared/trace/trace-parse';
import { readCapture, type SkippedFrame } from '../../shared/trace/pcap-reader';

export interface ReplayOptions {
  json: boolean;
  lang: Lang;
  /** Show what each side did with every segment that arrived. */
  verbose: boolean;
  /** For captures holding several connections: the one to replay (all when absent). */
  stream?: number;
  /** Judge with the game's own judge only, without the capture mode. */
  strict?: boolean;
}

/** The table's own words, in each language. */
const WORDS: Record<Lang, Record<string, string>> = {
  en: {
    from: 'from',
    flags: 'flags',
    client: 'client',
    server: 'server',
    verdict: 'verdict',
    accepted: 'accepted',
    retransmission: 'retransmission',
    refused: 'REFUSED',
    skipped: 'not judged (after the refusal)',
    why: 'why',
    final: 'final',
    met: 'expect: met',
    notMet: 'expect: NOT MET',
    reaches: 'reaches the',
    because: 'because',
    and: 'and',
    skippedFrames: 'frames skipped',
    of: 'of',
    more: 'more',
  },
  'zh-CN': {
    from: '发送方',
    flags: '标志位',
    client: '客户端',
    server: '服务器',
    verdict: '裁决',
    accepted: '通过',
    retransmission: '重传',
    refused: '拒绝',
    skipped: '未裁决（前面已被拒绝）',
    why: '原因',
    final: '最终状态',
    met: '预期：符合',
    notMet: '预期：不符合',
    reaches: '到达',
    because: '因为',
    and: '并且',
    skippedFrames: '个帧被跳过',
    of: '/',
    more: '更多',
  },
};

const WIDE = /[\u2e80-\uffff]/;

/** Display width in a terminal: CJK characters take two columns. */
function width(s: string): number {
  if (!WIDE.test(s)) return s.length;
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return w;
}

function pad(s: string | number, n: number): string {
  const str = String(s);
  const w = width(str);
  return w >= n ? str : str + ' '.repeat(n - w);
}

/** The values a note's text is filled with: the segment's numbers, and what it refers to. */
function noteParams(s: Segment, extra: { state?: string; rcvNxt?: number; ref?: number }) {
  return {
    seq: s.seq,
    ack: s.ack,
    len: s.len,
    flags: flagLabel(s.flags),
    state: extra.state,
    rcvNxt: extra.rcvNxt,
    ref: extra.ref,
  };
}

/** The receiver's view of an arrival: the segment (or the part of it that arrived) and its state after. */
function arrivalParams(a: ReplayArrival, r: ReplayResult) {
  const whole = r.steps[a.index]!.segment;
  const s = a.part ? { ...whole, seq: a.part.seq, len: a.part.len } : whole;
  return noteParams(s, { state: a.state, rcvNxt: a.rcvNxt });
}

function arrivalLines(lang: Lang, arrivals: readonly ReplayArrival[], r: ReplayResult): string[] {
  return arrivals.map((a) => {
    const params = arrivalParams(a, r);
    const notes = a.notes.map((n) => noteText(lang, n, params).message);
    const part = a.part ? ` [${a.part.seq}+${a.part.len}]` : '';
    return `      -> #${a.index}${part} ${WORDS[lang].reaches} ${WORDS[lang][a.to]}: ${notes.join(' ')}`;
  });
}

/** "accepted, because ...; and ..." : the capture notes of a step, after its verdict word. */
function because(lang: Lang, verdict: string, notes: readonly CaptureNote[], s: Segment): string {
  if (notes.length === 0) return verdict;
  const w = WORDS[lang];
  const end = lang === 'en' ? '.' : '。';
  const texts = notes.map((n) => {
    const text = noteText(lang, n.code, noteParams(s, { ref: n.ref })).message;
    return text.endsWith(end) ? text.slice(0, -end.length) : text;
  });
  const [comma, semicolon] = lang === 'en' ? [', ', '; '] : ['，', '；'];
  return `${verdict}${comma}${w.because} ${texts.join(`${semicolon}${w.and} `)}${end}`;
}

/** The table of one replay: index, from, flags, seq, ack, len, verdict with reason, both states after. */
export function formatReplay(r: ReplayResult, lang: Lang, verbose: boolean, description?: string): string {
  const w = WORDS[lang];
  const lines: string[] = [];
  lines.push(`== ${r.name}${description ? `: ${description}` : ''}`);
  lines.push(
    `  ${pad('#', 3)} ${pad(w.from!, 7)} ${pad(w.flags!, 13)} ${pad('seq', 11)} ${pad('ack', 11)} ${pad('len', 5)} ${pad(w.client!, 12)} ${pad(w.server!, 12)} ${w.verdict}`,
  );
  for (const st of r.steps) {
    if (verbose) lines.push(...arrivalLines(lang, st.arrivalsBefore, r));
    const s = st.segment;
    let verdict = st.verdict === 'skipped' ? w.skipped! : because(lang, w[st.verdict]!, st.notes, s);
    if (st.error) verdict = `${w.refused} ${st.error.code}: ${errorText(lang, st.error).message}`;
    const resend = r.lost.get(st.index);
    if (resend !== undefined) {
      verdict = verdict.replace(/[.。]$/, '') + (lang === 'en' ? '; ' : '；');
      verdict += noteText(lang, 'CAP_LOST', noteParams(s, { ref: resend })).message;
    }
    lines.push(
      `  ${pad(st.index, 3)} ${pad(w[st.from]!, 7)} ${pad(flagLabel(s.flags), 13)} ${pad(s.seq, 11)} ${pad(s.ack, 11)} ${pad(s.len, 5)} ${pad(st.clientState, 12)} ${pad(st.serverState, 12)} ${verdict}`,
    );
    if (st.error) lines.push(`      ${w.why}: ${errorText(lang, st.error).explain}`);
  }
  if (verbose) lines.push(...arrivalLines(lang, r.finalArrivals, r));
  lines.push(`  ${w.final}: ${w.client} ${r.clientFinal}, ${w.server} ${r.serverFinal}`);
  lines.push(r.expectMet ? `  ${w.met}` : `  ${w.notMet} - ${r.expectProblems.join('; ')}`);
  return lines.join('\n');
}

/** The JSON form of one replay (the same facts as the table). */
export function replayJson(r: ReplayResult, lang: Lang) {
  const arrivals = (list: readonly ReplayArrival[]) =>
    list.map((a) => ({ ...a, texts: a.notes.map((n) => noteText(lang, n, arrivalParams(a, r)).message) }));
  return {
    name: r.name,
    steps: r.steps.map((st) => ({
      index: st.index,
      from: st.from,
      flags: flagLabel(st.segment.flags),
      seq: st.segment.seq,
      ack: st.segment.ack,
      len: st.segment.len,
      verdict: st.verdict,
      ...(st.error ? { error: { ...st.error, ...errorText(lang, st.error) } } : {}),
      ...(st.notes.length
        ? {
            notes: st.notes.map((n) => ({
              ...n,
              ...noteText(lang, n.code, noteParams(st.segment, { ref: n.ref })),
            })),
          }
        : {}),
      ...(r.lost.has(st.index) ? { lostAfterCapture: { resentAs: r.lost.get(st.index) } } : {}),
      arrivalsBefore: arrivals(st.arrivalsBefore),
      client: st.clientState,
      server: st.serverState,
    })),
    finalArrivals: arrivals(r.finalArrivals),
    clientFinal: r.clientFinal,
    serverFinal: r.serverFinal,
    firstRejected: r.firstRejected,
    expectMet: r.expectMet,
    expectProblems: r.expectProblems,
  };
}

export interface ReplayFile {
  path: string;
  bytes: Uint8Array;
}

function isCapture(path: string, bytes: Uint8Array): boolean {
  if (/\.(pcap|pcapng|cap)$/i.test(path)) return true;
  return bytes.length > 0 && bytes[0] !== 0x7b && bytes[0] !== 0x5b && bytes[0] !== 0x20 && bytes[0] !== 0x0a; // not JSON
}

/** What a file holds: its traces, and the frames a capture had to skip. */
export interface FileTraces {
  traces: Trace[];
  /** For a capture: frames in it and the ones skipped as malformed or unreadable. */
  frames?: number;
  skipped: SkippedFrame[];
}

/** The traces a file holds: one JSON trace, a JSON array of traces, or every connection of a capture. */
export function readFileTraces(file: ReplayFile, stream?: number): FileTraces {
  const base = file.path.replace(/^.*[\\/]/, '');
  if (isCapture(file.path, file.bytes)) {
    const read = readCapture(file.bytes, base);
    const streams = read.streams;
    const info = { frames: read.frames, skipped: read.skipped };
    if (stream !== undefined) {
      const one = streams.find((s) => s.stream === stream);
      if (!one) throw new Error(`${base}: no TCP stream ${stream} (it holds ${streams.length})`);
      return { traces: [one.trace], ...info };
    }
    if (streams.length === 0) {
      const why = read.skipped.length
        ? ` (${read.skipped.length} of ${read.frames} frames skipped: ${skippedList(read.skipped)})`
        : '';
      throw new Error(`${base}: no TCP segments in this capture${why}`);
    }
    return { traces: streams.map((s) => s.trace), ...info };
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(file.bytes));
  } catch (e) {
    throw new Error(`${base}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const list = Array.isArray(value) ? value : [value];
  const traces = list.map((x) => {
    const p = parseTrace(x);
    if (!p.ok) throw new Error(`${base}: ${p.error}`);
    return p.value;
  });
  return { traces, skipped: [] };
}

/** The traces a file holds (readFileTraces without the skipped frames). */
export function tracesOf(file: ReplayFile, stream?: number): Trace[] {
  return readFileTraces(file, stream).traces;
}

/** At most this many skipped frames are listed one by one; the rest are counted. */
const SKIPPED_LISTED = 10;

function skippedList(skipped: readonly SkippedFrame[]): string {
  const listed = skipped.slice(0, SKIPPED_LISTED).map((f) => `#${f.frame} ${f.reason}`);
  const rest = skipped.length - listed.length;
  return listed.join('; ') + (rest > 0 ? `; ${rest} more` : '');
}

export interface ParsedArgs {
  files: string[];
  options: ReplayOptions;
}

/** Parses the command line: FILE|DIR... [--json] [--verbose] [--lang en|zh-CN] [--stream N] [--strict]. */
export function parseArgs(argv: readonly string[]): ParsedArgs | { error: string } {
  const options: ReplayOptions = { json: false, lang: 'en', verbose: false };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') options.json = true;
    else if (a === '--verbose' || a === '-v') options.verbose = true;
    else if (a === '--strict') options.strict = true;
    else if (a === '--lang') {
      const l = argv[++i];
      if (!isLang(l)) return { error: '--lang takes en or zh-CN' };
      options.lang = l;
    } else if (a === '--stream') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0) return { error: '--stream takes a stream number (0, 1, ...)' };
      options.stream = n;
    } else if (a.startsWith('-')) return { error: `unknown option ${a}` };
    else files.push(a);
  }
  if (files.length === 0)
    return {
      error:
        'usage: npm run replay -- FILE|DIR... [--json] [--verbose] [--lang en|zh-CN] [--stream N] [--strict]',
    };
  return { files, options };
}

/** Replays the files and returns the text to print and the exit status (0 only when every trace met its expect). */
export function runReplay(
  files: readonly ReplayFile[],
  options: ReplayOptions,
): { out: string; err: string; status: number } {
  const results: { trace: Trace; result: ReplayResult }[] = [];
  const errors: string[] = [];
  const skipped: { file: string; frames: number; skipped: SkippedFrame[] }[] = [];
  for (const f of files) {
    try {
      const read = readFileTraces(f, options.stream);
      if (read.skipped.length)
        skipped.push({ file: f.path, frames: read.frames ?? 0, skipped: read.skipped });
      for (const trace of read.traces) {
        results.push({ trace, result: replayTrace(trace, { strict: options.strict === true }) });
      }
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  const allMet = errors.length === 0 && results.length > 0 && results.every((r) => r.result.expectMet);
  let out: string;
  if (options.json) {
    out = JSON.stringify(
      {
        ok: allMet,
        traces: results.map((r) => replayJson(r.result, options.lang)),
        skippedFrames: skipped,
        errors,
      },
      null,
      2,
    );
  } else {
    const w = WORDS[options.lang];
    const met = results.filter((r) => r.result.expectMet).length;
    const skippedLines = skipped.map(
      (s) =>
        `${s.file}: ${s.skipped.length} ${w.of} ${s.frames} ${w.skippedFrames}: ${skippedList(s.skipped)}`,
    );
    out = [
      ...results.map((r) => formatReplay(r.result, options.lang, options.verbose, r.trace.description)),
      ...(skippedLines.length ? [skippedLines.join('\n')] : []),
      `${met} of ${results.length} traces met their expect${errors.length ? `, ${errors.length} file(s) could not be read` : ''}`,
    ].join('\n\n');
  }
  return { out, err: errors.join('\n'), status: allMet ? 0 : 1 };
}
