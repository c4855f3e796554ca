/**
 * Creating a class and joining it over the real server: the join code and link, the host token
 * (only the creator gets it; another session takes the class over with it), nickname checks and
 * uniqueness, the lock, wrong codes and their per-address rate limit, bad payloads.
 */
import { createHash } from 'node:crypto';
import { CODE_ALPHABET } from '../../../server/match/private-codes';
import { Harness } from '../../helpers/server-harness';
import {
  classClient,
  classClientFrom,
  setupClass,
  storedClass,
  type ClassClient,
} from '../../helpers/class-harness';

const LIMIT = 4;

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ config: { dashboardMs: 0, classJoinFailsPerMin: LIMIT } });
});
afterEach(async () => {
  await h.close();
});

const refused = (code: string) => ({
  ok: false,
  error: expect.objectContaining({ code, message: expect.any(String) }),
});

/** Everything a client received, as text. */
function received(c: ClassClient): string {
  return JSON.stringify([c.hostViews, c.studentViews, c.watches, c.c.updates, c.c.readies]);
}

describe('create', () => {
  test('a 6-character code without look-alikes, a distinct code per class, no join link without PUBLIC_URL', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const host = await classClient(h);
      const r = await host.c.must('class:create', { title: `class ${i}` });
      expect(r.class.code).toMatch(/^[A-Z0-9]{6}$/);
      for (const ch of r.class.code) expect(CODE_ALPHABET).toContain(ch);
      expect(r.class.code).not.toMatch(/[01OIL]/);
      expect(r.class.joinUrl).toBeNull();
      codes.add(r.class.code);
    }
    expect(codes.size).toBe(12);
    expect(await h.stores.classes.count()).toBe(12);
  });

  test('the join link is PUBLIC_URL/join/CODE when the server knows its address', async () => {
    await h.close();
    h = await Harness.start({ config: { publicUrl: 'https://arena.example' } });
    const host = await classClient(h);
    const r = await host.c.must('class:create', {});
    expect(r.class.joinUrl).toBe(`https://arena.example/join/${r.class.code}`);
  });

  test('the host token goes to the creator only: the store keeps its hash, nothing else carries it', async () => {
    const setup = await setupClass(h, 2);
    const { host, hostToken, students } = setup;
    expect(hostToken.length).toBeGreaterThanOrEqual(32);
    const stored = await storedClass(h, setup.classId);
    expect(stored.hostTokenHash).toBe(createHash('sha256').update(hostToken).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(hostToken);
    await host.c.must('class:round:start', { scenarios: ['three-way-handshake'] });
    await h.app.idle();
    const state = await host.c.must('class:state', {});
    expect(state.host?.code).toBe(setup.code);
    expect(JSON.stringify(state)).not.toContain(hostToken);
    expect(JSON.stringify(state)).not.toContain(stored.hostTokenHash);
    expect(received(host)).not.toContain(hostToken);
    for (const s of students) {
      await s.c.waitFor(() => s.studentViews.length > 0, 'a student view');
      const mine = JSON.stringify(await s.c.must('class:state', {}));
      for (const text of [received(s), mine]) {
        expect(text).not.toContain(hostToken);
        expect(text).not.toContain(stored.hostTokenHash);
      }
    }
  });

  test('a session that hosts cannot create a second class nor join one', async () => {
    const setup = await setupClass(h, 0);
    expect(await setup.host.c.request('class:create', {})).toEqual(refused('ALREADY_IN_CLASS'));
    expect(await setup.host.c.request('class:join', { code: setup.code, nickname: 'me' })).toEqual(
      refused('ALREADY_IN_CLASS'),
    );
  });
});

