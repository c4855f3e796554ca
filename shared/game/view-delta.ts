/**
 * Game updates: after the whole view (on connect, resume, game:state, or after a gap), a player is
 * sent only what changed in its view, as a delta that names the version it follows (`from`). A
 * client applies a delta only to the view of exactly that version; otherwise it has missed one and
 * asks for the whole view (game:state). The same functions serve the server, the browser client,
 * the load players and the tests.
 */
import type { Tcb } from '../tcp/types';
import type { GameResult } from './game-types';
import type { GameView, LogView, SegmentView, WireView } from './game-view';

/**
 * A log entry as a delta carries it: the fields at their usual value (LOG_USUAL) left out, and a
 * segment that the same delta adds to the wire, or a segment of the peer's on the wire the delta
 * applies to, named by its `segmentId` alone.
 */
export type DeltaLogEntry = Partial<LogView> & { t: number; type: LogView['type'] };

/** A new segment on the wire as a delta carries it: `lost` and `injected` only when true. */
export type DeltaWire = Omit<WireView, 'lost' | 'injected'> & { lost?: true; injected?: true };

/** What changed in one seat's view between the versions `from` and `version`. */
export interface ViewDelta {
  gameId: string;
  role: GameView['role'];
  /** The version of the view this delta applies to (and only to it). */
  from: number;
  version: number;
  serverNow: number;
  phase?: GameView['phase'];
  paused?: boolean;
  hints?: boolean;
  bot?: GameView['bot'];
  /** The fields of `you` that changed; of `record`, `timers` and `score`, only their changed fields. */
  you?: Partial<Omit<GameView['you'], 'record' | 'timers' | 'score'>> & {
    record?: Partial<Tcb>;
    timers?: Partial<GameView['you']['timers']>;
    score?: Partial<GameView['you']['score']>;
  };
  /** The fields of `peer` that changed; of `score`, only its changed fields. */
  peer?: Partial<Omit<GameView['peer'], 'score'>> & { score?: Partial<GameView['peer']['score']> };
  /** Segments gone from the wire (by id), then new ones appended in order (an empty list left out). */
  wire?: { drop?: number[]; add?: DeltaWire[] };
  /** The log cut to its first `at` entries, then `add` appended (at 0: the whole log). */
  log?: { at: number; add: DeltaLogEntry[] };
  result?: GameResult | null;
}

/** What game:update and a move's answer carry: a whole view, or a delta. */
export type GameUpdate = GameView | ViewDelta;

/** Whether an update is a delta (it names the version it follows). */
export function isDelta(u: GameUpdate): u is ViewDelta {
  return 'from' in u;
}

/** Deep equality of JSON-like values (what views are made of). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** The keys of `next` whose values differ from `prev`'s, with their new values; undefined if none. */
export function changed<T extends object>(prev: T, next: T): Partial<T> | undefined {
  const p = prev as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(n)) {
    if (!same(p[k], n[k])) (out ??= {})[k] = n[k];
  }
  return out as Partial<T> | undefined;
}

/** A new segment as a delta carries it (DeltaWire). */
export function packWire(w: WireView): DeltaWire {
  const d: DeltaWire = { id: w.id, from: w.from, segment: w.segment, sentAt: w.sentAt, arriveAt: w.arriveAt };
  if (w.lost) d.lost = true;
  if (w.injected) d.injected = true;
  return d;
}

function unpackWire(d: DeltaWire): WireView {
  return {
    id: d.id,
    from: d.from,
    segment: d.segment,
    sentAt: d.sentAt,
    arriveAt: d.arriveAt,
    lost: d.lost === true,
    injected: d.injected === true,
  };
}

