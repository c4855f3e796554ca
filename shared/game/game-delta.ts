/**
 * The update from one version of a game to a later one, as a seat sees it, made from the two games
 * themselves: the same ViewDelta as diffView of the seat's view of the older game (without its log)
 * and of the newer one (with the log entries from where both seats were sent it), but without
 * building either view. Making deltas from two whole views was the largest allocation of the
 * server's path per move (npm run bench:game): about a third of it. The test holds it to diffView
 * in every scenario, for every pair of versions and both seats.
 */
import { flagNames } from '../tcp/flags';
import { peerOf, type Segment, type Side } from '../tcp/types';
import { canAct } from './game-engine';
import type { Game, InFlight } from './game-types';
import { intentFor, logFor, logSentToBoth, wireView, type WireView } from './game-view';
import { packLog, packWire, same, segmentsOf, type HeldPicture, type ViewDelta } from './view-delta';

/** What a seat holds of `g` once sent it (without its log entries): see HeldPicture. */
export function heldOfGame(g: Game): HeldPicture {
  return { wire: g.wire, logEnd: g.log.length };
}

/**
 * The update that takes `side`'s view of `base` to its view of `g` at `now` (`g` a later version
 * of the same game), or null for another game.
 */
export function gameDelta(base: Game, g: Game, side: Side, now: number): ViewDelta | null {
  if (base.id !== g.id) return null;
  const d: ViewDelta = {
    gameId: g.id,
    role: side,
    from: base.version,
    version: g.version,
    serverNow: g.pausedAt ?? now,
  };
  if (base.phase !== g.phase) d.phase = g.phase;
  if ((base.pausedAt !== null) !== (g.pausedAt !== null)) d.paused = g.pausedAt !== null;
  if (base.hints !== g.hints) d.hints = g.hints;
  if (!same(base.bot, g.bot)) d.bot = g.bot;
  const you = youDelta(base, g, side);
  if (you) d.you = you;
  const peer = peerDelta(base, g, peerOf(side));
  if (peer) d.peer = peer;
  const wire = wireDelta(base.wire, g.wire);
  if (wire.delta) d.wire = wire.delta;
  // the log only grows below its limit: the entries from base's length on are the new ones
  const from = Math.min(logSentToBoth(base, g) === 0 ? 0 : base.log.length, g.log.length);
  if (from !== base.log.length || g.log.length !== from) {
    // what the receiver surely holds: the segments this delta adds, and the peer's on its wire (a
    // client may take its own off by the clock once landed, see withoutLanded)
    const peerWire: WireView[] = [];
    for (const w of base.wire) if (w.from !== side) peerWire.push(wireView(w));
    const known = segmentsOf(peerWire, wire.added);
    const add = new Array(g.log.length - from);
    for (let i = from; i < g.log.length; i++) add[i - from] = packLog(logFor(g.log[i]!, side), known);
    d.log = { at: from, add };
  }
  if (!same(base.result, g.result)) d.result = g.result;
  return d;
}

function youDelta(base: Game, g: Game, side: Side): ViewDelta['you'] | undefined {
  let you: NonNullable<ViewDelta['you']> | undefined;
  if (base.nicknames[side] !== g.nicknames[side]) (you ??= {}).nickname = g.nicknames[side];
  const act = canAct(g, side);
  if (canAct(base, side) !== act) (you ??= {}).canAct = act;
  if (base.mustRetransmit[side] !== g.mustRetransmit[side])
    (you ??= {}).mustRetransmit = g.mustRetransmit[side];
  const intent = intentFor(g, side);
  if (!same(intentFor(base, side), intent)) (you ??= {}).intent = intent;
  // records are replaced, never changed in place: the same one changed nothing
  const record = base.conn[side] === g.conn[side] ? undefined : fieldsChanged(base.conn[side], g.conn[side]);
  if (record) (you ??= {}).record = record;
  const bt = base.timers[side];
  const nt = g.timers[side];
  let timers: NonNullable<NonNullable<ViewDelta['you']>['timers']> | undefined;
  if (bt.turn !== nt.turn) (timers ??= {}).turn = nt.turn;
  if (bt.rto !== nt.rto) (timers ??= {}).rto = nt.rto;
  if (bt.timeWait !== nt.timeWait) (timers ??= {}).timeWait = nt.timeWait;
  if (bt.synRcvd !== nt.synRcvd) (timers ??= {}).synRcvd = nt.synRcvd;
  if (timers) (you ??= {}).timers = timers;
  const score = fieldsChanged(base.score[side], g.score[side]);
  if (score) (you ??= {}).score = score;
  return you;
}

