/**
 * Plays whole games using only what docs/protocol.md documents: event names and payloads written
 * out literally, numbers computed from the view fields the document describes (no shared code, no
 * helper that knows the rules). The harness only starts the server and turns its clock. The last
 * block checks the document's lists (codes, penalties, points, lessons) against the shared code, so
 * the document cannot drift from it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { MISTAKE_PENALTY, POINTS } from '../../shared/game/scoring';
import { SERVER_ERROR_CODES } from '../../shared/protocol/events';
import { SCENARIOS } from '../../shared/scenarios/scenarios';
import { ARRIVAL_NOTE_CODES, JUDGE_ERROR_CODES } from '../../shared/tcp/codes';
import { Harness } from '../helpers/server-harness';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Player {
  socket: Socket;
  view: Json | null;
  ready: Json | null;
}

async function join(h: Harness, lang: string): Promise<Player> {
  const socket = io(h.url, {
    auth: { lang },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const p: Player = { socket, view: null, ready: null };
  socket.on('session:ready', (s: Json) => (p.ready = s));
  socket.on('game:update', (v: Json) => {
    if (!p.view || v.version >= p.view.version) p.view = v;
  });
  await until(() => p.ready !== null);
  return p;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 2500 && !check(); i++) await new Promise((r) => setTimeout(r, 2));
  if (!check()) throw new Error('timed out');
}

async function ask(p: Player, event: string, payload: Json): Promise<Json> {
  const answer = (await p.socket.timeout(5000).emitWithAck(event, payload)) as Json;
  if (answer.ok && answer.data?.game) p.view = answer.data.game;
  return answer;
}

/** The move a player makes, from the documented fields: owed replies first, then the application's intent. */
function decide(v: Json): Json {
  const r = v.you.record;
  const seg = (flags: string[], seq: number, ack: number, len = 0) => ({
    kind: 'segment',
    segment: { flags, seq, ack, len },
  });
  if (r.owed === 'syn-ack') return seg(['SYN', 'ACK'], r.iss === -1 ? 5000 : r.iss, r.rcvNxt);
  if (r.owed === 'rst') return seg(['RST'], r.owedSeq, 0);
  if (r.owed === 'rst-ack') return seg(['RST', 'ACK'], r.owedSeq, r.owedAck);
  const intent = v.you.intent?.intent;
  if (r.owed === 'ack' && intent !== 'close' && intent !== 'send') return seg(['ACK'], r.sndNxt, r.rcvNxt);
  if (intent === 'listen') return { kind: 'call', call: 'listen' };
  if (intent === 'open') return seg(['SYN'], 1000, 0);
  if (intent === 'send') return seg(['PSH', 'ACK'], r.sndNxt, r.rcvNxt, v.you.intent.bytesLeft);
  if (intent === 'close') return seg(['FIN', 'ACK'], r.sndNxt, r.rcvNxt);
  return seg(['ACK'], r.sndNxt, r.rcvNxt);
}

/**
 * Plays until both views say finished (or `stop` holds for the views); when nobody may move, the
 * clock goes to the earliest deadline in the views. Moves carry `basedOn`; a VIEW_STALE answer
 * brings the fresh view, from which the player moves again.
 */
async function play(h: Harness, players: Player[], stop?: (views: Json[]) => boolean): Promise<void> {
  for (let step = 0; step < 300; step++) {
    await h.app.idle();
    for (const p of players) await ask(p, 'game:state', {});
    const views = players.map((p) => p.view!);
    if (views.every((v) => v.phase === 'finished')) return;
    if (stop?.(views)) return;
    const mover = players.find((p) => p.view!.you.canAct);
    if (mover) {
      const answer = await ask(mover, 'game:move', {
        move: decide(mover.view!),
        basedOn: mover.view!.version,
      });
      if (!answer.ok && answer.error.code === 'VIEW_STALE') mover.view = answer.error.game;
      else if (!answer.ok) throw new Error(`refused: ${JSON.stringify(answer.error)}`);
      continue;
    }
    const deadlines = views.flatMap((v) => [
      ...v.wire.map((w: Json) => w.arriveAt),
      v.you.timers.turn,
      v.you.timers.rto,
      v.you.timers.timeWait,
      v.you.timers.synRcvd,
    ]);
    const next = Math.min(...deadlines.filter((d: number | null) => d !== null));
    await h.advanceTo(Number.isFinite(next) ? next : h.clock.now() + 1000);
  }
  throw new Error('the game did not end');
}

