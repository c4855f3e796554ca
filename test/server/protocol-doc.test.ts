/**
 * Plays whole games using only what docs/protocol.md documents: event names and payloads written
 * out literally, numbers computed from the view fields the document describes (no shared code, no
 * helper that knows the rules). The harness only starts the server and turns its clock.
 */
import { io, type Socket } from 'socket.io-client';
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

/** Plays until both views say finished; when nobody may move, the clock goes to the earliest deadline in the views. */
async function play(h: Harness, players: Player[]): Promise<void> {
  for (let step = 0; step < 300; step++) {
    await h.app.idle();
    for (const p of players) await ask(p, 'game:state', {});
    const views = players.map((p) => p.view!);
    if (views.every((v) => v.phase === 'finished')) return;
    const mover = players.find((p) => p.view!.you.canAct);
    if (mover) {
      const answer = await ask(mover, 'game:move', { move: decide(mover.view!) });
      if (!answer.ok) throw new Error(`refused: ${JSON.stringify(answer.error)}`);
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
});