function peerDelta(base: Game, g: Game, peer: Side): ViewDelta['peer'] | undefined {
  let out: NonNullable<ViewDelta['peer']> | undefined;
  if (base.nicknames[peer] !== g.nicknames[peer]) (out ??= {}).nickname = g.nicknames[peer];
  if (base.conn[peer].state !== g.conn[peer].state) (out ??= {}).state = g.conn[peer].state;
  const bot = g.bot?.role === peer;
  if ((base.bot?.role === peer) !== bot) (out ??= {}).isBot = bot;
  if (base.timers[peer].timeWait !== g.timers[peer].timeWait) (out ??= {}).timeWait = g.timers[peer].timeWait;
  const bs = base.score[peer];
  const ns = g.score[peer];
  let score: NonNullable<NonNullable<ViewDelta['peer']>['score']> | undefined;
  if (bs.points !== ns.points) (score ??= {}).points = ns.points;
  if (bs.mistakes !== ns.mistakes) (score ??= {}).mistakes = ns.mistakes;
  if (score) (out ??= {}).score = score;
  return out;
}

/** The fields of `next` whose values differ from `prev`'s (deeply), or undefined if none. */
function fieldsChanged<T extends object>(prev: T, next: T): Partial<T> | undefined {
  const p = prev as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const k in n) if (!same(p[k], n[k])) (out ??= {})[k] = n[k];
  return out as Partial<T> | undefined;
}

/** Whether two segments look the same on the wire (their views are equal). */
function sameSegment(a: Segment, b: Segment): boolean {
  if (a === b) return true;
  if (a.seq !== b.seq || a.ack !== b.ack || a.len !== b.len || a.win !== b.win) return false;
  return a.flags === b.flags || same(flagNames(a.flags), flagNames(b.flags));
}

/** Whether two segments on the wire have equal views. */
function sameInFlight(a: InFlight, b: InFlight): boolean {
  return (
    a.id === b.id &&
    a.from === b.from &&
    a.sentAt === b.sentAt &&
    a.arriveAt === b.arriveAt &&
    a.lost === b.lost &&
    a.injected === b.injected &&
    sameSegment(a.segment, b.segment)
  );
}

/**
 * The wire part of a delta, as view-delta's wireDelta makes it from the two views: the segments
 * kept unchanged must be the new wire's first ones, in order; otherwise the whole wire is sent.
 */
function wireDelta(
  prev: readonly InFlight[],
  next: readonly InFlight[],
): { delta: ViewDelta['wire']; added: WireView[] } {
  const drop: number[] = [];
  let kept = 0;
  let inOrder = true;
  for (const w of prev) {
    const n = next.find((x) => x.id === w.id);
    if (n && sameInFlight(w, n)) {
      // the kept ones must come first in next, in prev's order
      if (next[kept]?.id !== w.id) inOrder = false;
      kept++;
    } else drop.push(w.id);
  }
  const gone = inOrder ? drop : prev.map((w) => w.id);
  const added = (inOrder ? next.slice(kept) : next).map(wireView);
  if (!gone.length && !added.length) return { delta: undefined, added };
  const delta: NonNullable<ViewDelta['wire']> = {};
  if (gone.length) delta.drop = gone;
  if (added.length) delta.add = added.map(packWire);
  return { delta, added };
}
