import { judgeArrival } from '../../../shared/tcp/arrive';
import { judgeCall } from '../../../shared/tcp/calls';
import {
  ARRIVAL_NOTE_CODES,
  JUDGE_ERROR_CODES,
  type ArrivalNoteCode,
  type JudgeErrorCode,
} from '../../../shared/tcp/codes';
import { judgeSend } from '../../../shared/tcp/send';
import { TABLE, TRANSITIONS } from '../../../shared/tcp/transitions';
import { TCP_STATES } from '../../../shared/tcp/types';
import { ARRIVAL_CASES } from '../../helpers/arrival-cases';
import { CALL_CASES } from '../../helpers/call-cases';
import { runLifecycle } from '../../helpers/lifecycle';
import { EXTRA_LIFECYCLES, HALF_OPEN, LIFECYCLES } from '../../helpers/lifecycles';
import { expireSynRcvd } from '../../../shared/tcp/judge';
import { SEND_CASES } from '../../helpers/send-cases';

/** Runs every table case and lifecycle, collecting the rows applied and the codes produced. */
function exerciseEverything() {
  const rows = new Set<string>();
  const errors = new Set<JudgeErrorCode>();
  const notes = new Set<ArrivalNoteCode>();
  for (const cases of Object.values(SEND_CASES)) {
    for (const c of cases) {
      const v = judgeSend(c.tcb, c.segment);
      if (v.ok) rows.add(v.row.id);
      else errors.add(v.error.code);
    }
  }
  for (const c of CALL_CASES) {
    const v = judgeCall(c.tcb, c.call);
    if (v.ok) rows.add(v.rowId);
    else errors.add(v.error.code);
  }
  for (const cases of Object.values(ARRIVAL_CASES)) {
    for (const c of cases) {
      const a = judgeArrival(c.tcb, c.segment);
      a.rows.forEach((r) => rows.add(r));
      a.notes.forEach((n) => notes.add(n));
    }
  }
  for (const lc of [...LIFECYCLES, ...EXTRA_LIFECYCLES]) {
    const r = runLifecycle(lc, { x: 1000, y: 5000 });
    r.rows.forEach((id) => rows.add(id));
    r.notes.forEach((n) => notes.add(n));
  }
  // the give-up timer of a half-open connection
  const half = runLifecycle(HALF_OPEN, { x: 1000, y: 5000 });
  const gaveUp = expireSynRcvd(half.conn, 'server');
  if (gaveUp.server.state === 'LISTEN') rows.add('SYN_RCVD|timer:SYN_RCVD');
  return { rows, errors, notes };
}

describe('the transition table', () => {
  const seen = exerciseEverything();

  test('row ids are unique and name their state and trigger', () => {
    const ids = TRANSITIONS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of TRANSITIONS) expect(r.id).toBe(`${r.from}|${r.on}`);
  });

  test('every state appears as a source and every state is reachable', () => {
    const from = new Set(TRANSITIONS.map((r) => r.from));
    const to = new Set(TRANSITIONS.map((r) => r.to));
    for (const s of TCP_STATES) {
      expect(from.has(s)).toBe(true);
      expect(to.has(s)).toBe(true);
    }
  });

  test.each(TRANSITIONS.map((r) => [r.id]))('row %s is applied by some case or lifecycle', (id) => {
    expect(seen.rows.has(id)).toBe(true);
  });

  test('retransmission-timer rows belong to states that can have unacknowledged sequence space', () => {
    for (const r of TRANSITIONS.filter((x) => x.on === 'timer:RTO')) {
      expect([
        'SYN_SENT',
        'SYN_RCVD',
        'ESTABLISHED',
        'FIN_WAIT_1',
        'CLOSE_WAIT',
        'CLOSING',
        'LAST_ACK',
      ]).toContain(r.from);
      expect(r.to).toBe(r.from);
    }
  });

  test('the index holds every row', () => {
    for (const r of TRANSITIONS) expect(TABLE[r.from][r.on]).toBe(r);
  });

  test.each(JUDGE_ERROR_CODES.map((c) => [c]))('error code %s is produced by some case', (code) => {
    expect(seen.errors.has(code)).toBe(true);
  });

  test.each(ARRIVAL_NOTE_CODES.map((c) => [c]))('note code %s is produced by some case', (code) => {
    expect(seen.notes.has(code)).toBe(true);
  });
});