function wireDelta(prev: WireView[], next: WireView[]): ViewDelta['wire'] {
  const nextById = new Map(next.map((w) => [w.id, w]));
  const drop: number[] = [];
  const kept: WireView[] = [];
  for (const w of prev) {
    const n = nextById.get(w.id);
    if (n && same(w, n)) kept.push(w);
    else drop.push(w.id);
  }
  // the kept segments must be next's first ones, in its order; otherwise the whole wire is sent
  let inOrder = kept.length <= next.length;
  for (let i = 0; inOrder && i < kept.length; i++) inOrder = kept[i]!.id === next[i]!.id;
  const gone = inOrder ? drop : prev.map((w) => w.id);
  const add = inOrder ? next.slice(kept.length) : next;
  if (!gone.length && !add.length) return undefined;
  const d: NonNullable<ViewDelta['wire']> = {};
  if (gone.length) d.drop = gone;
  if (add.length) d.add = add.map(packWire);
  return d;
}

/** The fields of a log entry, by type, that a delta leaves out when they have this value. */
const LOG_USUAL: Partial<Record<LogView['type'], Record<string, unknown>>> = {
  send: { retransmission: false, auto: false },
  arrive: { notes: [], injected: false },
};

/** The segment a log entry names, if the entry has one (send, arrive, lost). */
function namedSegment(e: Partial<LogView>): { id: number; segment: SegmentView | undefined } | null {
  if (e.type !== 'send' && e.type !== 'arrive' && e.type !== 'lost') return null;
  const x = e as { segmentId?: number; segment?: SegmentView };
  return typeof x.segmentId === 'number' ? { id: x.segmentId, segment: x.segment } : null;
}

/** A log entry as a delta carries it (DeltaLogEntry), `known` the segments the receiver will hold. */
export function packLog(e: LogView, known: ReadonlyMap<number, WireView>): DeltaLogEntry {
  const out: Record<string, unknown> = { ...e };
  const usual = LOG_USUAL[e.type];
  if (usual) for (const k in usual) if (same(out[k], usual[k])) delete out[k];
  const named = namedSegment(e);
  if (named) {
    const w = known.get(named.id);
    if (w && same(w.segment, named.segment)) delete out.segment;
  }
  return out as DeltaLogEntry;
}

/** The log entry a DeltaLogEntry stands for; null when it names a segment not in `known`. */
function unpackLog(d: DeltaLogEntry, known: ReadonlyMap<number, WireView>): LogView | null {
  const usual = LOG_USUAL[d.type];
  const e: Record<string, unknown> = usual ? { ...usual, ...d } : { ...d };
  const named = namedSegment(d);
  if (named && named.segment === undefined) {
    const w = known.get(named.id);
    if (!w) return null;
    e.segment = w.segment;
  }
  return e as LogView;
}

/** The segments of both lists by id (the second one's where both hold an id). */
export function segmentsOf(a: readonly WireView[], b: readonly WireView[]): Map<number, WireView> {
  const m = new Map<number, WireView>();
  for (const w of a) m.set(w.id, w);
  for (const w of b) m.set(w.id, w);
  return m;
}

/**
 * The log part of a delta: `next`'s entries from its `logFrom` on, less those `prev` already holds
 * at the same index (both may carry only part of their log: entries before `logFrom` are the ones
 * the receiver was sent before). Undefined when nothing changed.
 */
function logDelta(prev: GameView, next: GameView): { at: number; add: LogView[] } | undefined {
  let at = next.logFrom;
  let i = 0;
  const prevEnd = prev.logFrom + prev.log.length;
  while (
    at >= prev.logFrom &&
    at < prevEnd &&
    i < next.log.length &&
    same(prev.log[at - prev.logFrom], next.log[i])
  ) {
    at++;
    i++;
  }
  if (i === next.log.length && at === prevEnd) return undefined;
  return { at, add: next.log.slice(i) };
}

/**
 * What changed from `prev` to `next` (two views of the same game by the same seat, `next` the
 * newer), as a delta applying to `prev`'s version; null for views of different games or seats.
 * Either view may carry only the end of its log (`logFrom`): then `next.logFrom` must be no later
 * than the log length of the view the receiver holds at `prev`'s version.
 */
