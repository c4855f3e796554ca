/**
 * Relative sequence numbers, the textbooks' x and y: shown from absolute ones and read back from
 * what a player types, both ways modulo 2^32 (across the wraparound), and a move typed in relative
 * numbers is judged exactly as the same move typed in absolute ones.
 */
import { applyMove, advance, createGame, seatPlayer } from '../../shared/game/game-engine';
import type { Game } from '../../shared/game/game-types';
import { viewFor } from '../../shared/game/game-view';
import { judgeSend } from '../../shared/tcp/send';
import { ACK, SYN, type Segment } from '../../shared/tcp/types';
import { recordText, segmentLabel } from '../../client/src/view/format';
import { logLines, refusalInView } from '../../client/src/view/log-lines';
import {
  NEAR,
  isnsOf,
  numText,
  numberingOf,
  parseNumber,
  seqAdd,
  seqOffset,
  type Numbering,
} from '../../client/src/view/numbering';
import { playGame, translator, viewWhere } from '../helpers/engine-play';

const MOD = 2 ** 32;
const rel = (client: number | null, server: number | null): Numbering => ({
  mode: 'relative',
  isn: { client, server },
});

describe('arithmetic modulo 2^32', () => {
  test.each([
    [0, 1, 1],
    [MOD - 1, 1, 0],
    [MOD - 5, 10, 5],
    [3, -5, MOD - 2],
    [0, -1, MOD - 1],
  ])('%d + %d = %d', (a, n, sum) => {
    expect(seqAdd(a, n)).toBe(sum);
  });

  test.each([
    [1001, 1000, 1],
    [1000, 1000, 0],
    [999, 1000, -1],
    [4, MOD - 6, 10],
    [MOD - 6, 4, -10],
  ])('%d is %d from %d', (n, base, off) => {
    expect(seqOffset(n, base)).toBe(off);
  });
});

describe('showing numbers relative to x and y', () => {
  const num = rel(1000, 5000);

  test.each([
    [1000, 'client', 'x'],
    [1001, 'client', 'x+1'],
    [1008, 'client', 'x+8'],
    [5000, 'server', 'y'],
    [5009, 'server', 'y+9'],
    [999, 'client', 'x-1'],
  ] as const)('%d in the %s numbering is %s', (n, owner, text) => {
    expect(numText(num, n, owner)).toBe(text);
  });

  test("a number from the other side's numbering is written from that side's ISN", () => {
    // a seq copied from the peer's numbers: it is y+1, not x+4001
    expect(numText(num, 5001, 'client')).toBe('y+1');
  });

  test('a number far from both ISNs (an old connection) stays absolute', () => {
    const apart = rel(1000, 3_000_000_000);
    expect(numText(apart, 1000 + NEAR, 'client')).toBe(`x+${NEAR}`);
    expect(numText(apart, 1000 + NEAR + 1, 'client')).toBe(String(1000 + NEAR + 1));
    expect(numText(num, 3_000_000_000, 'server')).toBe('3000000000');
  });

  test('across the wraparound: an ISN near 2^32', () => {
    const high = rel(MOD - 2, null);
    expect(numText(high, MOD - 1, 'client')).toBe('x+1');
    expect(numText(high, 0, 'client')).toBe('x+2');
    expect(numText(high, 7, 'client')).toBe('x+9');
  });

  test('an ISN not known yet leaves the number absolute; absolute mode never converts', () => {
    expect(numText(rel(null, null), 1001, 'client')).toBe('1001');
    expect(numText({ mode: 'absolute', isn: { client: 1000, server: 5000 } }, 1001, 'client')).toBe('1001');
  });

  test("segment labels: seq in the sender's numbers, ack in the receiver's", () => {
    const synAck = { flags: ['SYN', 'ACK'] as const, seq: 5000, ack: 1001, len: 0, win: 65535 };
    expect(segmentLabel({ ...synAck, flags: [...synAck.flags] }, 'server', num)).toBe(
      'SYN,ACK seq=y ack=x+1',
    );
    const data = { flags: ['PSH', 'ACK'] as ('PSH' | 'ACK')[], seq: 5001, ack: 1002, len: 7, win: 65535 };
    expect(segmentLabel(data, 'server', num)).toBe('PSH,ACK seq=y+1 ack=x+2 len=7');
    expect(segmentLabel(data)).toBe('PSH,ACK seq=5001 ack=1002 len=7');
  });

  test("a record's fields: the sending half in its own numbers, the receiving half in the peer's", () => {
    expect(recordText('sndNxt', 1001, 'client', num, '?')).toBe('x+1');
    expect(recordText('rcvNxt', 5001, 'client', num, '?')).toBe('y+1');
    expect(recordText('rcvNxt', 1001, 'server', num, '?')).toBe('x+1');
    expect(recordText('rcvWnd', 65535, 'client', num, '?')).toBe('65535');
    expect(recordText('irs', -1, 'client', num, 'unknown')).toBe('unknown');
  });
});

