/**
 * Where a pair stands in the textbook's picture, from what the dashboard knows of it (both states,
 * the segments in flight, the scenario): the handshake's three segments and the teardown's four,
 * each done (its arrival shows in the receiver's state), in flight, lost on the way, or still to
 * come. Pure, so the big screen draws it and tests read it without a browser.
 */
import type { PairProgress } from '../../../shared/class/class-types';
import type { SegmentView } from '../../../shared/game/game-view';
import type { Lang } from '../../../shared/i18n';
import { projectorText, type ProjectorKey } from '../../../shared/i18n/projector-texts';
import { SCENARIOS, type ScenarioId } from '../../../shared/scenarios/scenarios';
import type { Side, TcpState } from '../../../shared/tcp/types';

export type StepFate = 'done' | 'flying' | 'lost' | 'todo';

/** One segment of the textbook's ladder: who sends it and its flags. */
export interface TextbookStep {
  from: Side;
  flags: 'SYN' | 'SYN,ACK' | 'ACK' | 'FIN';
  part: 'open' | 'close';
  fate: StepFate;
}

export type Stage =
  | { kind: 'open'; n: number }
  | { kind: 'established' }
  | { kind: 'close'; n: number }
  | { kind: 'time-wait'; side: Side }
  | { kind: 'closed' };

export interface TextbookProgress {
  steps: TextbookStep[];
  /** How many steps arrived (a prefix of `steps`). */
  done: number;
  /** The side that closes first (sends the first FIN); null without a teardown. */
  closer: Side | null;
  stage: Stage;
}

/** What the picture is drawn from: a pair of the dashboard, reduced to what it needs. */
export interface ProgressInput {
  scenarioId: ScenarioId | null;
  client: TcpState | null;
  server: TcpState | null;
  /** Whether the game met its goal (null: not over): a teardown's goal leaves both sides CLOSED after it. */
  goalMet: boolean | null;
  wire: readonly { from: Side; lost: boolean; segment: Pick<SegmentView, 'flags' | 'len'> }[];
}

const RANK: Readonly<Record<TcpState, number>> = {
  CLOSED: 0,
  LISTEN: 0,
  SYN_SENT: 1,
  SYN_RCVD: 1,
  ESTABLISHED: 2,
  FIN_WAIT_1: 3,
  CLOSE_WAIT: 3,
  FIN_WAIT_2: 4,
  CLOSING: 4,
  LAST_ACK: 4,
  TIME_WAIT: 5,
};
/** CLOSED once the connection was torn down: past every other state of its side. */
const AFTER = 6;

function peerOf(s: Side): Side {
  return s === 'client' ? 'server' : 'client';
}

/** Whether the scenario tears the connection down, and which side its plans make close first. */
function teardownOf(id: ScenarioId | null): { teardown: boolean; closer: Side | null } {
  const sc = id ? SCENARIOS[id] : undefined;
  if (!sc) return { teardown: true, closer: null };
  const teardown = sc.goal.client.includes('CLOSED') && sc.goal.server.includes('CLOSED');
  for (const side of ['client', 'server'] as const)
    if (
      sc.plans[side].some(
        (p) => p.intent === 'close' && p.when.includes('ESTABLISHED') && !p.when.includes('CLOSE_WAIT'),
      )
    )
      return { teardown, closer: side };
  return { teardown, closer: null };
}

/** The side a state shows closing first (FIN_WAIT_1, FIN_WAIT_2, CLOSING, TIME_WAIT), if any. */
function closerFromStates(c: TcpState | null, s: TcpState | null): Side | null {
  const active = (x: TcpState | null) =>
    x === 'FIN_WAIT_1' || x === 'FIN_WAIT_2' || x === 'CLOSING' || x === 'TIME_WAIT';
  if (active(c)) return 'client';
  if (active(s)) return 'server';
  if (c === 'CLOSE_WAIT' || c === 'LAST_ACK') return 'server';
  if (s === 'CLOSE_WAIT' || s === 'LAST_ACK') return 'client';
  return null;
}

function matches(step: TextbookStep, seg: Pick<SegmentView, 'flags' | 'len'>): boolean {
  const syn = seg.flags.includes('SYN');
  const fin = seg.flags.includes('FIN');
  if (step.flags === 'SYN') return syn && !seg.flags.includes('ACK');
  if (step.flags === 'SYN,ACK') return syn && seg.flags.includes('ACK');
  if (step.flags === 'FIN') return fin;
  return !syn && !fin && seg.flags.includes('ACK') && seg.len === 0;
}

