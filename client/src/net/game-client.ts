/**
 * The client's one door to the game server: a socket.io connection typed with the shared event
 * map. Scenes never emit; they call these methods, each of which sends one event with
 * emitWithAck and resolves to the server's Ack (a network failure becomes an Ack with code NETWORK).
 * The session token is kept in localStorage, so a reload resumes the session and its game.
 * After a whole view, the server sends only what changed (game:update and the answer of a move
 * carry a ViewDelta naming the version it follows): it is applied here to the view held
 * (nextView), so every view handed on is whole; when the view held is not the version a delta
 * follows (an update was missed), the whole state is asked for (game:state) instead. The server
 * does not tell a sender its own segment landed: the segment leaves the wire here by the clock.
 * A move answered BUSY (the server is overloaded, nothing changed) is sent again after the delay
 * it names, with the same id.
 * A move names the version of the view it was computed from (`basedOn`); when the game has moved on
 * meanwhile the answer is VIEW_STALE carrying the game as it is now, which is kept like any view.
 */
import { io, type Socket } from 'socket.io-client';
import type { HostView, PairingMode, RoundConfig, StudentView } from '../../../shared/class/class-types';
import { joinView, type GameView } from '../../../shared/game/game-view';
import { isDelta, nextView, withoutLanded, type GameUpdate } from '../../../shared/game/view-delta';
import type { BotLevel } from '../../../shared/game/game-types';
import type { Lang } from '../../../shared/i18n';
import type {
  Ack,
  ClientToServerEvents,
  ErrorPayload,
  HintData,
  MovePayload,
  NetworkNext,
  NetworkNow,
  RoleChoice,
  ServerErrorCode,
  ServerToClientEvents,
  SessionInfo,
  WatchView,
} from '../../../shared/protocol/events';
import type { ScenarioId } from '../../../shared/scenarios/scenarios';
import type { Side } from '../../../shared/tcp/types';
import { STORAGE_KEYS, type KeyValueStore } from '../app/storage-keys';

/** The code of an Ack the client makes itself when the server could not be reached in time. */
export const NETWORK_ERROR = 'NETWORK';

/** The answer to a move made from an outdated view: not a mistake, its `game` is the view to show now. */
export const VIEW_STALE = 'VIEW_STALE' satisfies ServerErrorCode;

/** The answer to a move while the server is overloaded: nothing changed, send again after `retryAfterMs`. */
export const BUSY = 'BUSY' satisfies ServerErrorCode;
/** How many times a move answered BUSY is sent again before the answer is handed on. */
const BUSY_RETRIES = 8;

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

interface ClientEvents {
  session: SessionInfo;
  game: GameView;
  peer: { connected: boolean; graceUntil: number | null };
  protocolError: ErrorPayload;
  connection: ConnectionState;
  classHost: HostView;
  classStudent: StudentView;
  classWatch: WatchView;
  classRemoved: { reason: 'kicked' | 'closed' };
}

export interface GameClientOptions {
  /** Server origin; empty for the page's own origin. */
  url?: string;
  lang: Lang;
  store: KeyValueStore;
  /** How long to wait for an acknowledgement. */
  timeoutMs?: number;
  /** The first pause before connecting again after the server refused or closed the connection; it doubles up to `retryMaxMs`. */
  retryMs?: number;
  retryMaxMs?: number;
  /** The pauses before each resending of a move whose outcome is unknown (default 0.5, 1, 2, 4 s). */
  resendMs?: readonly number[];
}

type Listener<K extends keyof ClientEvents> = (value: ClientEvents[K]) => void;

type Events = ClientToServerEvents;
/** Answers after which a move is sent again with the same id (it may not have been judged yet). */
const RESEND: ReadonlySet<string> = new Set([NETWORK_ERROR, 'OUTCOME_UNKNOWN', 'STORE_UNAVAILABLE']);

