/**
 * Freeze and ask, as pure code: the question the big screen asks about a frozen pair (what the side
 * whose duty it is should send or do now), the right move in the projector's x and y, and why.
 */
import { movesFromView, segmentView } from '../../../shared/game/game-view';
import { nextDuty } from '../../../shared/game/next-duty';
import { errorText, type Lang } from '../../../shared/i18n';
import { projectorText } from '../../../shared/i18n/projector-texts';
import type { WatchView } from '../../../shared/protocol/events';
import type { Move, Side } from '../../../shared/tcp/types';
import { segmentLabel } from '../view/format';
import { replyExplain } from '../view/log-lines';
import { ISN_LETTER, numberingOf, type Numbering } from '../view/numbering';

const SIDES: readonly Side[] = ['client', 'server'];

/** The question the big screen asks while a pair is frozen, and its answer. */
export interface Question {
  side: Side;
  ask: string;
  answer: string;
  explain: string;
}

function sideName(lang: Lang, s: Side): string {
  return projectorText(lang, s === 'client' ? 'theClient' : 'theServer');
}

/** What a move is, as the answer shows it. */
function moveText(lang: Lang, side: Side, m: Move, num: Numbering): string {
  if (m.kind === 'call')
    return projectorText(lang, 'answerCall', { side: sideName(lang, side), call: `${m.call}()` });
  const seg = segmentView(m.segment);
  let label = segmentLabel(seg, side, num);
  // a SYN's number is the side's ISN, still to be chosen: the textbook's x or y
  if (seg.flags.includes('SYN') && num.isn[side] === null)
    label = label.replace(/seq=\S+/, `seq=${ISN_LETTER[side]}`);
  return projectorText(lang, 'answer', { side: sideName(lang, side), seg: label });
}

/**
 * The side whose duty it is in a pair's game (read from that side's view as if it were not paused)
 * and what it should do: the question, the right move, and why (the note on the arrival that made
 * the reply owed, the retransmission rule, or the scenario's next step). Null: nobody owes anything.
 */
export function questionFor(w: WatchView, lang: Lang): Question | null {
  for (const side of SIDES) {
    const v = side === 'client' ? w.client : w.server;
    const duty = nextDuty({ ...v, paused: false });
    if (duty.kind !== 'reply' && duty.kind !== 'plan' && duty.kind !== 'retransmit') continue;
    const moves = movesFromView(v);
    const first = moves[0];
    if (!first) continue;
    const num = numberingOf(v, 'relative');
    const ask = projectorText(lang, first.kind === 'call' ? 'askCall' : 'ask', {
      side: sideName(lang, side),
    });
    let explain = projectorText(lang, 'planStep', { side: sideName(lang, side) });
    if (duty.kind === 'retransmit') {
      explain = `${projectorText(lang, 'retransmit', { side: sideName(lang, side) })} ${
        errorText(lang, { code: 'RETRANSMIT_MISMATCH', state: v.you.record.state }).explain
      }`;
    } else if (duty.kind === 'reply') {
      // the arrival's note, in x and y like the rest of the projector
      explain = replyExplain(lang, v, num) ?? explain;
    }
    return { side, ask, answer: moveText(lang, side, first, num), explain };
  }
  return null;
}
