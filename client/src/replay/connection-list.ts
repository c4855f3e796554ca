/**
 * The /replay page's list of a capture's TCP connections as data: one row per connection (Wireshark's
 * tcp.stream numbers), the judge's summary once the worker has replayed it, a Wireshark-like filter
 * and pages. Pure: no DOM, so the worker builds the rows and jest tests them.
 */
import type { TcpState } from '../../../shared/tcp/types';
import type { ReplayResult } from '../../../shared/trace/replay';
import type { Trace } from '../../../shared/trace/trace-format';

/** What the judge made of a connection, in a few numbers. */
export interface Judgement {
  clientFinal: TcpState;
  serverFinal: TcpState;
  /** The index of the first segment refused, null when none was. */
  refused: number | null;
  /** Segments accepted with a capture note (keep-alive, Fast Open...), and segments lost after the capture point. */
  noted: number;
  lost: number;
}

export interface ConnectionRow {
  /** Wireshark's tcp.stream for a capture; the trace's position for a JSON file. */
  stream: number;
  name: string;
  /** "address:port", null for a JSON trace (it has no addresses). */
  client: string | null;
  server: string | null;
  segments: number;
  /** Seconds from the first segment to the last, null when the trace has no times. */
  duration: number | null;
  /** Null until the worker has judged it. */
  judged: Judgement | null;
}

/** A row for a trace, not yet judged. */
export function connectionRow(
  stream: number,
  trace: Trace,
  endpoints?: { client: string; server: string },
): ConnectionRow {
  const times = trace.segments.map((s) => s.t).filter((t): t is number => t !== undefined);
  return {
    stream,
    name: trace.name,
    client: endpoints?.client ?? null,
    server: endpoints?.server ?? null,
    segments: trace.segments.length,
    duration: times.length ? Math.max(...times) - Math.min(...times) : null,
    judged: null,
  };
}

/** The summary of a replay. */
export function judgement(r: ReplayResult): Judgement {
  return {
    clientFinal: r.clientFinal,
    serverFinal: r.serverFinal,
    refused: r.firstRejected,
    noted: r.steps.filter((s) => s.notes.length > 0).length,
    lost: r.lost.size,
  };
}

export type RowKind = 'all' | 'refused' | 'noted';

/** "192.0.2.1:80" -> port 80; "[2001:db8::1]:443" -> 443. */
function portOf(endpoint: string | null): number | null {
  const m = endpoint ? /:(\d+)$/.exec(endpoint) : null;
  return m ? Number(m[1]) : null;
}

function addressOf(endpoint: string | null): string | null {
  if (!endpoint) return null;
  return endpoint.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
}

const FIELD = /^(tcp\.stream|stream|tcp\.port|port|ip\.addr|ipv6\.addr|addr)\s*(?:==|=|:)\s*(.+)$/i;

/** Whether a row matches one filter word. */
function matchesWord(row: ConnectionRow, word: string): boolean {
  const field = FIELD.exec(word);
  const ports = [portOf(row.client), portOf(row.server)];
  if (field) {
    const key = (field[1] ?? '').toLowerCase();
    const value = field[2] ?? '';
    if (key.endsWith('stream')) return row.stream === Number(value);
    if (key.endsWith('port')) return ports.includes(Number(value));
    const v = value.toLowerCase().replace(/^\[(.*)\]$/, '$1');
    return [addressOf(row.client), addressOf(row.server)].some((a) => a?.toLowerCase() === v);
  }
  if (/^#\d+$/.test(word)) return row.stream === Number(word.slice(1));
  if (/^\d+$/.test(word)) return ports.includes(Number(word));
  const text = `${row.client ?? ''} ${row.server ?? ''} ${row.name}`.toLowerCase();
  return text.includes(word.toLowerCase());
}

/**
 * Whether a row matches a filter: every word must match. A word is `tcp.stream==3` (or `#3`),
 * `tcp.port==80` (or a bare port number), `ip.addr==10.0.0.1`, or any piece of the endpoints'
 * text ("10.0.0.", ":443", "2001:db8"). `kind` keeps only the refused or the noted connections.
 */
export function matchesFilter(row: ConnectionRow, filter: string, kind: RowKind = 'all'): boolean {
  if (kind === 'refused' && row.judged?.refused == null) return false;
  if (kind === 'noted' && !(row.judged && row.judged.noted + row.judged.lost > 0)) return false;
  const words = filter
    .replace(/\s*(==|=)\s*/g, '$1')
    .split(/\s+|&&|\band\b/i)
    .filter((w) => w !== '');
  return words.every((w) => matchesWord(row, w));
}

export interface Page<T> {
  items: T[];
  /** 0-based, clamped to the pages there are. */
  page: number;
  pages: number;
  /** 1-based positions of the first and last item shown (0, 0 for none). */
  from: number;
  to: number;
  total: number;
}

/** One page of a list; a page past the end shows the last one. */
export function pageOf<T>(items: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  const slice = items.slice(p * size, (p + 1) * size);
  return {
    items: slice,
    page: p,
    pages,
    from: slice.length ? p * size + 1 : 0,
    to: p * size + slice.length,
    total: items.length,
  };
}

/** A duration as Wireshark shows one: seconds with six decimals under a second, three above. */
export function durationText(seconds: number | null): string {
  if (seconds === null) return '—';
  return seconds < 1 ? `${seconds.toFixed(6)} s` : `${seconds.toFixed(3)} s`;
}
