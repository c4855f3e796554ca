import { judgeArrival } from '../../../shared/tcp/arrive';
import { TCP_STATES } from '../../../shared/tcp/types';
import { ARRIVAL_CASES } from '../../helpers/arrival-cases';

describe('judgeArrival', () => {
  for (const state of TCP_STATES) {
    describe(state, () => {
      test.each(ARRIVAL_CASES[state].map((c) => [c.name, c] as const))('%s', (_name, c) => {
        const before = JSON.stringify(c.tcb);
        const a = judgeArrival(c.tcb, c.segment);
        expect(JSON.stringify(c.tcb)).toBe(before);
        expect(a.tcb.state).toBe(c.expect.state);
        expect(a.notes).toContain(c.expect.note);
        const e = c.expect;
        if (e.owed !== undefined) expect(a.tcb.owed).toBe(e.owed);
        if (e.owedSeq !== undefined) expect(a.tcb.owedSeq).toBe(e.owedSeq);
        if (e.owedAck !== undefined) expect(a.tcb.owedAck).toBe(e.owedAck);
        if (e.rcvNxt !== undefined) expect(a.tcb.rcvNxt).toBe(e.rcvNxt);
        if (e.sndUna !== undefined) expect(a.tcb.sndUna).toBe(e.sndUna);
        expect(a.restart2msl).toBe(e.restart2msl ?? false);
      });
    });
  }

  test('a dropped segment leaves the record as it was apart from the ACK it owes', () => {
    const c = ARRIVAL_CASES.ESTABLISHED.find((x) => x.expect.note === 'RCV_OUT_OF_WINDOW')!;
    const a = judgeArrival(c.tcb, c.segment);
    expect({ ...a.tcb, owed: c.tcb.owed }).toEqual(c.tcb);
  });
});