describe('a client written from docs/protocol.md alone', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(async () => {
    await h.close();
  });

  test.each([['three-way-handshake'], ['client-closes-first'], ['server-closes-first']])(
    'plays %s in a private game to the goal',
    async (scenario) => {
      const alice = await join(h, 'en');
      const bob = await join(h, 'zh-CN');
      const created = await ask(alice, 'match:private:create', { scenario, role: 'client' });
      expect(created.ok).toBe(true);
      expect(created.data.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
      const joined = await ask(bob, 'match:private:join', { code: created.data.code });
      expect(joined.ok).toBe(true);
      expect(joined.data.game.role).toBe('server');
      await play(h, [alice, bob]);
      expect(alice.view!.result.goalMet).toBe(true);
      expect(bob.view!.result.goalMet).toBe(true);
      expect(alice.view!.you.score.mistakes).toBe(0);
      // a perfect game: the points are those its moves' log entries earned, plus the goal
      for (const p of [alice, bob]) {
        const v = p.view!;
        const earned = v.log
          .filter((e: Json) => (e.type === 'call' || e.type === 'send') && e.side === v.role && !e.auto)
          .reduce((sum: number, e: Json) => sum + e.points, 0);
        expect(v.you.score.points).toBe(earned + 20);
        expect(v.you.score.pointless).toBe(0);
      }
      if (scenario === 'three-way-handshake') {
        expect(alice.view!.you.score.points).toBe(40);
        expect(bob.view!.you.score.points).toBe(40);
      }
      alice.socket.disconnect();
      bob.socket.disconnect();
    },
  );

  test('the documented refusal: ack x instead of x+1', async () => {
    const alice = await join(h, 'en');
    const bob = await join(h, 'en');
    const created = await ask(alice, 'match:private:create', {
      scenario: 'three-way-handshake',
      role: 'client',
    });
    await ask(bob, 'match:private:join', { code: created.data.code });
    expect((await ask(bob, 'game:move', { move: { kind: 'call', call: 'listen' } })).ok).toBe(true);
    expect(
      (
        await ask(alice, 'game:move', {
          move: { kind: 'segment', segment: { flags: ['SYN'], seq: 1000, ack: 0, len: 0 } },
        })
      ).ok,
    ).toBe(true);
    await h.advanceBy(h.config.settings.flightMs);
    const wrong = await ask(bob, 'game:move', {
      move: { kind: 'segment', segment: { flags: ['SYN', 'ACK'], seq: 5000, ack: 1000, len: 0 } },
    });
    expect(wrong).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'ACK_OFF_BY_ONE',
        field: 'ack',
        expected: 1001,
        given: 1000,
        message: 'ack 1000 is one short: it should be 1001.',
      }),
    });
    expect(typeof wrong.error.explain).toBe('string');
    alice.socket.disconnect();
    bob.socket.disconnect();
  });

  test('the client connects only once the server listens', async () => {
    const alice = await join(h, 'en');
    const bob = await join(h, 'en');
    const created = await ask(alice, 'match:private:create', {
      scenario: 'three-way-handshake',
      role: 'client',
    });
    await ask(bob, 'match:private:join', { code: created.data.code });
    await ask(alice, 'game:state', {});
    expect(alice.view!.you).toMatchObject({ canAct: false, intent: null });
    const early = await ask(alice, 'game:move', {
      move: { kind: 'segment', segment: { flags: ['SYN'], seq: 1000, ack: 0, len: 0 } },
    });
    expect(early.ok ? null : early.error.code).toBe('NOT_YOUR_TURN');
    await ask(bob, 'game:move', { move: { kind: 'call', call: 'listen' } });
    await ask(alice, 'game:state', {});
    expect(alice.view!.you).toMatchObject({ canAct: true, intent: { intent: 'open' } });
    expect(alice.view!.you.score.mistakes).toBe(0);
    alice.socket.disconnect();
    bob.socket.disconnect();
  });

  test('a refused move from an outdated view is VIEW_STALE, with the fresh view and no mistake', async () => {
    const alice = await join(h, 'en');
    const bob = await join(h, 'en');
    const created = await ask(alice, 'match:private:create', {
      scenario: 'three-way-handshake',
      role: 'client',
    });
    await ask(bob, 'match:private:join', { code: created.data.code });
    await ask(bob, 'game:move', { move: { kind: 'call', call: 'listen' } });
    const before = bob.view!.version; // LISTEN, nothing to do
    await ask(alice, 'game:move', {
      move: { kind: 'segment', segment: { flags: ['SYN'], seq: 1000, ack: 0, len: 0 } },
    });
    await h.advanceBy(h.config.settings.flightMs);
    const wrongSynAck = {
      kind: 'segment',
      segment: { flags: ['SYN', 'ACK'], seq: 5000, ack: 1000, len: 0 },
    };
    const stale = await ask(bob, 'game:move', { move: wrongSynAck, basedOn: before });
    expect(stale.ok).toBe(false);
    expect(stale.error.code).toBe('VIEW_STALE');
    const fresh = stale.error.game;
    expect(fresh.version).toBeGreaterThan(before);
    expect(fresh.you.record).toMatchObject({ state: 'SYN_RCVD', owed: 'syn-ack', rcvNxt: 1001 });
    expect(fresh.you.score).toMatchObject({ mistakes: 0, points: 10 });
    expect(fresh.log.some((e: Json) => e.type === 'refused')).toBe(false);
    // the same move from the fresh view is judged: a mistake
    const judged = await ask(bob, 'game:move', { move: wrongSynAck, basedOn: fresh.version });
    expect(judged.ok ? null : judged.error.code).toBe('ACK_OFF_BY_ONE');
    await ask(bob, 'game:state', {});
    expect(bob.view!.you.score).toMatchObject({ mistakes: 1, points: 10 - 6 });
    alice.socket.disconnect();
    bob.socket.disconnect();
  });

  test('more octets than the application has left are OFF_PLAN on len, not a mistake', async () => {
    const alice = await join(h, 'en');
    const bob = await join(h, 'en');
    const created = await ask(alice, 'match:private:create', {
      scenario: 'client-closes-first',
      role: 'client',
    });
    await ask(bob, 'match:private:join', { code: created.data.code });
    await play(h, [alice, bob], () => bob.view!.you.canAct && bob.view!.you.intent?.intent === 'send');
    const v = bob.view!;
    expect(v.you.intent.bytesLeft).toBe(7);
    const r = v.you.record;
    const tooMany = await ask(bob, 'game:move', {
      move: { kind: 'segment', segment: { flags: ['PSH', 'ACK'], seq: r.sndNxt, ack: r.rcvNxt, len: 8 } },
      basedOn: v.version,
    });
    expect(tooMany).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'OFF_PLAN', field: 'len', expected: 7, given: 8 }),
    });
    expect(tooMany.error.message).toMatch(/only 7 bytes left to send, not 8/);
    await ask(bob, 'game:state', {});
    expect(bob.view!.version).toBe(v.version);
    expect(bob.view!.you.score).toEqual(v.you.score);
    expect(bob.view!.log.some((e: Json) => e.type === 'refused')).toBe(false);
    await play(h, [alice, bob]);
    expect(bob.view!.result.goalMet).toBe(true);
    alice.socket.disconnect();
    bob.socket.disconnect();
  });
});