describe('reading what a player types', () => {
  const isn = { client: 1000, server: 5000 };

  test.each([
    ['x', 1000],
    ['x+1', 1001],
    ['X + 1', 1001],
    ['y+1+7', 5008],
    ['ｙ＋１', 5001],
    ['x-1', 999],
    ['1001', 1001],
    ['4294967295', MOD - 1],
    ['0+5', 5],
  ])('"%s" is %d', (text, value) => {
    expect(parseNumber(text, isn)).toEqual({ ok: true, value });
  });

  test('across the wraparound', () => {
    const high = { client: MOD - 2, server: null };
    expect(parseNumber('x+2', high)).toEqual({ ok: true, value: 0 });
    expect(parseNumber('x+9', high)).toEqual({ ok: true, value: 7 });
    // and back
    expect(numText(rel(MOD - 2, null), 7, 'client')).toBe('x+9');
  });

  test('round trip: every number shown relative reads back as itself', () => {
    const num = rel(MOD - 3, 123);
    for (const n of [MOD - 3, MOD - 1, 0, 1, 120, 123, 130, 5000, 2 ** 31]) {
      for (const owner of ['client', 'server'] as const) {
        const shown = numText(num, n, owner);
        expect(parseNumber(shown, num.isn)).toEqual({ ok: true, value: n });
      }
    }
  });

  test.each([['x+'], ['z'], ['1.5'], ['x*2'], ['-1'], ['']])('"%s" is not a number', (text) => {
    expect(parseNumber(text, isn)).toEqual({ ok: false, problem: 'syntax' });
  });

  test('a number beyond 2^32 is out of range', () => {
    expect(parseNumber('4294967296', isn)).toEqual({ ok: false, problem: 'range' });
    expect(parseNumber('x+4294967296', isn)).toEqual({ ok: false, problem: 'range' });
  });

  test("a letter whose ISN is not known yet: the player's own is picked (the opening SYN), the peer's is an error", () => {
    const none = { client: null, server: null };
    expect(parseNumber('y+1', none, 'client', () => 42)).toEqual({
      ok: false,
      problem: 'unknown',
      letter: 'y',
    });
    expect(parseNumber('x', none, 'client', () => 42)).toEqual({ ok: true, value: 42, picked: 42 });
    expect(parseNumber('x', none, 'client')).toEqual({ ok: false, problem: 'unknown', letter: 'x' });
  });
});

