/** Rendering a replay as a readable table or as JSON, and the replay command's logic. */
import { errorText, isLang, noteText, type Lang } from '../../shared/i18n';
import { flagLabel } from '../../shared/tcp/flags';
import type { SkippedFrame } from '../../shared/trace/pcap-reader';
import { replayTrace, type ReplayArrival, type ReplayResult } from '../../shared/trace/replay';
import { readFileTraces, skippedList, type ReplayFile } from '../../shared/trace/trace-file';
import { arrivalTexts, noteParams, verdictLine, VERDICT_WORDS } from '../../shared/trace/verdict-text';

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

/** The table's own words, in each language (the verdict words are shared with the /replay page). */
const WORDS: Record<Lang, Record<string, string>> = {
  en: {
    ...VERDICT_WORDS.en,
    from: 'from',
    flags: 'flags',
    client: 'client',
    server: 'server',
    verdict: 'verdict',
    why: 'why',
    final: 'final',
    met: 'expect: met',
    notMet: 'expect: NOT MET',
    reaches: 'reaches the',
    skippedFrames: 'frames skipped',
    of: 'of',
    more: 'more',
  },
  'zh-CN': {
    ...VERDICT_WORDS['zh-CN'],
    from: '发送方',
    flags: '标志位',
    client: '客户端',
    server: '服务器',
    verdict: '裁决',
    why: '原因',
    final: '最终状态',
    met: '预期：符合',
    notMet: '预期：不符合',
    reaches: '到达',
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

function arrivalLines(lang: Lang, arrivals: readonly ReplayArrival[], r: ReplayResult): string[] {
  return arrivals.map((a) => {
    const notes = arrivalTexts(lang, a, r);
    const part = a.part ? ` [${a.part.seq}+${a.part.len}]` : '';
    return `      -> #${a.index}${part} ${WORDS[lang].reaches} ${WORDS[lang][a.to]}: ${notes.join(' ')}`;
  });
}

/** Flag labels and state names padded to their columns, each made once (every row has three). */
const PADDED_FLAGS: string[] = [];
const PADDED_STATES = new Map<string, string>();

function paddedFlags(flags: number): string {
  return (PADDED_FLAGS[flags] ??= flagLabel(flags).padEnd(13));
}

function paddedState(state: string): string {
  let text = PADDED_STATES.get(state);
  if (text === undefined) {
    text = state.padEnd(12);
    PADDED_STATES.set(state, text);
  }
  return text;
}

/** The table of one replay: index, from, flags, seq, ack, len, verdict with reason, both states after. */
export function formatReplay(r: ReplayResult, lang: Lang, verbose: boolean, description?: string): string {
  const w = WORDS[lang];
  const lines: string[] = [];
  lines.push(`== ${r.name}${description ? `: ${description}` : ''}`);
  lines.push(
    `  ${pad('#', 3)} ${pad(w.from!, 7)} ${pad(w.flags!, 13)} ${pad('seq', 11)} ${pad('ack', 11)} ${pad('len', 5)} ${pad(w.client!, 12)} ${pad(w.server!, 12)} ${w.verdict}`,
  );
  const from = { client: pad(w.client!, 7), server: pad(w.server!, 7) };
  for (const st of r.steps) {
    if (verbose) lines.push(...arrivalLines(lang, st.arrivalsBefore, r));
    const s = st.segment;
    const verdict = verdictLine(lang, r, st);
    // numbers, flags and states are ASCII: padEnd pads them as pad() would, in a fraction of the time
    lines.push(
      `  ${String(st.index).padEnd(3)} ${from[st.from]} ${paddedFlags(s.flags)} ${String(s.seq).padEnd(11)} ${String(s.ack).padEnd(11)} ${String(s.len).padEnd(5)} ${paddedState(st.clientState)} ${paddedState(st.serverState)} ${verdict}`,
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
    list.map((a) => ({ ...a, texts: arrivalTexts(lang, a, r) }));
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
              ...noteText(lang, n.code, noteParams(st.segment, st.from, { ref: n.ref })),
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

/** Where the replay's text goes, piece by piece. */
export type Write = (text: string) => void;

/**
 * Replays the files one at a time and writes the text as it goes: each trace's table as soon as it
 * is judged (with --json, the whole document at the end). Nothing of a file is kept once its tables
 * are written, so a folder of thousands of captures runs in little memory. Returns what to print on
 * stderr and the exit status (0 only when every trace met its expect).
 */
export function replayFiles(
  files: Iterable<ReplayFile>,
  options: ReplayOptions,
  write: Write,
): { err: string; status: number } {
  const json: ReturnType<typeof replayJson>[] = [];
  const errors: string[] = [];
  const skipped: { file: string; frames: number; skipped: SkippedFrame[] }[] = [];
  let count = 0;
  let met = 0;
  const strict = options.strict === true;
  for (const f of files) {
    try {
      const read = readFileTraces(f, options.stream);
      if (read.skipped.length)
        skipped.push({ file: f.path, frames: read.frames ?? 0, skipped: read.skipped });
      for (const trace of read.traces) {
        const result = replayTrace(trace, { strict });
        if (result.expectMet) met += 1;
        if (options.json) json.push(replayJson(result, options.lang));
        else
          write(
            `${count > 0 ? '\n\n' : ''}${formatReplay(result, options.lang, options.verbose, trace.description)}`,
          );
        count += 1;
      }
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  const allMet = errors.length === 0 && count > 0 && met === count;
  if (options.json) {
    write(JSON.stringify({ ok: allMet, traces: json, skippedFrames: skipped, errors }, null, 2));
  } else {
    const w = WORDS[options.lang];
    const tail: string[] = [];
    if (skipped.length)
      tail.push(
        skipped
          .map(
            (s) =>
              `${s.file}: ${s.skipped.length} ${w.of} ${s.frames} ${w.skippedFrames}: ${skippedList(s.skipped)}`,
          )
          .join('\n'),
      );
    tail.push(
      `${met} of ${count} traces met their expect${errors.length ? `, ${errors.length} file(s) could not be read` : ''}`,
    );
    write(`${count > 0 ? '\n\n' : ''}${tail.join('\n\n')}`);
  }
  return { err: errors.join('\n'), status: allMet ? 0 : 1 };
}

/** Replays the files and returns the text to print and the exit status (0 only when every trace met its expect). */
export function runReplay(
  files: readonly ReplayFile[],
  options: ReplayOptions,
): { out: string; err: string; status: number } {
  const out: string[] = [];
  const r = replayFiles(files, options, (text) => out.push(text));
  return { out: out.join(''), ...r };
}
