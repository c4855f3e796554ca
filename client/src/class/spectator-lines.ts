/**
 * The segments a spectator sees exchanged, as sentences: pure, so tests read it without a browser.
 * Numbers as the projector writes them: the client's ISN x, the server's y, the rest x+1, y+1...
 */
import type { WatchView } from '../../../shared/protocol/events';
import type { Side } from '../../../shared/tcp/types';
import { segmentLabel } from '../view/format';
import { scoredLine, type Translate } from '../view/log-lines';
import { numberingOf } from '../view/numbering';

export interface SpectatorLine {
  key: string;
  side: Side;
  text: string;
  tone: 'send' | 'lost' | 'refused';
}

/**
 * The exchange as the spectator reads it: every segment sent (with what it earned), lost or refused,
 * from the client's log.
 */
export function spectatorLines(w: WatchView, t: Translate): SpectatorLine[] {
  const who = (s: Side) => t(s === 'client' ? 'roleClient' : 'roleServer');
  const out: SpectatorLine[] = [];
  const num = numberingOf(w.client, 'relative');
  // the client's view holds every send and loss of both sides; refusals only as "one was made"
  w.client.log.forEach((e, i) => {
    if (e.type === 'send')
      out.push({
        key: `${i}`,
        side: e.side,
        tone: 'send',
        text: scoredLine(
          t(e.retransmission ? 'logSendRetransmission' : 'logSend', {
            who: who(e.side),
            seg: segmentLabel(e.segment, e.side, num),
          }),
          e,
          t,
        ),
      });
    else if (e.type === 'lost')
      out.push({
        key: `${i}`,
        side: e.side,
        tone: 'lost',
        text: t('logLost', { who: who(e.side), seg: segmentLabel(e.segment, e.side, num) }),
      });
    else if (e.type === 'refused')
      out.push({
        key: `${i}`,
        side: e.side,
        tone: 'refused',
        text: `${who(e.side)}: ${t('logRefusedPeer')}`,
      });
  });
  return out;
}
