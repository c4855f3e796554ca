/**
 * A real game server on 127.0.0.1, port 0, with a ManualClock and in-memory stores, and real
 * socket.io-client clients that record what they receive. close() closes every client and the
 * server, so jest exits by itself.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connectClient, type Socket } from 'socket.io-client';
import type { Game, GameSettings } from '../../shared/game/game-types';
import { joinView, movesFromView, viewFor, type GameView } from '../../shared/game/game-view';
import {
  diffView,
  heldOf,
  isDelta,
  nextView,
  landingNews,
  onlyOwnLanding,
  withoutLanded,
  type GameUpdate,
} from '../../shared/game/view-delta';
import type { Lang } from '../../shared/i18n';
import type {
  Ack,
  ClientToServerEvents,
  ErrorPayload,
  MovePayload,
  ServerToClientEvents,
  SessionInfo,
} from '../../shared/protocol/events';
import { createApp, type App } from '../../server/app';
import type { InterfaceSource } from '../../server/classes/lan-addresses';
import { ManualClock } from '../../server/clock';
import { defaultConfig, type Config } from '../../server/config';
import { toMovePayload } from '../../server/games/move-payload';
import { createLogger, type Logger } from '../../server/logger';
import type { AckData, ClientEvent } from '../../server/socket/types';
import type { Stores } from '../../server/stores/stores';
import { storesForTest } from './test-stores';

/** Short game times; the bot moves at once. */
export const TEST_SETTINGS: GameSettings = {
  flightMs: 1000,
  turnMs: 20000,
  rtoMs: 5000,
  mslMs: 4000,
  synRcvdMs: 60000,
  botDelayMs: 0,
};

/** How long a test waits for something the server must send, before failing (never a timing assertion). */
const WAIT_MS = 5000;

export interface HarnessOptions {
  config?: Partial<Config>;
  settings?: Partial<GameSettings>;
  stores?: Stores;
  /** The machine's network interfaces as the server reads them (default: none). */
  networkInterfaces?: InterfaceSource;
  /** Where the server logs (silent unless given: a test that checks what is logged brings one). */
  logger?: Logger;
  /** The event loop's lag as the server reads it (BUSY tests); default: none. */
  lag?: () => number;
}

type TypedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectOptions {
  token?: string;
  lang?: Lang;
  /** Anything else in `auth` (to test odd handshakes). */
  auth?: Record<string, unknown>;
  extraHeaders?: Record<string, string>;
}

/** Polls `check` until it holds (or fails the test after WAIT_MS). */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + WAIT_MS;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** One player's connection and everything it received. */
export class TestClient {
  session: SessionInfo | null = null;
  /**
   * The newest view of the newest game received (from game:update, session:ready or an answer),
   * each delta applied to the view held (nextView), as the browser client does.
   */
  view: GameView | null = null;
  /** Every game:update, applied like `view`. */
  readonly updates: GameView[] = [];
  /** Every game:update as it came (a whole view or a delta). */
  readonly received: GameUpdate[] = [];
  /**
   * Updates that could not be applied to what this client held (one was missed, or overtaken by a
   * later one between nodes): like the browser client, it then asks for the whole state (game:state).
   */
  readonly gaps: GameUpdate[] = [];
  /** The next this many game:update events are ignored, as if lost (gap tests). */
  dropUpdates = 0;
  readonly peer: Array<{ connected: boolean; graceUntil: number | null }> = [];
  readonly protocolErrors: ErrorPayload[] = [];
  readonly readies: SessionInfo[] = [];

  constructor(readonly socket: TypedSocket) {
    socket.on('session:ready', (s) => {
      this.session = s;
      this.readies.push(s);
      if (s.game) this.take(s.game);
    });
    socket.on('game:update', (v) => {
      this.received.push(v);
      if (this.dropUpdates > 0) {
        this.dropUpdates--;
        return;
      }
      const joined = this.take(v);
      if (joined) this.updates.push(joined);
      else void this.request('game:state', {}).catch(() => undefined);
    });
    socket.on('game:peer', (p) => this.peer.push(p));
    socket.on('error:protocol', (e) => this.protocolErrors.push(e));
  }

  /** The untyped socket, to send what the typed map does not allow. */
  get raw(): Socket {
    return this.socket as unknown as Socket;
  }

  /** Emits an event with its payload and resolves with the acknowledgement. */
  async request<K extends ClientEvent>(event: K, payload: unknown): Promise<Ack<AckData<K>>> {
    const answer = (await this.raw.timeout(WAIT_MS).emitWithAck(event, payload)) as Ack<AckData<K>>;
    // VIEW_STALE carries the game as it is now, with its whole log
    if (!answer.ok && answer.error.game) this.take(answer.error.game);
    if (answer.ok && typeof answer.data === 'object' && answer.data !== null && 'game' in answer.data) {
      const data = answer.data as { game: GameUpdate | null };
      if (data.game) {
        const joined = this.take(data.game);
        if (joined) data.game = joined;
        else {
          const state = await this.request('game:state', {});
          if (state.ok) data.game = state.data.game;
        }
      }
    }
    return answer;
  }

