/** Rendering a replay as a readable table or as JSON, and the replay command's logic. */
import { errorText, isLang, noteText, type Lang } from '../../shared/i18n';
import { flagLabel } from '../../shared/tcp/flags';
import { replayTrace, type ReplayArrival, type ReplayResult } from '../../shared/trace/replay';
import type { Trace } from '../../shared/trace/trace-format';
import { parseTrace } from '../../shared/trace/trace-parse';
import { readCaptureTraces } from '../trace/pcap-reader';

export interface ReplayOptions {
  json: boolean;
  lang: Lang;
  /** Show what each side did with every segment that arrived. */
  verbose: boolean;
  /** For captures holding several connections: the one to replay (all when absent). */
  stream?: number;
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
  },
};

/** Display width in a terminal: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return w;
}

function pad(s: string | number, n: number): string {
  const str = String(s);
  const w = width(str);
  return w >= n ? str : str + ' '.repeat(n - w);
}

function arrivalLines(lang: Lang, arrivals: readonly ReplayArrival[], r: ReplayResult): string[] {
  return arrivals.map((a) => {
    const s = r.steps[a.index]!.segment;
    const notes = a.notes.map(
      (n) => noteText(lang, n, { seq: s.seq, ack: s.ack, len: s.len, flags: flagLabel(s.flags) }).message,
    );
    return `      -> #${a.index} ${WORDS[lang].reaches} ${WORDS[lang][a.to]}: ${notes.join(' ')}`;
  });
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
    let verdict = st.verdict === 'skipped' ? w.skipped! : w[st.verdict]!;
    if (st.error) verdict = `${w.refused} ${st.error.code}: ${errorText(lang, st.error).message}`;
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
      arrivalsBefore: st.arrivalsBefore,
      client: st.clientState,
      server: st.serverState,
    })),
    finalArrivals: r.finalArrivals,
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

/** The traces a file holds: one JSON trace, a JSON array of traces, or every connection of a capture. */
export function tracesOf(file: ReplayFile, stream?: number): Trace[] {
  const base = file.path.replace(/^.*[\\/]/, '');
  if (isCapture(file.path, file.bytes)) {
    const streams = readCaptureTraces(file.bytes, base);
    if (stream !== undefined) {
      const one = streams.find((s) => s.stream === stream);
      if (!one) throw new Error(`${base}: no TCP stream ${stream} (it holds ${streams.length})`);
      return [one.trace];
    }
    if (streams.length === 0) throw new Error(`${base}: no TCP segments in this capture`);
    return streams.map((s) => s.trace);
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(file.bytes));
  } catch (e) {
    throw new Error(`${base}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const list = Array.isArray(value) ? value : [value];
  return list.map((x) => {
    const p = parseTrace(x);
    if (!p.ok) throw new Error(`${base}: ${p.error}`);
    return p.value;
  });
}

export interface ParsedArgs {
  files: string[];
  options: ReplayOptions;
}

/** Parses the command line: FILE... [--json] [--verbose] [--lang en|zh-CN] [--stream N]. */
export function parseArgs(argv: readonly string[]): ParsedArgs | { error: string } {
  const options: ReplayOptions = { json: false, lang: 'en', verbose: false };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') options.json = true;
    else if (a === '--verbose' || a === '-v') options.verbose = true;
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
    return { error: 'usage: npm run replay -- FILE... [--json] [--verbose] [--lang en|zh-CN] [--stream N]' };
  return { files, options };
}

/** Replays the files and returns the text to print and the exit status (0 only when every trace met its expect). */
export function runReplay(
  files: readonly ReplayFile[],
  options: ReplayOptions,
): { out: string; err: string; status: number } {
  const results: { trace: Trace; result: ReplayResult }[] = [];
  const errors: string[] = [];
  for (const f of files) {
    try {
      for (const trace of tracesOf(f, options.stream)) results.push({ trace, result: replayTrace(trace) });
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  const allMet = errors.length === 0 && results.length > 0 && results.every((r) => r.result.expectMet);
  let out: string;
  if (options.json) {
    out = JSON.stringify(
      { ok: allMet, traces: results.map((r) => replayJson(r.result, options.lang)), errors },
      null,
      2,
    );
  } else {
    const met = results.filter((r) => r.result.expectMet).length;
    out = [
      ...results.map((r) => formatReplay(r.result, options.lang, options.verbose, r.trace.description)),
      `${met} of ${results.length} traces met their expect${errors.length ? `, ${errors.length} file(s) could not be read` : ''}`,
    ].join('\n\n');
  }
  return { out, err: errors.join('\n'), status: allMet ? 0 : 1 };
}