describe('reclaim', () => {
  test('a new session with the code and the token becomes the host; the old one is not any more', async () => {
    const setup = await setupClass(h, 1);
    const { host: old, hostToken, code } = setup;
    const fresh = await classClient(h);
    const r = await fresh.c.must('class:reclaim', { code: code.toLowerCase(), hostToken });
    expect(r.class.classId).toBe(setup.classId);
    expect(r.class.students.map((s) => s.nickname)).toEqual(['s1']);
    expect(await old.c.request('class:lock', { locked: true })).toEqual(refused('NOT_HOST'));
    expect(await old.c.must('class:state', {})).toEqual({ host: null, student: null });
    const stored = await storedClass(h, setup.classId);
    expect(stored.hostSessionId).toBe((await h.stores.sessions.getByToken(fresh.c.session!.token))!.id);
    expect(stored.locked).toBe(false);
    // the new host's dashboard follows the class; the old one's does not
    const oldSeen = old.hostViews.length;
    await fresh.c.must('class:lock', { locked: true });
    await fresh.c.waitFor(() => fresh.hostViews.some((v) => v.locked), 'the dashboard of the locked class');
    await h.flush([old.c]);
    expect(old.hostViews.length).toBe(oldSeen);
  });

  test('the same session on a new connection (reload) is the host again without a reclaim', async () => {
    const setup = await setupClass(h, 0);
    const again = await h.connect({ token: setup.host.c.session!.token });
    expect(again.session?.classRole).toBe('host');
    expect((await again.must('class:state', {})).host?.classId).toBe(setup.classId);
    // reclaiming one's own class is harmless
    expect(
      (await again.must('class:reclaim', { code: setup.code, hostToken: setup.hostToken })).class.classId,
    ).toBe(setup.classId);
  });

  test('a wrong token or a wrong code is refused and changes nothing', async () => {
    const setup = await setupClass(h, 1);
    const before = await storedClass(h, setup.classId);
    const intruder = await classClientFrom(h, '127.0.0.2');
    expect(
      await intruder.c.request('class:reclaim', { code: setup.code, hostToken: 'x'.repeat(43) }),
    ).toEqual(refused('HOST_TOKEN_INVALID'));
    expect(await intruder.c.request('class:reclaim', { code: 'ZZZZZZ', hostToken: setup.hostToken })).toEqual(
      refused('CLASS_NOT_FOUND'),
    );
    expect(await intruder.c.request('class:lock', { locked: true })).toEqual(refused('NOT_HOST'));
    expect(await storedClass(h, setup.classId)).toEqual(before);
    // a student of the class cannot take it over with a wrong token either
    const student = setup.students[0]!;
    expect(await student.c.request('class:reclaim', { code: setup.code, hostToken: 'y'.repeat(43) })).toEqual(
      refused('HOST_TOKEN_INVALID'),
    );
  });
});