export function diffView(prev: GameView, next: GameView): ViewDelta | null {
  if (prev.gameId !== next.gameId || prev.role !== next.role) return null;
  const d: ViewDelta = {
    gameId: next.gameId,
    role: next.role,
    from: prev.version,
    version: next.version,
    serverNow: next.serverNow,
  };
  if (prev.phase !== next.phase) d.phase = next.phase;
  if (prev.paused !== next.paused) d.paused = next.paused;
  if (prev.hints !== next.hints) d.hints = next.hints;
  if (!same(prev.bot, next.bot)) d.bot = next.bot;
  const { record: pr, timers: pt, score: ps, ...py } = prev.you;
  const { record: nr, timers: nt, score: ns, ...ny } = next.you;
  const you: ViewDelta['you'] = changed(py, ny);
  const record = changed(pr, nr);
  const timers = changed(pt, nt);
  const score = changed(ps, ns);
  if (record || timers || score || you)
    d.you = {
      ...you,
      ...(record ? { record } : {}),
      ...(timers ? { timers } : {}),
      ...(score ? { score } : {}),
    };
  const { score: pps, ...pp } = prev.peer;
  const { score: nps, ...np } = next.peer;
  const peer: ViewDelta['peer'] = changed(pp, np);
  const peerScore = changed(pps, nps);
  if (peer || peerScore) d.peer = { ...peer, ...(peerScore ? { score: peerScore } : {}) };
  const wire = wireDelta(prev.wire, next.wire);
  if (wire) d.wire = wire;
  const log = logDelta(prev, next);
  if (log) {
    // what the receiver surely holds: the segments this delta adds, and the peer's on its wire (a
    // client may take its own off by the clock once landed, see withoutLanded)
    const known = segmentsOf(
      prev.wire.filter((w) => w.from !== next.role),
      wire?.add ? next.wire.slice(next.wire.length - wire.add.length) : [],
    );
    d.log = { at: log.at, add: log.add.map((e) => packLog(e, known)) };
  }
  if (!same(prev.result, next.result)) d.result = next.result;
  return d;
}

/** Whether a delta changes nothing but the version and the clock. */
export function isEmptyDelta(d: ViewDelta): boolean {
  for (const k in d) {
    if (k !== 'gameId' && k !== 'role' && k !== 'from' && k !== 'version' && k !== 'serverNow') return false;
  }
  return true;
}

/**
 * The view `delta` leads to from `view` (a new object; `view` is not changed), or null when it
 * does not apply: another game or seat, `view` not of version `delta.from` (an update was missed),
 * or too few log entries held. The caller then asks for the whole view (game:state). With
 * `ignoreLog` the log is left as it is (a load player that never reads it).
 */
export function applyDelta(view: GameView, delta: ViewDelta, ignoreLog = false): GameView | null {
  if (view.gameId !== delta.gameId || view.role !== delta.role || view.version !== delta.from) return null;
  const added = delta.wire?.add?.map(unpackWire) ?? [];
  let log = view.log;
  if (delta.log && !ignoreLog) {
    if (view.logFrom !== 0 || view.log.length < delta.log.at) return null;
    const known = segmentsOf(view.wire, added);
    const add: LogView[] = [];
    for (const d of delta.log.add) {
      const e = unpackLog(d, known);
      if (!e) return null;
      add.push(e);
    }
    log = view.log.slice(0, delta.log.at).concat(add);
  }
  let wire = view.wire;
  if (delta.wire) {
    const drop = new Set(delta.wire.drop);
    wire = view.wire.filter((w) => !drop.has(w.id)).concat(added);
  }
  const dy = delta.you;
  const you = dy
    ? {
        ...view.you,
        ...dy,
        record: dy.record ? { ...view.you.record, ...dy.record } : view.you.record,
        timers: dy.timers ? { ...view.you.timers, ...dy.timers } : view.you.timers,
        score: dy.score ? { ...view.you.score, ...dy.score } : view.you.score,
      }
    : view.you;
  const dp = delta.peer;
  const peer = dp
    ? { ...view.peer, ...dp, score: dp.score ? { ...view.peer.score, ...dp.score } : view.peer.score }
    : view.peer;
  return {
    ...view,
    version: delta.version,
    serverNow: delta.serverNow,
    ...(delta.phase !== undefined ? { phase: delta.phase } : {}),
    ...(delta.paused !== undefined ? { paused: delta.paused } : {}),
    ...(delta.hints !== undefined ? { hints: delta.hints } : {}),
    ...(delta.bot !== undefined ? { bot: delta.bot } : {}),
    you,
    peer,
    wire,
    log,
    ...(delta.result !== undefined ? { result: delta.result } : {}),
  };
}

