/**
 * Where a segment is on the wire at a moment of server time, and what is special about it. A lost
 * segment flies to the middle of the wire and falls off there until its arrival time.
 */
import type { GameView, WireView } from '../../../shared/game/game-view';

export interface Motion {
  /** 0 at the sender, 1 at the receiver. */
  progress: number;
  /** For a lost segment past the middle: 0 when it starts falling, 1 when it is gone. */
  fall: number;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** The position of a segment at server time `now`. */
export function motionOf(w: WireView, now: number): Motion {
  const span = Math.max(1, w.arriveAt - w.sentAt);
  const p = clamp01((now - w.sentAt) / span);
  if (!w.lost || p <= 0.5) return { progress: p, fall: 0 };
  return { progress: 0.5, fall: clamp01((p - 0.5) / 0.5) };
}

export interface WireTags {
  lost: boolean;
  injected: boolean;
  /** A second copy the network made of a segment. */
  duplicate: boolean;
  /** Held longer than one flight. */
  delayed: boolean;
  retransmission: boolean;
}

/** What to mark on each segment of the wire, by id. */
export function wireTags(view: GameView): Map<number, WireTags> {
  const retrans = new Set<number>();
  for (const e of view.log) if (e.type === 'send' && e.retransmission) retrans.add(e.segmentId);
  const out = new Map<number, WireTags>();
  for (const w of view.wire) {
    const twin = view.wire.some(
      (o) =>
        o.id < w.id &&
        o.from === w.from &&
        o.sentAt === w.sentAt &&
        o.segment.seq === w.segment.seq &&
        o.segment.ack === w.segment.ack &&
        o.segment.len === w.segment.len &&
        o.segment.flags.join() === w.segment.flags.join(),
    );
    out.set(w.id, {
      lost: w.lost,
      injected: w.injected,
      duplicate: twin,
      delayed: w.arriveAt - w.sentAt > view.settings.flightMs * 1.5,
      retransmission: retrans.has(w.id),
    });
  }
  return out;
}