describe('a move typed in relative numbers is the same move', () => {
  /** Up to the server's SYN,ACK on its way, with ISNs x = 1000 and y = 5000. */
  function handshake(): Game {
    let g = createGame({ id: 'g', scenarioId: 'three-way-handshake', now: 0, seed: 1, bot: null });
    g = seatPlayer(g, 'client', 'a', 'ann', 0);
    g = seatPlayer(g, 'server', 'b', 'bo', 0);
    const move = (side: 'client' | 'server', segment: Segment | null, t: number, call?: 'listen') => {
      const r = applyMove(
        g,
        side,
        call ? { kind: 'call', call: { call } } : { kind: 'segment', segment: segment! },
        t,
      );
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      g = r.game;
    };
    move('server', null, 0, 'listen');
    move('client', { flags: SYN, seq: 1000, ack: 0, len: 0, win: 65535 }, 0);
    g = advance(g, 5000);
    move('server', { flags: SYN | ACK, seq: 5000, ack: 1001, len: 0, win: 65535 }, 5000);
    return advance(g, 10000);
  }

  test("the client's ACK typed as x+1, y+1 is accepted exactly as 1001, 5001", () => {
    const g = handshake();
    const v = viewFor(g, 'client', 10000);
    const isn = isnsOf(v);
    expect(isn).toEqual({ client: 1000, server: 5000 });
    const seq = parseNumber('x+1', isn, 'client');
    const ack = parseNumber('y+1', isn, 'client');
    if (!seq.ok || !ack.ok) throw new Error('not read');
    const typed: Segment = { flags: ACK, seq: seq.value, ack: ack.value, len: 0, win: 65535 };
    const absolute: Segment = { flags: ACK, seq: 1001, ack: 5001, len: 0, win: 65535 };
    expect(typed).toEqual(absolute);
    // the judge and the engine give the same answer and the same game
    expect(judgeSend(v.you.record, typed)).toEqual(judgeSend(v.you.record, absolute));
    const a = applyMove(g, 'client', { kind: 'segment', segment: typed }, 10000);
    const b = applyMove(g, 'client', { kind: 'segment', segment: absolute }, 10000);
    expect(a.ok).toBe(true);
    expect(a).toEqual(b);
  });

  test('a wrong relative ack is refused as the same absolute mistake, and explained in x and y', () => {
    const g = handshake();
    const wrong = parseNumber('y', isnsOf(viewFor(g, 'client', 10000)), 'client');
    if (!wrong.ok) throw new Error('not read');
    const r = applyMove(
      g,
      'client',
      { kind: 'segment', segment: { flags: ACK, seq: 1001, ack: wrong.value, len: 0, win: 65535 } },
      10000,
    );
    if (r.ok || !('judge' in r.error)) throw new Error('the wrong ack was accepted');
    const judged = r.error.judge;
    expect([judged.field, judged.expected, judged.given]).toEqual(['ack', 5001, 5000]);
    const v = viewFor(r.game, 'client', 10000);
    const num = numberingOf(v, 'relative');
    const shown = refusalInView('en', judged, 'client', 'ESTABLISHED', num);
    expect(shown.message).toContain('y+1');
    expect(shown.expected).toBe('y+1 (5001)');
    expect(shown.given).toBe('y (5000)');
    // and the log line says it the same way
    expect(logLines(v, 'en', translator('en'), num).at(-1)?.text).toContain('y+1');
  });
});

describe('the log in relative numbers', () => {
  test('every segment of a whole game is written from x and y, and the first SYN names x', () => {
    const p = playGame('client-closes-first');
    const v = viewWhere(p, 'finished, client', (x) => x.phase === 'finished' && x.role === 'client');
    const num = numberingOf(v, 'relative');
    const lines = logLines(v, 'en', translator('en'), num).map((l) => l.text);
    expect(lines).toContain('you (Client) sent SYN seq=x. (+10 points)');
    expect(lines.some((l) => l.includes('SYN,ACK seq=y ack=x+1'))).toBe(true);
    expect(lines.some((l) => l.includes('PSH,ACK seq=y+1 ack=x+2 len=7'))).toBe(true);
    // no absolute sequence number is left in a segment's label
    expect(lines.filter((l) => /seq=\d/.test(l))).toEqual([]);
  });
});
