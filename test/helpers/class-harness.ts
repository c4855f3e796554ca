/**
 * Classes over the real server: clients that record the class events they receive, a class set up
 * with a host and students, and a round played to its end by every student playing its first
 * correct move (the clock moved by the ManualClock when nobody can move).
 */
import { io as connectClient, type Socket } from 'socket.io-client';
import type { HostView, StudentView } from '../../shared/class/class-types';
import { movesFromView, type GameView } from '../../shared/game/game-view';
import type { ClientToServerEvents, ServerToClientEvents, WatchView } from '../../shared/protocol/events';
import { toMovePayload } from '../../server/games/move-payload';
import { caughtUp, earliestDeadline, TestClient, waitUntil, type Harness } from './server-harness';

/** A client and the class events it received. */
export class ClassClient {
  readonly hostViews: HostView[] = [];
  readonly studentViews: StudentView[] = [];
  readonly watches: WatchView[] = [];
  readonly removed: { reason: 'kicked' | 'closed' }[] = [];

  constructor(readonly c: TestClient) {
    c.socket.on('class:host', (v) => this.hostViews.push(v));
    c.socket.on('class:student', (v) => this.studentViews.push(v));
    c.socket.on('class:watch', (v) => this.watches.push(v));
    c.socket.on('class:removed', (p) => this.removed.push(p));
  }

  get playerId(): string {
    return this.c.session!.playerId;
  }

  /** The newest view received of a game (pushed, or in a move's answer). */
  latest(gameId: string): GameView | null {
    let best: GameView | null = null;
    // pushed updates, and the view an accepted move's answer carried (not pushed again)
    for (const v of [...this.c.updates, this.c.view])
      if (v && v.gameId === gameId && (!best || v.version >= best.version)) best = v;
    return best;
  }
}

/** A connected client recording class events. */
export async function classClient(h: Harness, lang: 'en' | 'zh-CN' = 'en'): Promise<ClassClient> {
  return new ClassClient(await h.connect({ lang }));
}

/**
 * A client connecting from another loopback address (127.0.0.2, 127.0.0.3...; Linux answers the
 * whole 127/8 on lo), so the server sees a different address: per-address limits. The harness
 * closes it with the others.
 */
export async function classClientFrom(
  h: Harness,
  localAddress: string,
  extraHeaders: Record<string, string> = {},
): Promise<ClassClient> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectClient(h.url, {
    auth: { lang: 'en' },
    transports: ['websocket'],
    reconnection: false,
    autoConnect: false,
    forceNew: true,
    localAddress,
    extraHeaders,
  } as Parameters<typeof connectClient>[1] & { localAddress: string });
  const client = new TestClient(socket);
  h.clients.push(client);
  let failure: Error | null = null;
  socket.once('connect_error', (err) => (failure = err));
  socket.connect();
  await waitUntil(() => client.session !== null || failure !== null, 'session:ready');
  if (failure) throw new Error(`connect from ${localAddress} failed: ${(failure as Error).message}`);
  return new ClassClient(client);
}

export interface ClassSetup {
  host: ClassClient;
  hostToken: string;
  classId: string;
  code: string;
  students: ClassClient[];
}

/** A class created by a host, joined by `n` students named s1..sn. */
export async function setupClass(
  h: Harness,
  n: number,
  nick = (i: number) => `s${i + 1}`,
): Promise<ClassSetup> {
  const host = await classClient(h);
  const created = await host.c.must('class:create', { title: 'Networks 1' });
  const students: ClassClient[] = [];
  for (let i = 0; i < n; i++) {
    const s = await classClient(h);
    await s.c.must('class:join', { code: created.class.code, nickname: nick(i) });
    students.push(s);
  }
  return {
    host,
    hostToken: created.hostToken,
    classId: created.class.classId,
    code: created.class.code,
    students,
  };
}

/** One pair of a round: its id, its game, and its two students' clients by role. */
export interface RoundPair {
  id: string;
  gameId: string;
  client: TestClient;
  server: TestClient;
}