describe('join', () => {
  test.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['21 characters', 'a'.repeat(21)],
    ['a control character', 'bad\u0007name'],
    ['a line break', 'two\nlines'],
    ['a zero-width character', 'zero\u200bwidth'],
    ['not a string', 42],
  ])('a nickname that is %s is refused with NICKNAME_INVALID', async (_name, nickname) => {
    const setup = await setupClass(h, 0);
    const before = await storedClass(h, setup.classId);
    const s = await classClient(h);
    expect(await s.c.request('class:join', { code: setup.code, nickname })).toEqual(
      refused('NICKNAME_INVALID'),
    );
    expect(await storedClass(h, setup.classId)).toEqual(before);
    expect(await s.c.must('class:state', {})).toEqual({ host: null, student: null });
  });

  test('a nickname is trimmed, may be 20 characters or Chinese, and the code may be typed loosely', async () => {
    const setup = await setupClass(h, 0);
    const a = await classClient(h);
    const r = await a.c.must('class:join', {
      code: ` ${setup.code.slice(0, 3).toLowerCase()}-${setup.code.slice(3)} `,
      nickname: '  小明  ',
    });
    expect(r.class.you).toEqual({ playerId: a.playerId, nickname: '小明' });
    expect(r.class).toMatchObject({
      classId: setup.classId,
      code: setup.code,
      title: 'Networks 1',
      round: null,
      pair: null,
    });
    const b = await classClient(h);
    expect(
      (await b.c.must('class:join', { code: setup.code, nickname: 'x'.repeat(20) })).class.you.nickname,
    ).toBe('x'.repeat(20));
    // the class nickname is the session's nickname too
    expect((await h.stores.sessions.getByToken(a.c.session!.token))!.nickname).toBe('小明');
    const stored = await storedClass(h, setup.classId);
    expect(stored.students.map((s) => s.nickname)).toEqual(['小明', 'x'.repeat(20)]);
  });

  test.each([
    ['the same name', 'Ann'],
    ['another case', 'aNN'],
    ['full-width letters', 'ＡＮＮ'],
    ['spaces around', '  ann '],
  ])('a nickname taken with %s is refused with NICKNAME_TAKEN', async (_name, nickname) => {
    const setup = await setupClass(h, 1, () => 'Ann');
    const s = await classClient(h);
    expect(await s.c.request('class:join', { code: setup.code, nickname })).toEqual(
      refused('NICKNAME_TAKEN'),
    );
    expect((await storedClass(h, setup.classId)).students).toHaveLength(1);
    // the refused session is free: it can join with another name
    expect((await s.c.must('class:join', { code: setup.code, nickname: 'Anna' })).class.you.nickname).toBe(
      'Anna',
    );
  });

  test('joining again from the same session (a reload) is idempotent', async () => {
    const setup = await setupClass(h, 1);
    const s = setup.students[0]!;
    const again = await h.connect({ token: s.c.session!.token });
    expect(again.session?.classRole).toBe('student');
    const r = await again.must('class:join', { code: setup.code, nickname: 'other' });
    expect(r.class.you.nickname).toBe('s1');
    expect((await storedClass(h, setup.classId)).students).toHaveLength(1);
  });

  test('a locked class refuses new students (CLASS_LOCKED) but not its own; unlocking opens it again', async () => {
    const setup = await setupClass(h, 1);
    const locked = await setup.host.c.must('class:lock', { locked: true });
    expect(locked.class.locked).toBe(true);
    const late = await classClient(h);
    expect(await late.c.request('class:join', { code: setup.code, nickname: 'late' })).toEqual(
      refused('CLASS_LOCKED'),
    );
    expect(await late.c.must('class:state', {})).toEqual({ host: null, student: null });
    expect(
      (await setup.students[0]!.c.must('class:join', { code: setup.code, nickname: 's1' })).class.you
        .nickname,
    ).toBe('s1');
    await setup.host.c.must('class:lock', { locked: false });
    expect((await late.c.must('class:join', { code: setup.code, nickname: 'late' })).class.you.nickname).toBe(
      'late',
    );
    expect((await storedClass(h, setup.classId)).students.map((s) => s.nickname)).toEqual(['s1', 'late']);
  });

  test('a wrong code (or one with look-alike letters) is CLASS_NOT_FOUND', async () => {
    const setup = await setupClass(h, 0);
    const s = await classClient(h);
    const wrong = setup.code[0] === '2' ? `3${setup.code.slice(1)}` : `2${setup.code.slice(1)}`;
    expect(await s.c.request('class:join', { code: wrong, nickname: 'x' })).toEqual(
      refused('CLASS_NOT_FOUND'),
    );
    expect(await s.c.request('class:join', { code: 'O0I1L0', nickname: 'x' })).toEqual(
      refused('CLASS_NOT_FOUND'),
    );
    expect(await s.c.must('class:state', {})).toEqual({ host: null, student: null });
  });

  test('guessing codes is limited per address: past the limit even the right code is refused; another address is not', async () => {
    const setup = await setupClass(h, 0);
    const guesser = await classClient(h);
    for (let i = 0; i < LIMIT; i++) {
      expect(
        await guesser.c.request('class:join', {
          code: `ZZZZ${CODE_ALPHABET[i]}${CODE_ALPHABET[i]}`,
          nickname: 'g',
        }),
      ).toEqual(refused('CLASS_NOT_FOUND'));
    }
    expect(await guesser.c.request('class:join', { code: setup.code, nickname: 'g' })).toEqual(
      refused('TOO_MANY_ATTEMPTS'),
    );
    // every connection from that address is refused (a new session too), wrong host tokens included
    const sameAddress = await classClient(h);
    expect(await sameAddress.c.request('class:join', { code: setup.code, nickname: 'h' })).toEqual(
      refused('TOO_MANY_ATTEMPTS'),
    );
    expect(
      await sameAddress.c.request('class:reclaim', { code: setup.code, hostToken: 'w'.repeat(43) }),
    ).toEqual(refused('TOO_MANY_ATTEMPTS'));
    expect((await storedClass(h, setup.classId)).students).toEqual([]);
    // another address joins at once
    const other = await classClientFrom(h, '127.0.0.2');
    expect((await other.c.must('class:join', { code: setup.code, nickname: 'o' })).class.you.nickname).toBe(
      'o',
    );
    // a minute later the first address may try again
    await h.advanceBy(60_000);
    expect((await guesser.c.must('class:join', { code: setup.code, nickname: 'g' })).class.you.nickname).toBe(
      'g',
    );
  });

  test('wrong codes sent all at once: at most the limit are judged, the rest refused unjudged', async () => {
    const setup = await setupClass(h, 0);
    const tabs = await Promise.all(Array.from({ length: 5 }, () => classClient(h)));
    const codes = Array.from({ length: 60 }, (_, i) => {
      const a = CODE_ALPHABET[i % CODE_ALPHABET.length]!;
      const b = CODE_ALPHABET[Math.floor(i / CODE_ALPHABET.length)]!;
      return `ZZZZ${a}${b}`;
    });
    const answers = await Promise.all(
      codes.map((code, i) => tabs[i % tabs.length]!.c.request('class:join', { code, nickname: 'g' })),
    );
    const codesOf = answers.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codesOf.filter((c) => c === 'CLASS_NOT_FOUND')).toHaveLength(LIMIT);
    expect(codesOf.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(60 - LIMIT);
    expect(await h.app.ctx.classes.limiter.failures('127.0.0.1')).toBe(LIMIT);
    // and the right code from that address is refused too: nothing learned
    expect(await tabs[0]!.c.request('class:join', { code: setup.code, nickname: 'g' })).toEqual(
      refused('TOO_MANY_ATTEMPTS'),
    );
  });

  test('right codes take no place: a class of three times the limit joins at once from one address', async () => {
    const setup = await setupClass(h, 0);
    const guesser = await classClient(h);
    // one wrong code short of the limit already
    for (let i = 0; i < LIMIT - 1; i++)
      expect(
        await guesser.c.request('class:join', {
          code: `XXXX${CODE_ALPHABET[i]}${CODE_ALPHABET[i]}`,
          nickname: 'g',
        }),
      ).toEqual(refused('CLASS_NOT_FOUND'));
    const students = await Promise.all(Array.from({ length: 3 * LIMIT }, () => classClient(h)));
    const joined = await Promise.all(
      students.map((s, i) => s.c.request('class:join', { code: setup.code, nickname: `s${i}` })),
    );
    expect(joined.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(students.map(() => 'ok'));
    expect((await storedClass(h, setup.classId)).students).toHaveLength(3 * LIMIT);
    expect(await h.app.ctx.classes.limiter.failures('127.0.0.1')).toBe(LIMIT - 1);
  });

  test('host tokens never lock the teacher out: past the limit the right token still reclaims the class', async () => {
    const setup = await setupClass(h, 1);
    const guesser = await classClient(h);
    for (let i = 0; i < LIMIT; i++)
      expect(
        await guesser.c.request('class:reclaim', { code: setup.code, hostToken: `${'q'.repeat(40)}${i}` }),
      ).toEqual(refused('HOST_TOKEN_INVALID'));
    // the address is over its limit: wrong tokens and wrong codes are refused without an answer
    expect(await guesser.c.request('class:reclaim', { code: setup.code, hostToken: 'r'.repeat(43) })).toEqual(
      refused('TOO_MANY_ATTEMPTS'),
    );
    expect(await guesser.c.request('class:reclaim', { code: 'ZZZZZZ', hostToken: setup.hostToken })).toEqual(
      refused('TOO_MANY_ATTEMPTS'),
    );
    expect(await guesser.c.request('class:join', { code: setup.code, nickname: 'g' })).toEqual(
      refused('TOO_MANY_ATTEMPTS'),
    );
    // the teacher, on a new device behind the same address, with the right code and token
    const teacher = await classClient(h);
    const r = await teacher.c.must('class:reclaim', { code: setup.code, hostToken: setup.hostToken });
    expect(r.class.classId).toBe(setup.classId);
    expect(r.class.students.map((x) => x.nickname)).toEqual(['s1']);
    expect((await teacher.c.must('class:lock', { locked: true })).class.locked).toBe(true);
    // the right token took nothing and gave nothing: the limit is where it was
    expect(await h.app.ctx.classes.limiter.failures('127.0.0.1')).toBe(LIMIT);
    expect(await guesser.c.request('class:reclaim', { code: setup.code, hostToken: 's'.repeat(43) })).toEqual(
      refused('TOO_MANY_ATTEMPTS'),
    );
  });

  test.each([
    [false, 'the connection address: X-Forwarded-For is ignored'],
    [true, 'the address the balancer added last (TRUST_PROXY)'],
  ])('with trustProxy %p, guesses count for %s', async (trustProxy) => {
    await h.close();
    h = await Harness.start({ config: { dashboardMs: 0, classJoinFailsPerMin: LIMIT, trustProxy } });
    const setup = await setupClass(h, 0);
    // a guesser behind the balancer, trying to hide behind a forged first entry
    const guesser = await classClientFrom(h, '127.0.0.1', { 'x-forwarded-for': '10.9.9.9, 203.0.113.7' });
    for (let i = 0; i < LIMIT; i++)
      await guesser.c.request('class:join', {
        code: `YYYY${CODE_ALPHABET[i]}${CODE_ALPHABET[i]}`,
        nickname: 'g',
      });
    expect(await guesser.c.request('class:join', { code: setup.code, nickname: 'g' })).toEqual(
      refused('TOO_MANY_ATTEMPTS'),
    );
    // the same client forging another first entry is still itself
    const forged = await classClientFrom(h, '127.0.0.1', { 'x-forwarded-for': '10.1.1.1, 203.0.113.7' });
    expect(await forged.c.request('class:join', { code: setup.code, nickname: 'f' })).toEqual(
      refused('TOO_MANY_ATTEMPTS'),
    );
    // another school behind the same balancer: blocked too only when the header is not trusted
    const neighbour = await classClientFrom(h, '127.0.0.1', { 'x-forwarded-for': '198.51.100.20' });
    const r = await neighbour.c.request('class:join', { code: setup.code, nickname: 'n' });
    expect(r.ok).toBe(trustProxy);
  });

  test('wrong host tokens count as guesses too', async () => {
    const setup = await setupClass(h, 0);
    const guesser = await classClientFrom(h, '127.0.0.3');
    for (let i = 0; i < LIMIT; i++)
      expect(
        await guesser.c.request('class:reclaim', { code: setup.code, hostToken: `${'q'.repeat(40)}${i}` }),
      ).toEqual(refused('HOST_TOKEN_INVALID'));
    expect(await guesser.c.request('class:join', { code: setup.code, nickname: 'g' })).toEqual(
      refused('TOO_MANY_ATTEMPTS'),
    );
  });
});

