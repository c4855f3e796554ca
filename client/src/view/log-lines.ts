/**
 * The game's log as readable sentences in the player's language: the UI's words around the shared
 * teaching texts (noteText for what arrived, errorText for the player's own refusals; of the
 * opponent's refusals only that one happened). A move's line says what it earned: its points, or
 * that it was legal but nobody needed it (0 points).
 */
import type { GameView, LogView } from '../../../shared/game/game-view';
import { errorText, noteText, type Lang, type TextParams } from '../../../shared/i18n';
import {
  ARRIVAL_NOTE_CODES,
  JUDGE_ERROR_CODES,
  type ArrivalNoteCode,
  type ErrorField,
  type JudgeErrorCode,
} from '../../../shared/tcp/codes';
import type { JudgeError } from '../../../shared/tcp/judge-error';
import type { Side, TcpState } from '../../../shared/tcp/types';
import type { UiKey } from '../i18n/ui-texts';
import { segmentLabel } from './format';
import { recordHistory, type RecordAround } from './record-history';

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

/** Sentences for every log entry of a view. */
export function logLines(view: GameView, lang: Lang, tr: Translate): LogLine[] {
  const me = view.role;
  const history = recordHistory(view.log, me, view.you.record);
  const who = (side: Side) =>
    side === me ? tr('whoYou', { role: roleWord(tr, side) }) : tr('whoPeer', { role: roleWord(tr, side) });
  const seen = new Map<string, number>();
  return view.log.map((e, i) => {
    const base = `${e.t}|${e.type}|${'side' in e ? e.side : ''}|${'segmentId' in e ? e.segmentId : ''}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { key: `${base}|${n}`, ...lineFor(e, history?.[i], view, lang, tr, who) };
  });
}

function lineFor(
  e: LogView,
  around: RecordAround | undefined,
  view: GameView,
  lang: Lang,
  tr: Translate,
  who: (s: Side) => string,
): Omit<LogLine, 'key'> {
  const me = view.role;
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
        text: scoredLine(tr(key, { who: who(e.side), seg: segmentLabel(e.segment) }), e, tr),
      };
    }
    case 'arrive': {
      const seg = segmentLabel(e.segment);
      if (e.side !== me) return { tone: 'peer', text: tr('logArrivePeer', { seg, who: who(e.side) }) };
      const after = around?.after ?? view.you.record;
      const params: TextParams = {
        seq: e.segment.seq,
        ack: e.segment.ack,
        len: e.segment.len,
        flags: e.segment.flags.join(','),
        state: after.state,
        rcvNxt: after.rcvNxt,
      };
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
      return { tone: 'lost', text: tr('logLost', { seg: segmentLabel(e.segment), who: who(e.side) }) };
    case 'refused': {
      if (e.side !== me) return { tone: 'peer', text: tr('logRefusedPeer') };
      const m = refusalText(lang, e, around?.before.state);
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
export function mistakes(view: GameView, lang: Lang): MistakeText[] {
  const history = recordHistory(view.log, view.role, view.you.record);
  const out: MistakeText[] = [];
  view.log.forEach((e, i) => {
    if (e.type === 'refused' && e.side === view.role && e.code !== undefined)
      out.push(refusalText(lang, e, history?.[i]?.before.state));
  });
  return out;
}
