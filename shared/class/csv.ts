/**
 * The results as CSV for spreadsheets: UTF-8 with a byte order mark (so Excel reads Chinese
 * nicknames), CRLF line ends, RFC 4180 quoting, and cells that a spreadsheet would run as a
 * formula (starting with = + - @, tab or CR) prefixed with a quote.
 */
import type { ResultRow } from './class-types';

export const CSV_HEADER = [
  'nickname',
  'round',
  'scenario',
  'role',
  'partner',
  'points',
  'correct_moves',
  'mistakes',
  'mistakes_by_code',
  'goal_met',
  'time_s',
] as const;

const BOM = '\uFEFF';

/** One cell: neutralized against formula injection, quoted when it holds a comma, quote or line break. */
export function csvCell(value: string | number | boolean): string {
  let s = String(value);
  // only text can be a formula: numbers (even negative points) stay numbers
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Mistakes by code as "CODE:n;CODE:n", codes in alphabetical order. */
export function byCodeCell(byCode: ResultRow['byCode']): string {
  return Object.entries(byCode)
    .filter(([, n]) => n)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([c, n]) => `${c}:${n}`)
    .join(';');
}

/** The CSV text of the rows (header first). */
export function resultsCsv(rows: readonly ResultRow[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const r of rows) {
    lines.push(
      [
        csvCell(r.nickname),
        csvCell(r.round),
        csvCell(r.scenarioId),
        csvCell(r.role),
        csvCell(r.partner ?? 'bot'),
        csvCell(r.points),
        csvCell(r.correct),
        csvCell(r.mistakes),
        csvCell(byCodeCell(r.byCode)),
        csvCell(r.goalMet ? 'yes' : 'no'),
        csvCell(Math.round(r.timeMs / 100) / 10),
      ].join(','),
    );
  }
  return BOM + lines.join('\r\n') + '\r\n';
}

/** The file name of a class's export. */
export function csvFilename(code: string): string {
  return `class-${code}-results.csv`;
}
