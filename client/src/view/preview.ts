/**
 * "What would the judge say?" for a segment being composed, in practice with hints: the shared send
 * judge on the player's own record, then whether it is one of the moves the scenario wants now.
 */
import { movesFromView, type GameView } from '../../../shared/game/game-view';
import { errorText, type Lang } from '../../../shared/i18n';
import { judgeSend } from '../../../shared/tcp/send';
import { ACK, PSH, type Segment } from '../../../shared/tcp/types';

export type Preview =
  | { kind: 'refused'; message: string; field?: string }
  | { kind: 'right' }
  | { kind: 'accepted' }
  | { kind: 'off-plan' };

/** The judge's verdict on a composed segment, and whether it is a right move now. */
export function previewSegment(view: GameView, seg: Segment, lang: Lang): Preview {
  const v = judgeSend(view.you.record, seg);
  if (!v.ok) return { kind: 'refused', message: errorText(lang, v.error).message, field: v.error.field };
  if (!view.you.canAct) return { kind: 'accepted' };
  // the ISN of an opening SYN is the player's choice: any seq is right there
  const moves = movesFromView(view, seg.seq);
  const right = moves.some((m) => {
    if (m.kind !== 'segment') return false;
    const s = m.segment;
    return (
      (s.flags & ~PSH) === (seg.flags & ~PSH) &&
      s.seq === seg.seq &&
      s.len === seg.len &&
      (!(s.flags & ACK) || s.ack === seg.ack)
    );
  });
  return right ? { kind: 'right' } : { kind: 'off-plan' };
}
