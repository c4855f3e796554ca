import { judgeCall } from '../../../shared/tcp/calls';
import { flagLabel } from '../../../shared/tcp/flags';
import { CALL_CASES } from '../../helpers/call-cases';

describe('judgeCall', () => {
  test.each(CALL_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const before = JSON.stringify(c.tcb);
    const v = judgeCall(c.tcb, c.call);
    expect(JSON.stringify(c.tcb)).toBe(before);
    if ('code' in c.expect) {
      expect(v.ok ? 'accepted' : v.error.code).toBe(c.expect.code);
    } else {
      if (!v.ok) throw new Error(`refused: ${JSON.stringify(v.error)}`);
      expect(v.tcb.state).toBe(c.expect.state);
      expect(v.wire ? flagLabel(v.wire.flags) : null).toBe(c.expect.wire);
    }
  });

  test('close() sends FIN at SND.NXT acking RCV.NXT', () => {
    const c = CALL_CASES.find((x) => x.name === 'close in CLOSE_WAIT')!;
    const v = judgeCall(c.tcb, c.call);
    expect(v.ok && v.wire).toMatchObject({ seq: 5001, ack: 1002, len: 0 });
  });

  test.each(['listen', 'connect'] as const)(
    '%s() while CLOSED owes an RST is refused as a reply owed, naming the RST',
    (call) => {
      const closed = CALL_CASES.find((x) => x.tcb.state === 'CLOSED' && x.tcb.owed === 'none')!.tcb;
      const owing = { ...closed, owed: 'rst' as const, owedSeq: 0, owedAck: 0 };
      const v = judgeCall(owing, { call });
      expect(v.ok ? null : [v.error.code, v.error.expected, v.error.given]).toEqual([
        'REPLY_OWED',
        'RST',
        `${call}()`,
      ]);
      // without the debt the same call is fine
      expect(judgeCall(closed, { call }).ok).toBe(true);
    },
  );
});