/** A move's id: 16 random bytes as hex (getRandomValues works on a plain-http school LAN too). */
function newMoveId(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** What `game:move` carries, read from the shared event map. */
export type MoveRequest = Parameters<Events['game:move']>[0];
/** The acknowledgement an event is answered with, read from the shared event map. */
export type AckOf<K extends keyof Events> = Parameters<Events[K]>[1] extends (answer: infer A) => void
  ? A
  : never;

export class GameClient {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private readonly store: KeyValueStore;
  private readonly timeoutMs: number;
  private lang: Lang;
  private state: ConnectionState = 'connecting';
  private session: SessionInfo | null = null;
  /** The newest whole view of the newest game: what the next views' logs are joined to. */
  private known: GameView | null = null;
  private readonly retryMs: number;
  private readonly retryMaxMs: number;
  private readonly resendMs: readonly number[];
  /** Connections the server refused or closed since the last session:ready. */
  private refusals = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Wakes when this player's own next segment lands, to take it off the wire (see landLater). */
  private landTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private readonly listeners: { [K in keyof ClientEvents]: Set<Listener<K>> } = {
    session: new Set(),
    game: new Set(),
    peer: new Set(),
    protocolError: new Set(),
    connection: new Set(),
    classHost: new Set(),
    classStudent: new Set(),
    classWatch: new Set(),
    classRemoved: new Set(),
  };

  constructor(opts: GameClientOptions) {
    this.store = opts.store;
    this.lang = opts.lang;
    this.timeoutMs = opts.timeoutMs ?? 10000;
    this.retryMs = opts.retryMs ?? 1000;
    this.retryMaxMs = opts.retryMaxMs ?? 10000;
    this.resendMs = opts.resendMs ?? [500, 1000, 2000, 4000];
    this.socket = io(opts.url ?? '', {
      autoConnect: false,
      // read at every (re)connection, so a reconnect resumes the latest session in the latest language
      auth: (cb) => {
        const token = this.store.get(STORAGE_KEYS.token);
        cb(token ? { token, lang: this.lang } : { lang: this.lang });
      },
    });
    this.socket.on('session:ready', (s) => {
      this.store.set(STORAGE_KEYS.token, s.token);
      this.refusals = 0;
      if (s.game) this.keep(s.game);
      this.session = s;
      this.fire('session', s);
    });
    this.socket.on('game:update', (g) => {
      void this.whole(g).then((v) => {
        if (v) this.fire('game', v);
      });
    });
    this.socket.on('game:peer', (p) => this.fire('peer', p));
    this.socket.on('error:protocol', (e) => this.fire('protocolError', e));
    this.socket.on('class:host', (v) => this.fire('classHost', v));
    this.socket.on('class:student', (v) => this.fire('classStudent', v));
    this.socket.on('class:watch', (v) => this.fire('classWatch', v));
    this.socket.on('class:removed', (p) => this.fire('classRemoved', p));
    this.socket.on('connect', () => this.setState('connected'));
    this.socket.on('disconnect', (reason) => {
      this.setState('reconnecting');
      // Socket.IO reconnects by itself, except after the server closed the connection
      if (reason === 'io server disconnect') this.retryLater();
    });
    this.socket.on('connect_error', (err: Error & { data?: unknown }) => {
      if (this.state === 'connected') this.setState('reconnecting');
      if (this.socket.active) return;
      // refused by the server itself (e.g. STORE_UNAVAILABLE while its database is away): Socket.IO
      // gives up on such a refusal, so the client tries again a moment later
      if (isErrorPayload(err.data)) this.fire('protocolError', err.data);
      this.retryLater();
    });
  }

  get connection(): ConnectionState {
    return this.state;
  }

  get currentSession(): SessionInfo | null {
    return this.session;
  }

  connect(): void {
    this.closed = false;
    this.socket.connect();
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.landTimer !== null) clearTimeout(this.landTimer);
    this.landTimer = null;
    this.socket.disconnect();
  }

  on<K extends keyof ClientEvents>(event: K, fn: Listener<K>): () => void {
    this.listeners[event].add(fn);
    return () => this.listeners[event].delete(fn);
  }

  /** Changes the language of the server's messages (and of the next reconnection). */
  async setLang(lang: Lang): Promise<Ack<SessionInfo> | null> {
    this.lang = lang;
    if (!this.socket.connected) return null;
    return this.updateSession({ lang });
  }

  updateSession(p: { nickname?: string; lang?: Lang }): Promise<Ack<SessionInfo>> {
    return this.ack('session:update', this.timed().emitWithAck('session:update', p));
  }

  quickMatch(p: { scenario?: ScenarioId; role?: RoleChoice }) {
    return this.ack('match:quick', this.timed().emitWithAck('match:quick', p));
  }

  cancelMatch() {
    return this.ack('match:cancel', this.timed().emitWithAck('match:cancel', {}));
  }

  createPrivate(p: { scenario: ScenarioId; role?: RoleChoice }) {
    return this.ack('match:private:create', this.timed().emitWithAck('match:private:create', p));
  }

  joinPrivate(code: string) {
    return this.ack('match:private:join', this.timed().emitWithAck('match:private:join', { code }));
  }

  startPractice(p: { scenario: ScenarioId; role: Side; level: BotLevel; hints: boolean }) {
    return this.ack('practice:start', this.timed().emitWithAck('practice:start', p));
  }

  /**
   * Sends a move computed from the view of version `basedOn`, under an id of its own. When the
   * answer does not say what happened (none came in time, OUTCOME_UNKNOWN) or says the store was
   * unreachable, the same move goes again with the same id, a few times: the server applies a move
   * at most once and answers a known id with its first outcome. A VIEW_STALE answer's `game` comes
   * back with its whole log, held as the newest view: the caller shows it and the player moves again.
   * A BUSY answer (nothing changed) sends the same move again after the delay it names. The answer
   * handed on carries the whole view (the server's answer says only what changed).
   */
  async move(move: MovePayload, basedOn?: number): Promise<Ack<{ game: GameView }>> {
    const p: MoveRequest = { move, moveId: newMoveId(), ...(basedOn === undefined ? {} : { basedOn }) };
    const send = () => this.ack('game:move', this.timed().emitWithAck('game:move', p));
    let a = await send();
    for (let busy = 0; !a.ok && a.error.code === BUSY && busy < BUSY_RETRIES && !this.closed; busy++) {
      await new Promise((r) =>
        setTimeout(r, Math.min(10_000, Math.max(50, a.ok ? 0 : (a.error.retryAfterMs ?? 500)))),
      );
      a = await send();
    }
    for (const pause of this.resendMs) {
      if (a.ok || !RESEND.has(a.error.code) || this.closed) break;
      await new Promise((r) => setTimeout(r, pause));
      a = await send();
    }
    if (!a.ok && a.error.code === VIEW_STALE && a.error.game) {
      const now = await this.whole(a.error.game);
      if (now) a.error.game = now;
      else delete a.error.game;
    }
    // ack() made the answer's update a whole view
    return a as Ack<{ game: GameView }>;
  }

  hint(): Promise<Ack<HintData>> {
    return this.ack('game:hint', this.timed().emitWithAck('game:hint', {}));
  }

  gameState() {
    return this.ack('game:state', this.timed().emitWithAck('game:state', {}));
  }

  rematch() {
    return this.ack('game:rematch', this.timed().emitWithAck('game:rematch', {}));
  }

  leave() {
    return this.ack('game:leave', this.timed().emitWithAck('game:leave', {}));
  }

  /** The player's game (or, for a class's host, the pair's) as a pcapng file. */
  capture(pairId?: string) {
    return this.ack(
      'game:capture',
      this.timed().emitWithAck('game:capture', pairId === undefined ? {} : { pairId }),
    );
  }

  // ---- classes ----

  createClass(p: { title?: string; pairing?: PairingMode; rotate?: boolean }) {
    return this.ack('class:create', this.timed().emitWithAck('class:create', p));
  }

  reclaimClass(code: string, hostToken: string) {
    return this.ack('class:reclaim', this.timed().emitWithAck('class:reclaim', { code, hostToken }));
  }

  lockClass(locked: boolean) {
    return this.ack('class:lock', this.timed().emitWithAck('class:lock', { locked }));
  }

  kick(playerId: string) {
    return this.ack('class:kick', this.timed().emitWithAck('class:kick', { playerId }));
  }

  setPairing(mode: PairingMode, rotate: boolean) {
    return this.ack('class:pairing', this.timed().emitWithAck('class:pairing', { mode, rotate }));
  }

  autoPairs() {
    return this.ack('class:pairs:auto', this.timed().emitWithAck('class:pairs:auto', {}));
  }

  setPairs(pairs: { a: string; b: string | null }[]) {
    return this.ack('class:pairs:set', this.timed().emitWithAck('class:pairs:set', { pairs }));
  }

  startRound(p: Partial<RoundConfig> & Pick<RoundConfig, 'scenarios'>) {
    return this.ack('class:round:start', this.timed().emitWithAck('class:round:start', p));
  }

  pauseRound() {
    return this.ack('class:round:pause', this.timed().emitWithAck('class:round:pause', {}));
  }

  resumeRound() {
    return this.ack('class:round:resume', this.timed().emitWithAck('class:round:resume', {}));
  }

  endRound() {
    return this.ack('class:round:end', this.timed().emitWithAck('class:round:end', {}));
  }

  network(p: NetworkNow | NetworkNext) {
    return this.ack('class:network', this.timed().emitWithAck('class:network', p));
  }

  lanAddresses() {
    return this.ack('class:lan', this.timed().emitWithAck('class:lan', {}));
  }

  spectate(pairId: string | null) {
    return this.ack('class:spectate', this.timed().emitWithAck('class:spectate', { pairId }));
  }

  freeze(pairId: string, frozen: boolean) {
    return this.ack('class:freeze', this.timed().emitWithAck('class:freeze', { pairId, frozen }));
  }

  exportClass() {
    return this.ack('class:export', this.timed().emitWithAck('class:export', {}));
  }

  joinClass(code: string, nickname: string) {
    return this.ack('class:join', this.timed().emitWithAck('class:join', { code, nickname }));
  }

  leaveClass() {
    return this.ack('class:leave', this.timed().emitWithAck('class:leave', {}));
  }

  classState() {
    return this.ack('class:state', this.timed().emitWithAck('class:state', {}));
  }

  private timed() {
    return this.socket.timeout(this.timeoutMs);
  }

  /**
   * The server's answer to `event`, typed from the shared map (socket.io's timeout() wrapper loses
   * the answer's type), or a NETWORK error when none came in time.
   */
  private async ack<K extends keyof Events>(_event: K, p: Promise<unknown>): Promise<AckOf<K>> {
    let answer: AckOf<K>;
    try {
      answer = (await p) as AckOf<K>;
    } catch {
      return { ok: false, error: { code: NETWORK_ERROR, message: '' } } as AckOf<K>;
    }
    const a = answer as Ack<unknown>;
    if (a.ok && typeof a.data === 'object' && a.data !== null && 'game' in a.data) {
      const data = a.data as { game: GameUpdate | null };
      if (data.game) {
        const v = await this.whole(data.game);
        if (v) data.game = v;
        else if (isDelta(data.game)) data.game = this.known;
      }
    }
    return answer;
  }

  /**
   * The whole view an update leads to: a whole view joined to the log held (joinView), or a delta
   * applied to the view held (nextView); when it does not apply (an update never came), the whole
   * state asked for again; null if that fails too.
   */
  private async whole(u: GameUpdate): Promise<GameView | null> {
    const v = isDelta(u) ? nextView(this.known, u) : joinView(this.known, u);
    if (v) return this.keep(v);
    const r = await this.ack('game:state', this.timed().emitWithAck('game:state', {}));
    return r.ok && r.data.game ? this.keep(r.data.game) : null;
  }

  /** Holds a whole view if it is the newest of its game (or of a newer game), and returns it. */
  private keep(v: GameView): GameView {
    const k = this.known;
    if (!k || k.gameId !== v.gameId || k.role !== v.role || v.version >= k.version) {
      this.known = v;
      this.landLater(v);
    }
    return v;
  }

  /**
   * The server does not push a sender its own segment's landing when nothing else changed for it
   * (a TCP sender learns nothing then): the segment is taken off the wire here once it has landed
   * by the server's clock (estimated from the view's serverNow), and the view is handed on again.
   */
  private landLater(v: GameView): void {
    if (this.landTimer !== null) clearTimeout(this.landTimer);
    this.landTimer = null;
    if (v.paused) return;
    const own = v.wire.filter((w) => w.from === v.role);
    if (!own.length) return;
    const offset = v.serverNow - Date.now();
    const at = Math.min(...own.map((w) => w.arriveAt));
    const delay = Math.max(0, at - v.serverNow) + 1;
    this.landTimer = setTimeout(() => {
      this.landTimer = null;
      if (this.known !== v) return;
      const now = Date.now() + offset;
      const landed = withoutLanded(v, now);
      if (landed === v) return this.landLater(v);
      this.known = { ...landed, serverNow: now };
      this.fire('game', this.known);
      this.landLater(this.known);
    }, delay);
  }

  /** Connects again after a pause that doubles with every refusal (up to retryMaxMs). */
  private retryLater(): void {
    if (this.closed || this.retryTimer !== null) return;
    const delay = Math.min(this.retryMaxMs, this.retryMs * 2 ** Math.min(this.refusals, 10));
    this.refusals++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.closed && !this.socket.connected) this.socket.connect();
    }, delay);
  }

  private setState(s: ConnectionState): void {
    if (s === this.state) return;
    this.state = s;
    this.fire('connection', s);
  }

  private fire<K extends keyof ClientEvents>(event: K, value: ClientEvents[K]): void {
    for (const fn of this.listeners[event]) fn(value);
  }
}

function isErrorPayload(v: unknown): v is ErrorPayload {
  return typeof v === 'object' && v !== null && typeof (v as ErrorPayload).code === 'string';
}
