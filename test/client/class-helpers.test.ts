/**
 * The class pages' pure helpers, without a browser: the routes and join links, the round and timer
 * countdowns from server time, the manual swap of pairs, the round's payload, the remembered host
 * token, the QR matrix of the join link, the spectator's sentences, and that every new text exists
 * in both languages.
 */
import type { RoundView } from '../../shared/class/class-types';
import type { GameView } from '../../shared/game/game-view';
import { fill, type TextParams } from '../../shared/i18n';
import type { WatchView } from '../../shared/protocol/events';
import { joinLink, normalizeCode, parseRoute } from '../../client/src/class/class-route';
import { OffsetClock, clockText, deadlineLeft, roundLeft } from '../../client/src/class/class-time';
import { forgetHosted, HOSTED_KEY, loadHosted, saveHosted } from '../../client/src/class/host-storage';
import { swapStudents, unpaired } from '../../client/src/class/pair-edit';
import { QUIET, qrMatrix, qrPath } from '../../client/src/class/qr-matrix';
import { defaultChoices, MAX_SCENARIOS, roundPayload } from '../../client/src/class/round-choices';
import { spectatorLines } from '../../client/src/class/spectator-lines';
import { UI_TEXTS, type UiKey } from '../../client/src/i18n/ui-texts';

