/**
 * The game screen's status line: the player's next duty (shared nextDuty, the order the judge and
 * the hint follow) in words, so it never says "close()" while TCP still owes an ACK.
 */
import { nextDuty, type Duty, type DutyInput, type PlanIntent } from '../../../shared/game/next-duty';
import type { Owed } from '../../../shared/tcp/types';
import type { UiKey } from '../i18n/ui-texts';
import type { Translate } from './log-lines';

export interface DutyStatus {
  /** The duty's kind: the status line's look follows it (paused is not "your move"). */
  kind: Duty['kind'];
  text: string;
}

const REPLY: Record<Exclude<Owed, 'none'>, UiKey> = {
  ack: 'dutyReplyAck',
  'syn-ack': 'dutyReplySynAck',
  rst: 'dutyReplyRst',
  'rst-ack': 'dutyReplyRstAck',
};

const THEN: Record<PlanIntent, UiKey> = {
  listen: 'dutyThenListen',
  open: 'dutyThenOpen',
  send: 'dutyThenSend',
  close: 'dutyThenClose',
};

const INTENT: Record<PlanIntent, UiKey> = {
  listen: 'intentListen',
  open: 'intentOpen',
  send: 'intentSend',
  close: 'intentClose',
};

/** The status line for a view: what its player must do next, and the kind of that duty. */
export function dutyStatus(v: DutyInput, tr: Translate): DutyStatus {
  const d = nextDuty(v);
  const bytes = { n: v.you.intent?.bytesLeft ?? 0 };
  switch (d.kind) {
    case 'finished':
      return { kind: d.kind, text: tr('statusFinished') };
    case 'paused':
      return { kind: d.kind, text: tr('statusPaused') };
    case 'wait':
      return { kind: d.kind, text: tr('statusWait') };
    case 'retransmit':
      return { kind: d.kind, text: tr('statusRetransmit') };
    case 'reply': {
      // the FIN rides on the owed ACK: one segment does both, so there is no "then"
      if (d.piggyback && d.then === 'close' && d.owed === 'ack')
        return { kind: d.kind, text: `${tr('statusYourMove')} ${tr('dutyPiggyback')}` };
      const parts = [tr('statusYourMove'), tr(REPLY[d.owed])];
      if (d.then) parts.push(tr(THEN[d.then], bytes));
      return { kind: d.kind, text: parts.join(' ') };
    }
    case 'plan':
      return { kind: d.kind, text: `${tr('statusYourMove')} ${tr(INTENT[d.intent], bytes)}` };
  }
}
