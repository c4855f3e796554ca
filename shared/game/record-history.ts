/**
 * A side's connection record before and after each log entry, found by replaying the log through
 * the shared rules (calls, sends, arrivals and timers of this side). The texts of refusals and
 * arrival notes name the state and RCV.NXT of that moment, which the log itself does not carry: the
 * client's log lines and ladder, and the comments of a game's capture file, read them here.
 * When the replay does not end at the record the server reports (a log cut at its size limit), the
 * history is not used.
 */
import type { LogView, SegmentView } from './game-view';
import { judgeArrival } from '../tcp/arrive';
import { judgeCall } from '../tcp/calls';
import { flagsFromNames } from '../tcp/flags';
import { expireSynRcvd, expireTimeWait } from '../tcp/judge';
import { judgeSend } from '../tcp/send';
import { closedTcb, type AppCallName, type Segment, type Side, type Tcb } from '../tcp/types';

export interface RecordAround {
  before: Tcb;
  after: Tcb;
}

const CALLS: readonly string[] = ['listen', 'connect', 'close', 'send', 'abort'] satisfies AppCallName[];

function toSegment(s: SegmentView): Segment | null {
  const flags = flagsFromNames(s.flags);
  if (flags === undefined) return null;
  return { flags, seq: s.seq, ack: s.ack, len: s.len, win: s.win };
}

function sameRecord(a: Tcb, b: Tcb): boolean {
  return (
    a.state === b.state &&
    a.iss === b.iss &&
    a.sndUna === b.sndUna &&
    a.sndNxt === b.sndNxt &&
    a.irs === b.irs &&
    a.rcvNxt === b.rcvNxt
  );
}

/** Own record around every log entry, or null when the log cannot be replayed to `final`. */
export function recordHistory(log: readonly LogView[], side: Side, final: Tcb): RecordAround[] | null {
  const r = replayRecord(log, side, true);
  return r && sameRecord(r[r.length - 1]?.after ?? closedTcb(), final) ? r : null;
}

/**
 * A side's record around every log entry, replayed through the shared rules from its calls, sends,
 * arrivals and timers (the peer's entries are in a player's log too). Strict: null at the first
 * entry the rules refuse. Lenient: such an entry changes nothing (a catch-the-error bot's wrong
 * segment never changed its record either).
 */
export function replayRecord(log: readonly LogView[], side: Side, strict: true): RecordAround[] | null;
export function replayRecord(log: readonly LogView[], side: Side, strict?: false): RecordAround[];
export function replayRecord(log: readonly LogView[], side: Side, strict = false): RecordAround[] | null {
  let t: Tcb = closedTcb();
  // a call that put a segment on the wire is followed by its own send entry: apply it once
  let callSent = false;
  const out: RecordAround[] = [];
  for (let i = 0; i < log.length; i++) {
    const e = log[i]!;
    const before = t;
    if ('side' in e && e.side === side) {
      if (e.type === 'call') {
        if (!CALLS.includes(e.call)) {
          if (strict) return null;
        } else {
          const call = e.call as AppCallName;
          let iss: number | undefined;
          if (call === 'connect') {
            const sent = log.slice(i + 1).find((x) => x.type === 'send' && x.side === side);
            iss = sent?.type === 'send' ? sent.segment.seq : undefined;
          }
          const v = judgeCall(t, iss === undefined ? { call } : { call, iss });
          if (v.ok) {
            t = v.tcb;
            callSent = v.wire !== null;
          } else if (strict) return null;
        }
      } else if (e.type === 'send') {
        if (callSent) {
          callSent = false;
        } else {
          const s = toSegment(e.segment);
          const v = s && judgeSend(t, s);
          if (v && v.ok) t = v.tcb;
          else if (strict) return null;
        }
      } else if (e.type === 'arrive') {
        const s = toSegment(e.segment);
        if (s) t = judgeArrival(t, s).tcb;
        else if (strict) return null;
      } else if (e.type === 'timer' && e.timer === 'time-wait' && !e.restarted) {
        t = expireTimeWait({ client: t, server: t }, 'client').client;
      } else if (e.type === 'timer' && e.timer === 'syn-rcvd') {
        t = expireSynRcvd({ client: t, server: t }, 'client').client;
      }
    }
    out.push({ before, after: t });
  }
  return out;
}
