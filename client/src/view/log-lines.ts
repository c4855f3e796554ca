/**
 * The game's log as readable sentences in the player's language: the UI's words around the shared
 * teaching texts (noteText for what arrived, errorText for the player's own refusals; of the
 * opponent's refusals only that one happened). A move's line says what it earned: its points, or
 * that it was legal but nobody needed it (0 points).
 */
import type { GameView, LogView, SegmentView } from '../../../shared/game/game-view';
import { nextDuty } from '../../../shared/game/next-duty';
import { errorText, noteText, type Lang, type TextParams } from '../../../shared/i18n';
import {
  ARRIVAL_NOTE_CODES,
  JUDGE_ERROR_CODES,
  type ArrivalNoteCode,
  type ErrorField,
  type JudgeErrorCode,
} from '../../../shared/tcp/codes';
import type { JudgeError } from '../../../shared/tcp/judge-error';
import type { Side, Tcb, TcpState } from '../../../shared/tcp/types';
import type { UiKey } from '../i18n/ui-texts';
import { segmentLabel } from './format';
import { numText, type Numbering } from './numbering';
import { recordHistory, type RecordAround } from '../../../shared/game/record-history';

export type Translate = (key: UiKey, params?: TextParams) => string;

export type LogTone = 'info' | 'you' | 'peer' | 'refused' | 'lost' | 'end';

export interface LogLine {
  /** Stable across updates, so only new lines are added to the page. */
  key: string;
  tone: LogTone;
  text: string;
  /** The teaching explanation, for the player's own refusals and arrivals. */
  explain?: string;
}

export interface MistakeText {
  code: string;
  message: string;
  explain: string;
  expected?: number | string;
  given?: number | string;
}

function isJudgeCode(c: string | undefined): c is JudgeErrorCode {
  return c !== undefined && (JUDGE_ERROR_CODES as readonly string[]).includes(c);
}

function isNoteCode(c: string): c is ArrivalNoteCode {
  return (ARRIVAL_NOTE_CODES as readonly string[]).includes(c);
}

const FIELDS: readonly string[] = ['flags', 'seq', 'ack', 'len', 'win', 'call'] satisfies ErrorField[];

/** The texts of one of the player's own refusals, with the state it was made in when known. */
export function refusalText(
  lang: Lang,
  e: { code?: string; field?: string; expected?: number | string; given?: number | string },
  state: TcpState | undefined,
): MistakeText {
  const code = e.code ?? '';
  if (!isJudgeCode(code)) return { code, message: code, explain: '' };
  const err: JudgeError = {
    code,
    // an unknown state shows as "?" in the text, which only happens for a log cut at its size limit
    state: state ?? ('?' as TcpState),
    ...(e.field !== undefined && FIELDS.includes(e.field) ? { field: e.field as ErrorField } : {}),
    ...(e.expected !== undefined ? { expected: e.expected } : {}),
    ...(e.given !== undefined ? { given: e.given } : {}),
  };
  const t = errorText(lang, err);
  return { code, message: t.message, explain: t.explain, expected: e.expected, given: e.given };
}

/**
 * A refusal's expected and given values in a numbering: a seq counts in the mover's own numbers, an
 * ack in its peer's; other fields (flags, lengths, calls) as they are. With `both`, a relative value
 * is followed by the absolute one: "x+1 (1001)".
 */
export function refusalInNumbering<
  E extends { field?: string; expected?: number | string; given?: number | string },
>(e: E, side: Side, num: Numbering | undefined, both = false): E {
  if (!num || num.mode === 'absolute' || (e.field !== 'seq' && e.field !== 'ack')) return e;
  const owner: Side = e.field === 'seq' ? side : side === 'client' ? 'server' : 'client';
  const conv = (x: number | string | undefined) => {
    if (typeof x !== 'number') return x;
    const rel = numText(num, x, owner);
    return both && rel !== String(x) ? `${rel} (${x})` : rel;
  };
  return { ...e, expected: conv(e.expected), given: conv(e.given) };
}

/**
 * A refusal of the player's own in a numbering: the message and explanation with relative numbers,
 * the expected and given values with the absolute ones beside them.
 */
export function refusalInView(
  lang: Lang,
  e: { code?: string; field?: string; expected?: number | string; given?: number | string },
  side: Side,
  state: TcpState | undefined,
  num: Numbering | undefined,
): MistakeText {
  const t = refusalText(lang, refusalInNumbering(e, side, num), state);
  const pair = refusalInNumbering(e, side, num, true);
  return { ...t, expected: pair.expected, given: pair.given };
}

/**
 * What a move's log entry says it earned (points, and `pointless` for a legal move nobody needed);
 * null for other entries. Read with checks: the view's type of a send does not name these fields.
 */
export function moveScore(e: LogView): { points: number; pointless: boolean } | null {
  if (e.type !== 'send' && e.type !== 'call') return null;
  const points = 'points' in e && typeof e.points === 'number' ? e.points : 0;
  return { points, pointless: 'pointless' in e && e.pointless === true };
}

/** A move's sentence with what it earned: "+10 points", or legal but not needed; else as it is. */
export function scoredLine(line: string, e: LogView, tr: Translate): string {
  const s = moveScore(e);
  if (!s) return line;
  if (s.pointless) return tr('logPointless', { line });
  return s.points > 0 ? tr('logWithPoints', { line, points: s.points }) : line;
}

function roleWord(tr: Translate, side: Side): string {
  return tr(side === 'client' ? 'roleClient' : 'roleServer');
}