  /** Like request, but fails the test unless the answer is ok. */
  async must<K extends ClientEvent>(event: K, payload: unknown): Promise<AckData<K>> {
    const r = await this.request(event, payload);
    if (!r.ok) throw new Error(`${event} ${JSON.stringify(payload)} refused: ${JSON.stringify(r.error)}`);
    return r.data;
  }

  /** Sends this player's first correct move (movesFromView on its current view). */
  async playCorrect(iss = 1000): Promise<Ack<{ game: GameView }>> {
    if (!this.view) throw new Error('no view');
    const move = movesFromView(this.view, iss)[0];
    if (!move) throw new Error(`no correct move in ${JSON.stringify(this.view.you)}`);
    // the answer's update is applied by request(): its game is the whole view
    return (await this.request('game:move', {
      move: toMovePayload(move) satisfies MovePayload,
      basedOn: this.view.version,
    })) as Ack<{ game: GameView }>;
  }

  /** Waits for a condition on what this client received. */
  waitFor(check: (c: TestClient) => boolean, what: string): Promise<void> {
    return waitUntil(() => check(this), what);
  }

  close(): void {
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  /**
   * Applies an update to the view held (a delta), or joins a view's log to the entries held, keeps
   * it if it is the newest, and returns it; null when it cannot be applied.
   */
  private take(received: GameUpdate): GameView | null {
    const v = isDelta(received) ? nextView(this.view, received) : joinView(this.view, received);
    if (!v) {
      this.gaps.push(received);
      return null;
    }
    if (!this.view || v.gameId !== this.view.gameId || v.version >= this.view.version) this.view = v;
    return v;
  }
}

export class Harness {
  readonly clients: TestClient[] = [];
  /** Closes the connections of the stores the harness made itself (Redis). */
  private closeStores: () => Promise<void> = async () => {};

  private constructor(
    readonly app: App,
    readonly clock: ManualClock,
    readonly stores: Stores,
    readonly config: Config,
    readonly url: string,
  ) {}

  /** A server with test settings (generous rate limits unless overridden), listening on 127.0.0.1:0. */
  static async start(o: HarnessOptions = {}): Promise<Harness> {
    const base = defaultConfig();
    const config: Config = {
      ...base,
      logLevel: 'silent',
      rateLimitPerSec: 1000,
      rateLimitBurst: 1000,
      // no browser client unless a test brings one
      clientDir: join(tmpdir(), 'handshake-arena-no-client'),
      ...o.config,
      settings: { ...TEST_SETTINGS, ...o.settings },
    };
    const clock = new ManualClock(1_000_000);
    // memory, or Redis when TEST_STORE=redis (test-stores.ts); a test's own stores are its to close
    const own = o.stores ? null : await storesForTest(config, clock);
    const stores = o.stores ?? own!.stores;
    const logger = o.logger ?? createLogger('silent');
    const app = createApp({
      config,
      clock,
      stores,
      logger,
      cluster: own?.cluster,
      networkInterfaces: o.networkInterfaces ?? (() => ({})),
      // no lag unless a test brings one: a busy test machine must not make moves BUSY
      lag: { lagMs: o.lag ?? (() => 0), close: () => undefined },
    });
    const port = await app.listen(0, '127.0.0.1');
    const h = new Harness(app, clock, stores, config, `http://127.0.0.1:${port}`);
    if (own) h.closeStores = own.close;
    return h;
  }

  /** A connected client, once its 'session:ready' has arrived. */
  async connect(o: ConnectOptions = {}): Promise<TestClient> {
    const auth: Record<string, unknown> = { ...o.auth };
    if (o.token !== undefined) auth.token = o.token;
    if (o.lang !== undefined) auth.lang = o.lang;
    const socket: TypedSocket = connectClient(this.url, {
      auth,
      transports: ['websocket'],
      reconnection: false,
      autoConnect: false,
      forceNew: true,
      extraHeaders: o.extraHeaders,
    });
    const client = new TestClient(socket);
    this.clients.push(client);
    let failure: Error | null = null;
    socket.once('connect_error', (err) => (failure = err));
    socket.connect();
    await waitUntil(() => client.session !== null || failure !== null, 'session:ready');
    if (failure) throw new Error(`connect failed: ${(failure as Error).message}`);
    return client;
  }

  /**
   * Moves the clock and waits until the server finished what the timers started, including timers
   * that work set for a time already reached (on the real clock they fire at once; the manual
   * clock fires them at its next move, so they are fired here).
   */
  async advanceTo(t: number): Promise<void> {
    this.clock.advanceTo(t);
    await this.app.idle();
    for (let rounds = 0; (this.clock.nextAt() ?? Infinity) <= this.clock.now(); rounds++) {
      if (rounds === 1000) throw new Error('timers keep setting timers that are already due');
      this.clock.advanceTo(this.clock.now());
      await this.app.idle();
    }
  }

