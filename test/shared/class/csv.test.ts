/**
 * The CSV export: a byte order mark, CRLF line ends, RFC 4180 quoting, cells a spreadsheet would
 * run as a formula neutralized, and the header and figures of every row.
 */
import fc from 'fast-check';
import type { ResultRow } from '../../../shared/class/class-types';
import { byCodeCell, CSV_HEADER, csvCell, csvFilename, resultsCsv } from '../../../shared/class/csv';
import { resultRow } from '../../helpers/class-fixtures';
import { parseCsv } from '../../helpers/class-harness';

/** A finished game with a mistake, as the CSV tests start from. */
function row(o: Partial<ResultRow> = {}): ResultRow {
  return resultRow('p1', 'ann', {
    partner: 'bob',
    points: 30,
    correct: 3,
    mistakes: 1,
    byCode: { ACK_OFF_BY_ONE: 1 },
    goalMet: true,
    timeMs: 12_345,
    ...o,
  });
}

/** The cells of the rows after the header (the BOM taken off first). */
function body(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(csv.slice(1));
  expect(header).toEqual([...CSV_HEADER]);
  return rows;
}

describe('csvCell', () => {
  test.each([
    ['plain', 'plain'],
    ['小明', '小明'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+2', "'=1+2"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['a=b', 'a=b'],
  ])('%j -> %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  test('numbers and booleans stay as they are, negative numbers too', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(12.3)).toBe('12.3');
    expect(csvCell(true)).toBe('true');
  });

  test('any text reads back as itself, or quote-prefixed when it would start a formula', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        const [[back]] = parseCsv(`${csvCell(s)}\r\n`) as [[string]];
        const dangerous = /^[=+\-@\t\r]/.test(s);
        expect(back).toBe(dangerous ? `'${s}` : s);
        expect(/^[=+\-@\t\r]/.test(back)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('byCodeCell', () => {
  test('codes in alphabetical order, zero counts left out', () => {
    expect(byCodeCell({ SEQ_REUSED: 2, ACK_OFF_BY_ONE: 1, ACK_AHEAD: 0 })).toBe(
      'ACK_OFF_BY_ONE:1;SEQ_REUSED:2',
    );
    expect(byCodeCell({})).toBe('');
  });
});

describe('resultsCsv', () => {
  test('a byte order mark, the header, CRLF line ends (one at the end too)', () => {
    const csv = resultsCsv([row()]);
    expect(csv.startsWith(`\uFEFF${CSV_HEADER.join(',')}\r\n`)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '').includes('\n')).toBe(false);
    expect(resultsCsv([])).toBe(`\uFEFF${CSV_HEADER.join(',')}\r\n`);
  });

  test('one line per row with its figures; the bot as partner; time in seconds to a tenth', () => {
    const rows = body(
      resultsCsv([
        row(),
        row({
          nickname: '小红',
          playerId: 'p2',
          role: 'server',
          partner: null,
          round: 2,
          scenarioId: 'client-closes-first',
          points: -5,
          correct: 0,
          mistakes: 3,
          byCode: { SEQ_REUSED: 2, ACK_OFF_BY_ONE: 1 },
          goalMet: false,
          timeMs: 60_049,
        }),
      ]),
    );
    expect(rows).toEqual([
      ['ann', '1', 'three-way-handshake', 'client', 'bob', '30', '3', '1', 'ACK_OFF_BY_ONE:1', 'yes', '12.3'],
      [
        '小红',
        '2',
        'client-closes-first',
        'server',
        'bot',
        '-5',
        '0',
        '3',
        'ACK_OFF_BY_ONE:1;SEQ_REUSED:2',
        'no',
        '60',
      ],
    ]);
  });

  test('nicknames that look like formulas are neutralized in the nickname and the partner columns', () => {
    const rows = body(
      resultsCsv([
        row({ nickname: '=cmd|x', partner: '@SUM(1)' }),
        row({ nickname: '+1', partner: '-1' }),
        row({ nickname: 'a, "b"', partner: 'c\nd' }),
      ]),
    );
    expect(rows.map((r) => [r[0], r[4]])).toEqual([
      ["'=cmd|x", "'@SUM(1)"],
      ["'+1", "'-1"],
      ['a, "b"', 'c\nd'],
    ]);
    // every row keeps its 11 cells
    expect(rows.every((r) => r.length === CSV_HEADER.length)).toBe(true);
  });

  test('the file name carries the class code', () => {
    expect(csvFilename('ABC234')).toBe('class-ABC234-results.csv');
  });
});
