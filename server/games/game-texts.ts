/**
 * Texts about a game in the player's language, assembled from the shared texts only: why a move
 * was refused, and why the hint's moves are the right ones.
 */
import { canAct, currentStep, type GameError } from '../../shared/game/game-engine';
import { nextDuty } from '../../shared/game/next-duty';
import type { Game } from '../../shared/game/game-types';
import { errorText, noteText, type Lang } from '../../shared/i18n';
import { fill } from '../../shared/i18n';
import { TOO_MANY_BYTES_TEXTS, formatProtocolError } from '../../shared/i18n/protocol-texts';
import type { ScenarioTexts } from '../../shared/i18n/scenario-texts';
import { SCENARIO_TEXTS_EN } from '../../shared/i18n/scenario-texts.en';
import { SCENARIO_TEXTS_ZH_CN } from '../../shared/i18n/scenario-texts.zh-CN';
import type { ErrorPayload } from '../../shared/protocol/events';
import type { ScenarioId } from '../../shared/scenarios/scenarios';
import { flagLabel } from '../../shared/tcp/flags';
import type { Side } from '../../shared/tcp/types';

const SCENARIO_TEXTS: Record<Lang, ScenarioTexts> = { 'zh-CN': SCENARIO_TEXTS_ZH_CN, en: SCENARIO_TEXTS_EN };

/** What this role must do in the scenario, in `lang`. */
export function scenarioGoal(lang: Lang, id: ScenarioId, side: Side): string {
  return SCENARIO_TEXTS[lang][id].goal[side];
}

/** An application act as the call a player knows (open is connect()). */
function callLabel(act: string): string {
  return `${act === 'open' ? 'connect' : act}()`;
}

/** The answer to a refused move: the judge's code and explanation, or the server's code and text. */
export function moveErrorPayload(lang: Lang, e: GameError, g: Game, side: Side): ErrorPayload {
  if ('judge' in e) {
    const text = errorText(lang, e.judge);
    const out: ErrorPayload = { code: e.code, message: text.message, explain: text.explain };
    if (e.judge.field !== undefined) out.field = e.judge.field;
    if (e.judge.expected !== undefined) out.expected = e.judge.expected;
    if (e.judge.given !== undefined) out.given = e.judge.given;
    return out;
  }
  if (e.code === 'OFF_PLAN' && e.bytesLeft !== undefined) {
    return {
      code: e.code,
      message: fill(TOO_MANY_BYTES_TEXTS[lang], { left: e.bytesLeft, given: e.bytesTried }),
      explain: scenarioGoal(lang, g.scenarioId, side),
      field: 'len',
      expected: e.bytesLeft,
      given: e.bytesTried ?? 0,
    };
  }
  if (e.code === 'OFF_PLAN') {
    const out: ErrorPayload = {
      code: e.code,
      message: formatProtocolError(lang, e.code),
      explain: scenarioGoal(lang, g.scenarioId, side),
      given: callLabel(e.tried),
    };
    if (e.intent !== null) out.expected = callLabel(e.intent);
    return out;
  }
  return { code: e.code, message: formatProtocolError(lang, e.code) };
}

/**
 * Why the hint's moves are right: the retransmission timer fired; or the latest arrival created the
 * reply owed (its note, with the numbers); or the application wants something (the scenario goal);
 * otherwise there is nothing to do but wait.
 */
export function hintExplain(lang: Lang, g: Game, side: Side): string {
  const t = g.conn[side];
  const step = currentStep(g, side);
  const duty = nextDuty({
    phase: g.phase,
    paused: g.pausedAt !== null,
    you: {
      canAct: canAct(g, side),
      record: t,
      mustRetransmit: g.mustRetransmit[side],
      intent: step && { intent: step.intent },
    },
  });
  if (duty.kind === 'retransmit')
    return errorText(lang, { code: 'RETRANSMIT_MISMATCH', state: t.state }).explain;
  if (duty.kind === 'reply') {
    for (let i = g.log.length - 1; i >= 0; i--) {
      const e = g.log[i];
      if (e?.type !== 'arrive' || e.side !== side) continue;
      const code = e.notes.at(-1);
      if (!code) break;
      const s = e.segment;
      const n = noteText(lang, code, {
        state: t.state,
        seq: s.seq,
        ack: s.ack,
        len: s.len,
        flags: flagLabel(s.flags),
        rcvNxt: t.rcvNxt,
      });
      return `${n.message} ${n.explain}`;
    }
  }
  if (duty.kind === 'reply' || duty.kind === 'plan') return scenarioGoal(lang, g.scenarioId, side);
  return formatProtocolError(lang, 'NOT_YOUR_TURN');
}