/**
 * Four students in two pairs (s1 client of s2, s3 client of s4), a round of `round` started, each
 * pair's server listening (its listen() played) and every client caught up.
 */
export async function twoPairsListening(
  h: Harness,
  round: { scenarios: string[]; durationMs: number },
): Promise<{ setup: ClassSetup; pairs: RoundPair[] }> {
  const setup = await setupClass(h, 4);
  const [s1, s2, s3, s4] = setup.students.map((s) => s.c);
  await setup.host.c.must('class:pairs:set', {
    pairs: [
      { a: setup.students[0]!.playerId, b: setup.students[1]!.playerId },
      { a: setup.students[2]!.playerId, b: setup.students[3]!.playerId },
    ],
  });
  const started = await setup.host.c.must('class:round:start', round);
  const pairs: RoundPair[] = [
    { id: 'pair-1', gameId: started.class.pairs[0]!.gameId!, client: s1!, server: s2! },
    { id: 'pair-2', gameId: started.class.pairs[1]!.gameId!, client: s3!, server: s4! },
  ];
  for (const p of pairs) {
    for (const c of [p.client, p.server])
      await c.waitFor(() => c.view?.gameId === p.gameId, 'the round game');
    if (p.client.view?.role !== 'client') throw new Error(`${p.id}: s1/s3 should be the clients`);
    const listened = await p.server.playCorrect();
    if (!listened.ok) throw new Error(`${p.id}: listen() refused: ${JSON.stringify(listened.error)}`);
  }
  await h.sync(pairs.flatMap((p) => [p.client, p.server]));
  return { setup, pairs };
}

/** The stored class (tests look inside). */
export async function storedClass(h: Harness, classId: string) {
  const c = await h.stores.classes.get(classId);
  if (!c) throw new Error(`class ${classId} is gone`);
  return c;
}

const FALLBACK_STEP_MS = 1000;

/**
 * Plays the running round to its end: students of unfinished pairs play their first correct move
 * from the newest view of their pair's current game; when nobody may move, the clock goes to the
 * earliest deadline shown (or a second on, for the bot's own timers).
 */
export async function playRound(h: Harness, setup: ClassSetup, maxSteps = 2000): Promise<void> {
  const bySession = new Map<string, ClassClient>();
  for (const s of setup.students) {
    const sid = (await h.stores.sessions.getByToken(s.c.session!.token))!.id;
    bySession.set(sid, s);
  }
  for (let step = 0; step < maxSteps; step++) {
    await h.app.idle();
    const cls = await storedClass(h, setup.classId);
    const rd = cls.round;
    if (!rd || rd.phase === 'ended') return;
    const playing: { client: ClassClient; view: GameView }[] = [];
    for (const p of rd.pairs) {
      if (p.done || p.gameId === null) continue;
      const g = await h.stores.games.get(p.gameId);
      if (!g || g.phase === 'finished') continue;
      for (const sid of [p.client, p.server]) {
        const cc = sid === null ? undefined : bySession.get(sid);
        if (!cc) continue;
        const gameId = p.gameId;
        let held: GameView | null = null;
        await waitUntil(
          () => (held = caughtUp(cc.latest(gameId), g, h.clock.now())) !== null,
          `${sid} to hold game ${gameId} v${g.version}`,
        );
        playing.push({ client: cc, view: held! });
      }
    }
    const mover = playing.find((x) => x.view.phase === 'playing' && !x.view.paused && x.view.you.canAct);
    if (mover) {
      const move = movesFromView(mover.view, 1000 + step * 7919)[0]!;
      const r = await mover.client.c.request('game:move', { move: toMovePayload(move) });
      if (!r.ok) throw new Error(`a correct move was refused: ${JSON.stringify(r.error)}`);
      continue;
    }
    const next = earliestDeadline(playing.map((x) => x.view));
    await h.advanceTo(next !== null && next > h.clock.now() ? next : h.clock.now() + FALLBACK_STEP_MS);
  }
  throw new Error(`the round did not end in ${maxSteps} steps`);
}

/** Parses CSV text (RFC 4180: quoted cells, doubled quotes, CRLF) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