/** Sentences for every log entry of a view, numbers in `num` (absolute when not given). */
export function logLines(view: GameView, lang: Lang, tr: Translate, num?: Numbering): LogLine[] {
  const me = view.role;
  const history = recordHistory(view.log, me, view.you.record);
  const who = (side: Side) =>
    side === me ? tr('whoYou', { role: roleWord(tr, side) }) : tr('whoPeer', { role: roleWord(tr, side) });
  const seen = new Map<string, number>();
  return view.log.map((e, i) => {
    const base = `${e.t}|${e.type}|${'side' in e ? e.side : ''}|${'segmentId' in e ? e.segmentId : ''}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { key: `${base}|${n}`, ...lineFor(e, history?.[i], view, lang, tr, who, num) };
  });
}

/**
 * The numbers an arrival's notes are filled with, in a numbering: the sender's seq and the
 * receiver's RCV.NXT count in the sender's numbers, its ack in the receiver's; the receiver's state
 * and RCV.NXT are those of `after` (its record after the arrival, or now).
 */
export function arrivalParams(
  seg: SegmentView,
  receiver: Side,
  after: Pick<Tcb, 'state' | 'rcvNxt'>,
  num: Numbering | undefined,
): TextParams {
  const sender: Side = receiver === 'client' ? 'server' : 'client';
  const n = (x: number, owner: Side) => (num ? numText(num, x, owner) : x);
  return {
    seq: n(seg.seq, sender),
    ack: n(seg.ack, receiver),
    len: seg.len,
    flags: seg.flags.join(','),
    state: after.state,
    rcvNxt: n(after.rcvNxt, sender),
  };
}

/**
 * Why a view's player owes a reply, as the hint and the projector say it (the server's hint says
 * the same in absolute numbers): the last note on the last arrival at it, message and explanation,
 * with its record's state and RCV.NXT now, numbers in `num`. Null when it owes no reply or that
 * arrival carried no note.
 */
export function replyExplain(lang: Lang, v: GameView, num: Numbering | undefined): string | null {
  if (nextDuty({ ...v, paused: false }).kind !== 'reply') return null;
  for (let i = v.log.length - 1; i >= 0; i--) {
    const e = v.log[i];
    if (e?.type !== 'arrive' || e.side !== v.role) continue;
    const code = e.notes.at(-1);
    if (code === undefined || !isNoteCode(code)) return null;
    const t = noteText(lang, code, arrivalParams(e.segment, v.role, v.you.record, num));
    return `${t.message} ${t.explain}`;
  }
  return null;
}

function lineFor(
  e: LogView,
  around: RecordAround | undefined,
  view: GameView,
  lang: Lang,
  tr: Translate,
  who: (s: Side) => string,
  num: Numbering | undefined,
): Omit<LogLine, 'key'> {
  const me = view.role;
  const other = (s: Side): Side => (s === 'client' ? 'server' : 'client');
  switch (e.type) {
    case 'call':
      return {
        tone: e.side === me ? 'you' : 'peer',
        text: scoredLine(tr('logCall', { who: who(e.side), call: e.call }), e, tr),
      };
    case 'send': {
      const key = e.retransmission
        ? 'logSendRetransmission'
        : e.auto && e.side === me
          ? 'logSendAuto'
          : 'logSend';
      return {
        tone: e.side === me ? 'you' : 'peer',
        text: scoredLine(tr(key, { who: who(e.side), seg: segmentLabel(e.segment, e.side, num) }), e, tr),
      };
    }
    case 'arrive': {
      const seg = segmentLabel(e.segment, other(e.side), num);
      if (e.side !== me) return { tone: 'peer', text: tr('logArrivePeer', { seg, who: who(e.side) }) };
      const params = arrivalParams(e.segment, e.side, around?.after ?? view.you.record, num);
      const notes = e.notes.filter(isNoteCode).map((c) => noteText(lang, c, params));
      return {
        tone: e.injected ? 'lost' : 'info',
        text: tr(e.injected ? 'logArriveInjected' : 'logArrive', {
          seg,
          who: who(e.side),
          notes: notes.map((x) => x.message).join(' '),
        }),
        explain: notes.map((x) => x.explain).join(' ') || undefined,
      };
    }
    case 'lost':
      return {
        tone: 'lost',
        text: tr('logLost', { seg: segmentLabel(e.segment, e.side, num), who: who(e.side) }),
      };
    case 'refused': {
      if (e.side !== me) return { tone: 'peer', text: tr('logRefusedPeer') };
      const m = refusalText(lang, refusalInNumbering(e, me, num), around?.before.state);
      return {
        tone: 'refused',
        text: tr('logRefusedMine', { message: m.message }),
        explain: m.explain || undefined,
      };
    }
    case 'timer': {
      const w = who(e.side);
      const key: UiKey =
        e.timer === 'turn'
          ? 'logTimerTurn'
          : e.timer === 'rto'
            ? 'logTimerRto'
            : e.timer === 'syn-rcvd'
              ? 'logTimerSynRcvd'
              : e.restarted
                ? 'logTimerTimeWaitRestart'
                : 'logTimerTimeWait';
      return { tone: 'info', text: tr(key, { who: w }) };
    }
    case 'caught':
      return { tone: e.caught ? 'you' : 'refused', text: tr(e.caught ? 'logCaught' : 'logMissed') };
    case 'end':
      return { tone: 'end', text: tr(e.goalMet ? 'logEndMet' : 'logEndNotMet') };
  }
}

/** The player's own refusals in a finished game, each with its explanation (the round summary). */
export function mistakes(view: GameView, lang: Lang, num?: Numbering): MistakeText[] {
  const history = recordHistory(view.log, view.role, view.you.record);
  const out: MistakeText[] = [];
  view.log.forEach((e, i) => {
    if (e.type === 'refused' && e.side === view.role && e.code !== undefined)
      out.push(refusalInView(lang, e, view.role, history?.[i]?.before.state, num));
  });
  return out;
}
