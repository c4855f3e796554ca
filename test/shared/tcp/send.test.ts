import { judgeSend } from '../../../shared/tcp/send';
import { TCP_STATES } from '../../../shared/tcp/types';
import { SEND_CASES } from '../../helpers/send-cases';

describe('judgeSend', () => {
  for (const group of ['any', ...TCP_STATES] as const) {
    describe(group, () => {
      test.each(SEND_CASES[group].map((c) => [c.name, c] as const))('%s', (_name, c) => {
        const before = JSON.stringify(c.tcb);
        const v = judgeSend(c.tcb, c.segment);
        expect(JSON.stringify(c.tcb)).toBe(before);
        if ('code' in c.expect) {
          expect(v.ok).toBe(false);
          if (v.ok) return;
          expect(v.error.code).toBe(c.expect.code);
          expect(v.error.state).toBe(c.tcb.state);
          if (c.expect.expected !== undefined) expect(v.error.expected).toBe(c.expect.expected);
        } else {
          if (!v.ok) throw new Error(`refused: ${JSON.stringify(v.error)}`);
          expect(v.tcb.state).toBe(c.expect.state);
          expect(v.retransmission).toBe(c.expect.retransmission ?? false);
          expect(v.row.from).toBe(c.tcb.state);
        }
      });
    });
  }

  test('every state has cases', () => {
    for (const s of TCP_STATES) expect(SEND_CASES[s].length).toBeGreaterThan(0);
  });

  test('an accepted new segment advances SND.NXT by the space it occupies', () => {
    const data = judgeSend(SEND_CASES.ESTABLISHED[0]!.tcb, {
      flags: 0x18,
      seq: 1001,
      ack: 5001,
      len: 100,
      win: 65535,
    });
    expect(data.ok && data.tcb.sndNxt).toBe(1101);
    const fin = judgeSend(SEND_CASES.ESTABLISHED[0]!.tcb, {
      flags: 0x11,
      seq: 1001,
      ack: 5001,
      len: 0,
      win: 65535,
    });
    expect(fin.ok && [fin.tcb.sndNxt, fin.tcb.finSeq]).toEqual([1002, 1001]);
  });
});