  async advanceBy(ms: number): Promise<void> {
    await this.advanceTo(this.clock.now() + ms);
  }

  /**
   * Waits until the server is idle and each client holds what the server must tell it of the
   * stored version of its game, so what the clients see is the whole truth: the stored version, or
   * an older one when all that changed since is its own segments' landing (which the server does
   * not push a sender): those segments then leave its wire by the clock, as the browser client does.
   */
  async sync(clients: TestClient[]): Promise<void> {
    await this.app.idle();
    for (const c of clients) {
      await waitUntil(async () => {
        const v = c.view;
        if (!v) return false;
        const g = await this.stores.games.get(v.gameId);
        if (g === null) return false;
        const held = caughtUp(v, g, this.clock.now());
        if (held) c.view = held;
        return held !== null;
      }, 'the client to hold the stored version of its game');
    }
  }

  /** Two new players paired in a three-way handshake, the server having called listen. */
  async listeningPair(): Promise<[TestClient, TestClient]> {
    const a = await this.connect({ lang: 'en' });
    const b = await this.connect({ lang: 'en' });
    const { code } = await a.must('match:private:create', {
      scenario: 'three-way-handshake',
      role: 'client',
    });
    await b.must('match:private:join', { code });
    await b.must('game:move', { move: { kind: 'call', call: 'listen' } });
    await this.sync([a, b]);
    return [a, b];
  }

  /**
   * Lets the server finish this turn's work: its tasks, then the updates it sends at the end of the
   * event loop's turn (a game's landing news starts waiting only then).
   */
  async settle(): Promise<void> {
    await this.app.idle();
    await new Promise((r) => setImmediate(r));
    await this.app.idle();
  }

  /**
   * A round trip on each client's connection after the server went idle: anything the server sent
   * them before has arrived by then (a connection delivers in order).
   */
  async flush(clients: TestClient[]): Promise<void> {
    await this.app.idle();
    for (const c of clients) await c.request('game:state', {});
  }

  async close(): Promise<void> {
    for (const c of this.clients) c.close();
    await this.app.close();
    await this.closeStores();
  }
}

/**
 * The view a client shows of game `g` at `now` if it holds all the server must tell it of `g`:
 * `g`'s version, or an older one when all that changed since is its own segments' landing (not
 * pushed to a sender) and what it did to the peer (pushed within landingNoticeMs, or with the
 * seat's next update): those segments then leave its wire by the clock, as in the browser client.
 * Null when the client still lacks an update.
 */
export function caughtUp(v: GameView | null, g: Game, now: number): GameView | null {
  if (!v || v.gameId !== g.id || v.version > g.version) return null;
  if (v.version === g.version) return v;
  const d = diffView(v, viewFor(g, v.role, now));
  return d && (onlyOwnLanding(d, heldOf(v), now) || landingNews(d, heldOf(v), now))
    ? withoutLanded(v, now)
    : null;
}

/** The earliest deadline any of the views shows (segments in flight, timers), or null. */
export function earliestDeadline(views: readonly GameView[]): number | null {
  let best: number | null = null;
  const take = (x: number | null) => {
    if (x !== null && (best === null || x < best)) best = x;
  };
  for (const v of views) {
    for (const w of v.wire) take(w.arriveAt);
    const t = v.you.timers;
    take(t.turn);
    take(t.rto);
    take(t.timeWait);
    take(t.synRcvd);
    take(v.peer.timeWait);
  }
  return best;
}

/** When nothing visible is pending (a bot's own timers are not in the human's view), time moves by this. */
const FALLBACK_STEP_MS = 1000;

/**
 * Plays a game to its end (or until `until` holds for the views): whoever may act sends its first
 * correct move from its own view; when nobody may, the clock moves to the earliest deadline the
 * views show.
 */
export async function playOut(
  h: Harness,
  players: TestClient[],
  until: (views: GameView[]) => boolean = (views) => views.every((v) => v.phase === 'finished'),
  maxSteps = 400,
): Promise<void> {
  for (let step = 0; step < maxSteps; step++) {
    await h.sync(players);
    const views = players.map((p) => p.view!);
    if (until(views)) return;
    if (views.every((v) => v.phase === 'finished')) throw new Error('the game finished first');
    const mover = players.find((p) => p.view!.phase === 'playing' && p.view!.you.canAct);
    if (mover) {
      const r = await mover.playCorrect(1000 + step * 7919);
      if (!r.ok) throw new Error(`a correct move was refused: ${JSON.stringify(r.error)}`);
      continue;
    }
    const next = earliestDeadline(views);
    await h.advanceTo(next !== null && next > h.clock.now() ? next : h.clock.now() + FALLBACK_STEP_MS);
  }
  throw new Error(`the game did not get there in ${maxSteps} steps`);
}