/**
 * The textbook's ladder for a pair and how far it got: the client opens (SYN, SYN,ACK, ACK); with
 * a teardown, the closer sends FIN, the other ACK then FIN, the closer the last ACK. A step is done
 * once its receiver's state shows it arrived; a segment in flight marks the first matching step not
 * done (lost when the network dropped it).
 */
export function textbookProgress(p: ProgressInput): TextbookProgress {
  const planned = teardownOf(p.scenarioId);
  const closer = planned.teardown
    ? (closerFromStates(p.client, p.server) ?? planned.closer ?? 'client')
    : null;
  const rank = (side: Side): number => {
    const st = side === 'client' ? p.client : p.server;
    const other = side === 'client' ? p.server : p.client;
    if (st === null) return 0;
    // CLOSED is where both start and where a teardown ends: after it when the other side is
    // already tearing down (TIME_WAIT, say) or the teardown's goal was met
    if (st === 'CLOSED' && closer !== null && (p.goalMet === true || (other !== null && RANK[other] >= 3)))
      return AFTER;
    return RANK[st];
  };
  const c = rank('client');
  const s = rank('server');
  const steps: TextbookStep[] = [];
  const arrived: boolean[] = [];
  const add = (from: Side, flags: TextbookStep['flags'], part: TextbookStep['part'], ok: boolean) => {
    steps.push({ from, flags, part, fate: 'todo' });
    arrived.push(ok);
  };
  add('client', 'SYN', 'open', s >= 1);
  add('server', 'SYN,ACK', 'open', c >= 2);
  add('client', 'ACK', 'open', s >= 2);
  if (closer !== null) {
    const a = closer === 'client' ? c : s;
    const b = closer === 'client' ? s : c;
    const passive = peerOf(closer);
    add(closer, 'FIN', 'close', b >= 3);
    add(passive, 'ACK', 'close', a >= 4);
    add(passive, 'FIN', 'close', a >= 5);
    add(closer, 'ACK', 'close', b >= 5);
  }
  // the steps done are a prefix: a later arrival implies the earlier ones
  let done = 0;
  for (let i = arrived.length - 1; i >= 0; i--)
    if (arrived[i]) {
      done = i + 1;
      break;
    }
  for (let i = 0; i < done; i++) steps[i]!.fate = 'done';
  for (const w of p.wire) {
    const step = steps.find(
      (st, i) => i >= done && st.fate === 'todo' && st.from === w.from && matches(st, w.segment),
    );
    if (step) step.fate = w.lost ? 'lost' : 'flying';
  }
  return { steps, done, closer, stage: stageOf(steps.length, done, closer, closer === 'client' ? c : s) };
}

/** The stage a count of steps done means; `closerRank` tells TIME_WAIT from CLOSED at the end. */
function stageOf(total: number, done: number, closer: Side | null, closerRank: number): Stage {
  if (done < 3) return { kind: 'open', n: done };
  if (total === 3 || done === 3) return { kind: 'established' };
  if (done < total) return { kind: 'close', n: done - 3 };
  if (closer !== null && closerRank === 5) return { kind: 'time-wait', side: closer };
  return { kind: 'closed' };
}

/** Where a pair stands, as a status key and a tone for its badge. */
export function pairStatus(p: PairProgress): { key: ProjectorKey; tone: 'live' | 'good' | 'bad' | 'hold' } {
  // a finished game, or the last of the round's list: whether it met its goal is what counts
  if (p.phase !== 'playing')
    return p.goalMet ? { key: 'statusGoalMet', tone: 'good' } : { key: 'statusGoalNotMet', tone: 'bad' };
  if (p.frozen) return { key: 'statusFrozen', tone: 'hold' };
  if (p.paused) return { key: 'statusPaused', tone: 'hold' };
  return { key: 'statusPlaying', tone: 'live' };
}

/** The sentence under a pair's ladder: the handshake's or the teardown's count, or the end reached. */
export function stageText(lang: Lang, s: Stage): string {
  switch (s.kind) {
    case 'open':
      return projectorText(lang, 'stageOpen', { n: s.n });
    case 'established':
      return projectorText(lang, 'stageEstablished');
    case 'close':
      return projectorText(lang, 'stageClose', { n: s.n });
    case 'time-wait':
      return projectorText(lang, 'stageTimeWait', {
        side: projectorText(lang, s.side === 'client' ? 'client' : 'server'),
      });
    case 'closed':
      return projectorText(lang, 'stageClosed');
  }
}

/** The pairs finished (their game or the whole round's list) and those whose goal was met. */
export function tally(pairs: readonly PairProgress[]): { finished: number; total: number; met: number } {
  return {
    finished: pairs.filter((p) => p.phase !== 'playing').length,
    total: pairs.length,
    met: pairs.filter((p) => p.phase !== 'playing' && p.goalMet === true).length,
  };
}