describe('routes and links', () => {
  test.each([
    ['/', { kind: 'home' }],
    ['/host', { kind: 'host' }],
    ['/host/', { kind: 'host' }],
    ['/HOST', { kind: 'host' }],
    ['/replay', { kind: 'replay' }],
    ['/Replay/', { kind: 'replay' }],
    ['/replay/more', { kind: 'home' }],
    ['/join/ab7k9x', { kind: 'join', code: 'AB7K9X' }],
    ['/join/AB7K%209X', { kind: 'join', code: 'AB7K9X' }],
    ['/join/', { kind: 'join', code: '' }],
    ['/join/%E0%A4%A', { kind: 'join', code: '' }],
    ['/join/<script>', { kind: 'join', code: '' }],
    ['/join/ABCDEFGHIJKLMNOP', { kind: 'join', code: '' }],
    ['/somewhere/else', { kind: 'home' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  test('codes are read without case, spaces or dashes', () => {
    expect(normalizeCode(' ab-7k 9x ')).toBe('AB7K9X');
  });

  test('the join link is the origin and /join/CODE', () => {
    expect(joinLink('http://10.0.0.5:3000', 'AB7K9X')).toBe('http://10.0.0.5:3000/join/AB7K9X');
    expect(joinLink('https://arena.example/', 'AB7K9X')).toBe('https://arena.example/join/AB7K9X');
    expect(parseRoute(new URL(joinLink('http://h', 'XY23')).pathname)).toEqual({
      kind: 'join',
      code: 'XY23',
    });
  });
});

describe('clocks from server time', () => {
  const round = (over: Partial<RoundView>): RoundView => ({
    index: 1,
    config: {
      scenarios: ['three-way-handshake'],
      level: 'partner',
      mslScale: 1,
      durationMs: 60_000,
      hints: true,
    },
    phase: 'playing',
    startedAt: 1000,
    endsAt: 61_000,
    pausedAt: null,
    ...over,
  });

  test('a playing round counts down to endsAt, never below zero', () => {
    expect(roundLeft(round({}), 31_000)).toBe(30_000);
    expect(roundLeft(round({}), 90_000)).toBe(0);
  });

  test('a paused round stands still at its pause', () => {
    const r = round({ phase: 'paused', pausedAt: 11_000 });
    expect(roundLeft(r, 11_000)).toBe(50_000);
    expect(roundLeft(r, 40_000)).toBe(50_000);
  });

  test('an ended round has no time left', () => {
    expect(roundLeft(round({ phase: 'ended' }), 2000)).toBe(0);
  });

  test.each([
    [0, '0:00'],
    [1, '0:01'],
    [59_001, '1:00'],
    [600_000, '10:00'],
    [-5, '0:00'],
  ])('clockText(%d) = %s', (ms, text) => {
    expect(clockText(ms)).toBe(text);
  });

  test('deadlines count from now, or from the frozen time when paused', () => {
    expect(deadlineLeft(null, 5)).toBeNull();
    expect(deadlineLeft(10_000, 4000)).toBe(6000);
    expect(deadlineLeft(10_000, 9000, 7000)).toBe(3000);
    expect(deadlineLeft(10_000, 12_000)).toBe(0);
  });

  test('the offset clock follows the server: its now moves with the local clock', () => {
    let local = 1000;
    const c = new OffsetClock(() => local);
    c.sync(50_000);
    expect(c.now()).toBe(50_000);
    local = 1500;
    expect(c.now()).toBe(50_500);
  });
});

describe('manual pairs', () => {
  const pairs = [
    { a: 'p1', b: 'p2' },
    { a: 'p3', b: 'p4' },
    { a: 'p5', b: null },
  ];

  test('two students in different pairs swap places', () => {
    expect(swapStudents(pairs, 'p2', 'p3')).toEqual([
      { a: 'p1', b: 'p3' },
      { a: 'p2', b: 'p4' },
      { a: 'p5', b: null },
    ]);
  });

  test('a student swapped with the one playing the bot takes the bot', () => {
    expect(swapStudents(pairs, 'p5', 'p1')).toEqual([
      { a: 'p5', b: 'p2' },
      { a: 'p3', b: 'p4' },
      { a: 'p1', b: null },
    ]);
  });

  test('partners swapped change roles; an unknown or the same student changes nothing', () => {
    expect(swapStudents(pairs, 'p1', 'p2')[0]).toEqual({ a: 'p2', b: 'p1' });
    expect(swapStudents(pairs, 'p1', 'nobody')).toEqual(pairs);
    expect(swapStudents(pairs, 'p1', 'p1')).toEqual(pairs);
  });

  test('the input is never changed', () => {
    const copy = JSON.parse(JSON.stringify(pairs)) as typeof pairs;
    swapStudents(pairs, 'p2', 'p3');
    expect(pairs).toEqual(copy);
  });

  test('students who joined after the pairs were made are listed as unpaired', () => {
    expect(unpaired(pairs, ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'])).toEqual(['p6', 'p7']);
  });
});

describe('the round payload', () => {
  test('minutes become ms, and numbers stay within what the server accepts', () => {
    const c = { ...defaultChoices(), minutes: 2.5, mslScale: 3 };
    expect(roundPayload(c)).toEqual({
      scenarios: ['three-way-handshake'],
      level: 'partner',
      mslScale: 3,
      durationMs: 150_000,
      hints: true,
    });
    expect(roundPayload({ ...c, minutes: 0, mslScale: 100 })).toMatchObject({
      durationMs: 30_000,
      mslScale: 20,
    });
    expect(roundPayload({ ...c, minutes: Number.NaN, mslScale: Number.NaN })).toMatchObject({
      durationMs: 600_000,
      mslScale: 1,
    });
  });

  test('at most six scenarios are sent', () => {
    const c = { ...defaultChoices(), scenarios: Array(9).fill('client-closes-first') };
    expect(roundPayload(c).scenarios).toHaveLength(MAX_SCENARIOS);
  });
});

describe('the remembered host token', () => {
  const memory = () => {
    const m = new Map<string, string>();
    return { get: (k: string) => m.get(k) ?? null, set: (k: string, v: string) => void m.set(k, v), m };
  };

  test('saved, loaded and forgotten', () => {
    const s = memory();
    expect(loadHosted(s)).toBeNull();
    saveHosted(s, { code: 'AB7K9X', hostToken: 'secret-token-0123456789' });
    expect(loadHosted(s)).toEqual({ code: 'AB7K9X', hostToken: 'secret-token-0123456789' });
    forgetHosted(s);
    expect(loadHosted(s)).toBeNull();
  });

  test.each([
    'not json',
    '42',
    'null',
    '{"code":"AB"}',
    '{"code":5,"hostToken":"x"}',
    '{"code":"","hostToken":"x"}',
  ])('what is not a hosted class reads as none: %s', (raw) => {
    const s = memory();
    s.set(HOSTED_KEY, raw);
    expect(loadHosted(s)).toBeNull();
  });
});

describe('the QR code of the join link', () => {
  const link = 'http://192.168.1.20:3000/join/AB7K9X';

  /** The 7x7 finder pattern of a QR code: a dark ring, a light ring, a dark 3x3 centre. */
  function finderAt(m: boolean[][], r0: number, c0: number): boolean {
    for (let r = 0; r < 7; r++)
      for (let c = 0; c < 7; c++) {
        const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
        if (m[r0 + r]![c0 + c] !== (ring !== 2)) return false;
      }
    return true;
  }

  test('a square matrix of a QR version size with its three finder patterns', () => {
    const m = qrMatrix(link);
    const n = m.length;
    expect(n).toBeGreaterThanOrEqual(21);
    expect((n - 17) % 4).toBe(0);
    expect(m.every((row) => row.length === n)).toBe(true);
    expect(finderAt(m, 0, 0)).toBe(true);
    expect(finderAt(m, 0, n - 7)).toBe(true);
    expect(finderAt(m, n - 7, 0)).toBe(true);
    expect(finderAt(m, n - 7, n - 7)).toBe(false);
  });

  test('the matrix depends on the text: another code, another matrix', () => {
    expect(qrMatrix(link)).toEqual(qrMatrix(link));
    expect(qrMatrix(link)).not.toEqual(qrMatrix(link.replace('AB7K9X', 'AB7K9Y')));
  });

  test('the path draws every dark module once, inside the quiet zone', () => {
    const m = qrMatrix(link);
    const d = qrPath(m);
    let area = 0;
    for (const [, x, y, w] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
      expect(Number(x)).toBeGreaterThanOrEqual(QUIET);
      expect(Number(y)).toBeGreaterThanOrEqual(QUIET);
      area += Number(w);
    }
    expect(area).toBe(m.flat().filter(Boolean).length);
  });
});

describe('the spectator', () => {
  const t = (key: UiKey, params?: TextParams) => (params ? fill(UI_TEXTS.en[key], params) : UI_TEXTS.en[key]);
  const seg = (flags: ('SYN' | 'ACK')[], seq: number, ack = 0) => ({ flags, seq, ack, len: 0, win: 65535 });

  test('sends, losses and refusals of both sides, in order', () => {
    const client = {
      log: [
        { t: 1, type: 'call', side: 'server', call: 'listen' },
        {
          t: 2,
          type: 'send',
          side: 'client',
          segmentId: 1,
          segment: seg(['SYN'], 1000),
          retransmission: false,
          auto: false,
        },
        { t: 3, type: 'lost', side: 'client', segmentId: 1, segment: seg(['SYN'], 1000) },
        {
          t: 4,
          type: 'send',
          side: 'client',
          segmentId: 2,
          segment: seg(['SYN'], 1000),
          retransmission: true,
          auto: false,
        },
        { t: 5, type: 'refused', side: 'server' },
        {
          t: 6,
          type: 'send',
          side: 'server',
          segmentId: 3,
          segment: seg(['SYN', 'ACK'], 5000, 1001),
          retransmission: false,
          auto: false,
        },
      ],
      role: 'client',
      you: { record: { state: 'SYN_SENT', iss: 1000, irs: -1 } },
    } as unknown as GameView;
    const w = { pairId: 'p1', client, server: client } as WatchView;
    const lines = spectatorLines(w, t);
    expect(lines.map((l) => [l.side, l.tone])).toEqual([
      ['client', 'send'],
      ['client', 'lost'],
      ['client', 'send'],
      ['server', 'refused'],
      ['server', 'send'],
    ]);
    // numbered as the projector writes them: the client's ISN x, the server's y
    expect(lines[0]!.text).toBe('Client sent SYN seq=x.');
    expect(lines[1]!.text).toContain('SYN seq=x');
    expect(lines[2]!.text).toBe('Client retransmitted SYN seq=x.');
    expect(lines[4]!.text).toBe('Server sent SYN,ACK seq=y ack=x+1.');
  });
});

describe('texts', () => {
  test('every class text exists in both languages, with the same placeholders', () => {
    const keys = Object.keys(UI_TEXTS['zh-CN']) as UiKey[];
    const holes = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
    for (const k of keys) {
      expect(UI_TEXTS.en[k].trim()).not.toBe('');
      expect(holes(UI_TEXTS.en[k])).toEqual(holes(UI_TEXTS['zh-CN'][k]));
    }
    expect(keys).toEqual(expect.arrayContaining(['classJoinTitle', 'hostPageTitle', 'exportButton']));
  });
});
