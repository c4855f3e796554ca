/**
 * What a file given to a replay holds (the command line's files and the browser's /replay page read
 * them alike): one JSON trace, a JSON array of traces, or every TCP connection of a pcap or pcapng
 * capture, with the frames the capture reader had to skip.
 */
import { readCapture, type CaptureStream, type SkippedFrame } from './pcap-reader';
import type { Trace } from './trace-format';
import { parseTrace } from './trace-parse';

export interface ReplayFile {
  path: string;
  bytes: Uint8Array;
}

/** What a file holds: its traces, and the frames a capture had to skip. */
export interface FileTraces {
  traces: Trace[];
  /** For a capture: its connections, with their endpoints and Wireshark stream numbers. */
  streams?: CaptureStream[];
  /** For a capture: frames in it and the ones skipped as malformed or unreadable. */
  frames?: number;
  skipped: SkippedFrame[];
}

/** Whether a file is a capture: by its extension, else by not starting like JSON. */
export function isCapture(path: string, bytes: Uint8Array): boolean {
  if (/\.(pcap|pcapng|cap)$/i.test(path)) return true;
  if (/\.json$/i.test(path)) return false;
  const first = bytes.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
  return first !== undefined && first !== 0x7b && first !== 0x5b;
}

/**
 * UTF-8 bytes as text, a malformed sequence as U+FFFD (TextDecoder's way; shared/ may not name
 * TextDecoder, which is a Node and DOM global, not part of the language).
 */
export function utf8Text(bytes: Uint8Array): string {
  const points: number[] = [];
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const extra =
      b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    let cp = extra === 0 ? b : extra === 1 ? b & 0x1f : extra === 2 ? b & 0x0f : b & 0x07;
    let n = 1;
    for (; extra > 0 && n <= extra; n++) {
      const c = bytes[i + n];
      if (c === undefined || (c & 0xc0) !== 0x80) break;
      cp = (cp << 6) | (c & 0x3f);
    }
    const min = [0, 0x80, 0x800, 0x10000][extra] ?? 0;
    const ok = extra >= 0 && n === extra + 1 && cp >= min && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
    points.push(ok ? cp : 0xfffd);
    i += ok || n <= extra ? n : 1;
    if (points.length >= 4096) {
      out += String.fromCodePoint(...points);
      points.length = 0;
    }
  }
  return out + String.fromCodePoint(...points);
}

/** At most this many skipped frames are listed one by one; the rest are counted. */
const SKIPPED_LISTED = 10;

/** "#3 reason; #9 reason; 4 more": the skipped frames in one line. */
export function skippedList(skipped: readonly SkippedFrame[]): string {
  const listed = skipped.slice(0, SKIPPED_LISTED).map((f) => `#${f.frame} ${f.reason}`);
  const rest = skipped.length - listed.length;
  return listed.join('; ') + (rest > 0 ? `; ${rest} more` : '');
}

/**
 * The traces a file holds (only stream `stream` of a capture when given). Throws with the file's
 * name and the reason when it is neither a capture nor valid traces, or a capture without TCP.
 */
export function readFileTraces(file: ReplayFile, stream?: number): FileTraces {
  const base = file.path.replace(/^.*[\\/]/, '');
  if (isCapture(file.path, file.bytes)) {
    const read = readCapture(file.bytes, base);
    const streams = read.streams;
    const info = { frames: read.frames, skipped: read.skipped };
    if (stream !== undefined) {
      const one = streams.find((s) => s.stream === stream);
      if (!one) throw new Error(`${base}: no TCP stream ${stream} (it holds ${streams.length})`);
      return { traces: [one.trace], streams: [one], ...info };
    }
    if (streams.length === 0) {
      const why = read.skipped.length
        ? ` (${read.skipped.length} of ${read.frames} frames skipped: ${skippedList(read.skipped)})`
        : '';
      throw new Error(`${base}: no TCP segments in this capture${why}`);
    }
    return { traces: streams.map((s) => s.trace), streams, ...info };
  }
  let value: unknown;
  try {
    value = JSON.parse(utf8Text(file.bytes));
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