/**
 * Where an update leads from the view held (null: none yet): the update itself if it is a whole
 * view newer than the held one (or of another game), the held view if the update is not newer,
 * the delta applied, or null when it cannot be applied (a gap: ask for the whole view).
 */
export function nextView(held: GameView | null, u: GameUpdate, ignoreLog = false): GameView | null {
  const fresh = !held || held.gameId !== u.gameId || held.role !== u.role;
  if (!isDelta(u)) return fresh || u.version >= held.version ? u : held;
  if (fresh) return null;
  if (u.version <= held.version) return held;
  return applyDelta(held, u, ignoreLog);
}

/**
 * The view with this seat's own segments gone from the wire once they have landed by `serverNow`
 * (the server does not push a sender its own segment's landing when nothing else it sees changed:
 * the client drops the segment by its own clock).
 */
export function withoutLanded(view: GameView, serverNow: number): GameView {
  const wire = view.wire.filter((w) => w.from !== view.role || w.arriveAt > serverNow);
  return wire.length === view.wire.length ? view : { ...view, wire };
}

/**
 * What a seat holds of the wire and the log, as the own-landing checks below read it: the wire's
 * segments (by id, who sent them, lost, when they land) and where its log ends.
 */
export interface HeldPicture {
  wire: ReadonlyArray<{ id: number; from: WireView['from']; lost: boolean; arriveAt: number }>;
  logEnd: number;
}

/** What a view holds (HeldPicture). */
export function heldOf(view: GameView): HeldPicture {
  return { wire: view.wire, logEnd: view.logFrom + view.log.length };
}

/**
 * Whether a delta tells its seat only of its own segments landing by `now` (their leaving the wire
 * and the log lines of their arrival): news a real TCP sender never gets, which the client works
 * out by its clock. Such a delta need not be pushed. A loss is not such news: it is pushed.
 */
export function onlyOwnLanding(d: ViewDelta, prev: HeldPicture, now: number): boolean {
  return ownLanding(d, prev, now, false);
}

/**
 * Whether a delta tells its seat only of its own segments landing by `now` and of what that did
 * to the peer as the seat sees it (its state, its TIME_WAIT, its score): nothing the seat must act
 * on, so the server may hold it back a moment and fold it into the seat's next update.
 */
export function landingNews(d: ViewDelta, prev: HeldPicture, now: number): boolean {
  const landed = (d.wire?.drop?.length ?? 0) > 0 || (d.log?.add.length ?? 0) > 0;
  return landed && d.peer !== undefined && ownLanding(d, prev, now, true);
}

function ownLanding(d: ViewDelta, prev: HeldPicture, now: number, peer: boolean): boolean {
  for (const k in d) {
    if (k === 'gameId' || k === 'role' || k === 'from' || k === 'version' || k === 'serverNow') continue;
    if (k !== 'wire' && k !== 'log' && !(peer && k === 'peer')) return false;
  }
  if (d.wire?.add?.length) return false;
  for (const id of d.wire?.drop ?? []) {
    const w = prev.wire.find((x) => x.id === id);
    if (!w || w.from !== d.role || w.lost || w.arriveAt > now) return false;
  }
  if (d.log) {
    if (d.log.at < prev.logEnd) return false;
    // the landing at the peer of a segment this seat sent (dropped now, or earlier by the clock)
    for (const e of d.log.add) if (e.type !== 'arrive' || e.side === d.role || e.injected) return false;
  }
  return true;
}
