import { judge } from '../../../shared/tcp/judge';
import { nextMoves, retransmissionOf, type Intent } from '../../../shared/tcp/next-moves';
import { judgeSend } from '../../../shared/tcp/send';
import { ACK, FIN, RST, SYN, type Segment } from '../../../shared/tcp/types';
import { runLifecycle } from '../../helpers/lifecycle';
import { LIFECYCLES } from '../../helpers/lifecycles';
import { R } from '../../helpers/records';

function intentOf(s: Segment): Intent {
  if (s.flags & RST) return 'reply';
  if (s.flags & SYN) return s.flags & ACK ? 'reply' : 'open';
  if (s.flags & FIN) return 'close';
  if (s.len > 0) return 'send';
  return 'reply';
}

const same = (a: Segment, b: Segment) =>
  a.flags === b.flags && a.seq === b.seq && a.ack === b.ack && a.len === b.len;

describe('nextMoves: the hint at every step of every scenario names the correct move', () => {
  test.each(LIFECYCLES.map((lc) => [lc.scenario, lc] as const))('%s', (_n, lc) => {
    const run = runLifecycle(lc, { x: 0xfffffff0, y: 77 });
    for (const p of run.sends) {
      const t = p.conn[p.side];
      const v = judge(p.conn, p.side, { kind: 'segment', segment: p.segment });
      if (v.ok && v.retransmission) {
        const r = retransmissionOf(t);
        expect(r && same(r, p.segment)).toBe(true);
        continue;
      }
      const moves = nextMoves(t, { intent: intentOf(p.segment), iss: p.segment.seq, bytes: p.segment.len });
      const segs = moves.flatMap((m) => (m.kind === 'segment' ? [m.segment] : []));
      if (!segs.some((s) => same(s, p.segment)))
        throw new Error(
          `${lc.scenario} step ${p.step}: hints ${JSON.stringify(segs)} lack ${JSON.stringify(p.segment)}`,
        );
    }
  });
});

describe('nextMoves', () => {
  test('every suggested move passes the judge', () => {
    for (const t of Object.values(R)) {
      for (const intent of ['listen', 'open', 'send', 'close', 'abort', 'reply'] as const) {
        for (const m of nextMoves(t, { intent, iss: 9, bytes: 10 })) {
          if (m.kind === 'segment') expect(judgeSend(t, m.segment).ok).toBe(true);
        }
      }
    }
  });

  test('the owed reply comes first', () => {
    const [first] = nextMoves(R.synRcvdOwes, { intent: 'close', iss: 5000 });
    expect(first).toEqual({
      kind: 'segment',
      segment: { flags: SYN | ACK, seq: 5000, ack: 1001, len: 0, win: 65535 },
    });
  });

  test('the passive closer may piggyback its FIN on the ACK', () => {
    const moves = nextMoves(R.closeWait, { intent: 'close' });
    expect(moves.map((m) => m.kind === 'segment' && m.segment.flags)).toEqual([FIN | ACK, ACK]);
  });

  test('TIME_WAIT with nothing owed: wait', () => {
    expect(nextMoves({ ...R.timeWait, owed: 'none' }, { intent: 'close' })).toEqual([]);
  });

  test('retransmission repeats the original seq', () => {
    expect(retransmissionOf(R.synSent)).toMatchObject({ flags: SYN, seq: 1000 });
    expect(retransmissionOf(R.lastAck)).toMatchObject({ flags: FIN | ACK, seq: 5001, ack: 1002 });
    expect(retransmissionOf(R.establishedInFlight)).toMatchObject({ seq: 1001, len: 100 });
    expect(retransmissionOf(R.established)).toBeNull();
  });
});