describe('the lists in docs/protocol.md', () => {
  const doc = readFileSync(resolve(__dirname, '../../docs/protocol.md'), 'utf8');
  /** The table rows of the section under `heading`, by the code in their first cell. */
  const rows = (heading: string): Map<string, string[]> => {
    const start = doc.indexOf(`\n${heading}\n`);
    expect(start).toBeGreaterThan(-1);
    const end = doc.indexOf('\n#', start + heading.length + 2);
    const out = new Map<string, string[]>();
    for (const line of doc.slice(start, end < 0 ? undefined : end).split('\n')) {
      const cells = line.split('|').map((c) => c.trim());
      const key = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
      if (key) out.set(key, cells.slice(2, -1));
    }
    return out;
  };

  test('every server error code is documented', () => {
    const table = doc.slice(doc.indexOf('Server error codes:'), doc.indexOf("### The judge's codes"));
    for (const code of SERVER_ERROR_CODES) expect(table).toContain(`\`${code}\``);
  });

  test("every judge's code has a row with its penalty", () => {
    const table = rows("### The judge's codes");
    expect([...table.keys()].sort()).toEqual([...JUDGE_ERROR_CODES].sort());
    for (const code of JUDGE_ERROR_CODES) {
      expect([code, table.get(code)![0]]).toEqual([code, String(MISTAKE_PENALTY[code] ?? POINTS.mistake)]);
    }
  });

  test('every arrival note has a row', () => {
    expect([...rows('### Arrival notes').keys()].sort()).toEqual([...ARRIVAL_NOTE_CODES].sort());
  });

  test("the points named are the game's", () => {
    const named = [...doc.matchAll(/`POINTS\.(\w+)` \((\d+)\)/g)];
    expect(new Set(named.map((m) => m[1]))).toEqual(
      new Set(['correct', 'mistake', 'forfeit', 'caught', 'goal']),
    );
    for (const [, key, value] of named)
      expect([key, Number(value)]).toEqual([key, POINTS[key as keyof typeof POINTS]]);
  });

  test('every scenario has its end states and every step of its lesson', () => {
    const table = rows('### Lessons and goals');
    expect([...table.keys()].sort()).toEqual(Object.keys(SCENARIOS).sort());
    for (const [id, s] of Object.entries(SCENARIOS)) {
      const [ends, lesson] = table.get(id)!;
      expect([id, ends]).toEqual([
        id,
        `\`${s.goal.client.join(' or ')}\`, \`${s.goal.server.join(' or ')}\``,
      ]);
      for (const step of s.lesson) expect([id, lesson]).toEqual([id, expect.stringContaining(`\`${step}\``)]);
    }
  });
});
