/** Moves between the protocol's form (flag names) and the engine's (a flag bitmask). */
import { segmentView } from '../../shared/game/game-view';
import type { MovePayload } from '../../shared/protocol/events';
import { flagsFromNames } from '../../shared/tcp/flags';
import type { AppCall, Move, Tcb } from '../../shared/tcp/types';

/** The engine's move for a checked payload; a segment without `win` advertises the sender's receive window. */
export function toMove(p: MovePayload, sender: Tcb): Move {
  if (p.kind === 'call') {
    const call: AppCall = p.bytes === undefined ? { call: p.call } : { call: p.call, bytes: p.bytes };
    return { kind: 'call', call };
  }
  const s = p.segment;
  // the schema makes win optional although SegmentView declares it
  const win: number | undefined = s.win;
  return {
    kind: 'segment',
    segment: {
      flags: flagsFromNames(s.flags) ?? 0,
      seq: s.seq,
      ack: s.ack,
      len: s.len,
      win: win ?? sender.rcvWnd,
    },
  };
}

/** The protocol's form of an engine move (a connect's chosen ISN is not part of it). */
export function toMovePayload(m: Move): MovePayload {
  if (m.kind === 'segment') return { kind: 'segment', segment: segmentView(m.segment) };
  return m.call.bytes === undefined
    ? { kind: 'call', call: m.call.call }
    : { kind: 'call', call: m.call.call, bytes: m.call.bytes };
}