describe('bad payloads', () => {
  test('every malformed class event is BAD_PAYLOAD, and nothing changes or is sent', async () => {
    const setup = await setupClass(h, 2);
    const { host, students } = setup;
    await h.flush([host.c, ...students.map((s) => s.c)]);
    const before = await storedClass(h, setup.classId);
    const seen = [host, ...students].map((c) => received(c));
    const cases: [ClassClient, string, unknown][] = [
      [host, 'class:create', { title: 'x'.repeat(41) }],
      [host, 'class:create', { title: 'bad\u0000title' }],
      [host, 'class:create', { pairing: 'alphabetical' }],
      [host, 'class:lock', { locked: 'yes' }],
      [host, 'class:lock', {}],
      [host, 'class:kick', { playerId: '' }],
      [host, 'class:kick', { playerId: students[0]!.playerId, extra: 1 }],
      [host, 'class:pairing', { mode: 'random' }],
      [host, 'class:pairs:auto', { now: true }],
      [host, 'class:pairs:set', { pairs: [] }],
      [host, 'class:pairs:set', { pairs: [{ a: students[0]!.playerId }] }],
      [host, 'class:round:start', { scenarios: [] }],
      [host, 'class:round:start', { scenarios: ['no-such-scenario'] }],
      [host, 'class:round:start', { scenarios: Array(7).fill('three-way-handshake') }],
      [host, 'class:round:start', { scenarios: ['three-way-handshake'], mslScale: 100 }],
      [host, 'class:round:start', { scenarios: ['three-way-handshake'], durationMs: 10 }],
      [host, 'class:round:start', { scenarios: ['three-way-handshake'], level: 'genius' }],
      [host, 'class:network', { pairId: 'all', action: 'corrupt' }],
      [host, 'class:network', { pairId: 'pair-1', segmentId: -1, action: 'drop' }],
      [host, 'class:spectate', {}],
      [host, 'class:export', { format: 'xlsx' }],
      [host, 'class:reclaim', { code: setup.code, hostToken: 'short' }],
      [students[0]!, 'class:join', { code: 5, nickname: 'x' }],
      [students[0]!, 'class:join', { code: 'AB', nickname: 'x' }],
      [students[0]!, 'class:join', { nickname: 'x' }],
      [students[0]!, 'class:join', 'just a string'],
      [students[0]!, 'class:leave', { now: 1 }],
      [students[0]!, 'class:state', null],
    ];
    for (const [who, event, payload] of cases) {
      const r = await who.c.request(event as 'class:state', payload);
      expect({ event, payload, r }).toEqual({ event, payload, r: refused('BAD_PAYLOAD') });
    }
    await h.flush([host.c, ...students.map((s) => s.c)]);
    expect(await storedClass(h, setup.classId)).toEqual(before);
    expect([host, ...students].map((c) => received(c))).toEqual(seen);
  });

  test('a hand-made pairing naming an unknown or missing student is PAIRS_INVALID', async () => {
    const setup = await setupClass(h, 2);
    const [a, b] = setup.students;
    const before = await storedClass(h, setup.classId);
    for (const pairs of [
      [{ a: a!.playerId, b: 'nobody' }],
      [{ a: a!.playerId, b: null }],
      [{ a: a!.playerId, b: a!.playerId }],
      [
        { a: a!.playerId, b: b!.playerId },
        { a: b!.playerId, b: null },
      ],
    ])
      expect(await setup.host.c.request('class:pairs:set', { pairs })).toEqual(refused('PAIRS_INVALID'));
    expect(await storedClass(h, setup.classId)).toEqual(before);
  });
});
