/**
 * Property tests: for random ISNs (often just below 2^32 so that numbers wrap), every scenario's
 * correct lifecycle is accepted, and changing one field of any correct segment is refused with the
 * code that names that field.
 */
import fc from 'fast-check';
import { judge } from '../../../shared/tcp/judge';
import { ACK, FIN, RST, SYN, type Segment } from '../../../shared/tcp/types';
import { runLifecycle, type Isns, type SendPoint } from '../../helpers/lifecycle';
import { LIFECYCLES } from '../../helpers/lifecycles';

const isn = fc.oneof(
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.integer({ min: 0xffffffff - 40, max: 0xffffffff }),
  fc.constantFrom(0, 1, 0x7fffffff, 0x80000000),
);
const isns: fc.Arbitrary<Isns> = fc.record({ x: isn, y: isn });
const RUNS = 150;

/** Whether this send chose its own ISN (its seq is free). */
function choosesIsn(p: SendPoint): boolean {
  const t = p.conn[p.side];
  return (p.segment.flags & SYN) !== 0 && t.iss === -1;
}

type Mutation = { field: 'seq' | 'ack' | 'flags'; segment: Segment; codes: RegExp };

function mutations(p: SendPoint, delta: number): Mutation[] {
  const s = p.segment;
  const out: Mutation[] = [];
  if (!choosesIsn(p)) {
    out.push({
      field: 'seq',
      segment: { ...s, seq: (s.seq + delta) >>> 0 },
      codes: /^(SEQ_|RETRANSMIT_MISMATCH|SYN_SEQ_CHANGED|RST_SEQ_WRONG|FIN_ALREADY_SENT)/,
    });
  }
  if (s.flags & ACK) {
    out.push({ field: 'ack', segment: { ...s, ack: (s.ack + delta) >>> 0 }, codes: /^(ACK_|RST_ACK_WRONG)/ });
    if (!(s.flags & RST)) {
      out.push({
        field: 'flags',
        segment: { ...s, flags: s.flags & ~ACK },
        codes: /^(MISSING_ACK_FLAG|SYN_ACK_MISSING_ACK)$/,
      });
    }
  }
  if (!(s.flags & SYN) && !(s.flags & RST)) {
    out.push({
      field: 'flags',
      segment: { ...s, flags: s.flags | SYN },
      codes: /^(SYN_NOT_ALLOWED|FLAGS_CONFLICT|SYN_WITH_DATA)$/,
    });
  }
  if (s.flags & SYN && s.flags & ACK) {
    out.push({
      field: 'flags',
      segment: { ...s, flags: s.flags & ~SYN },
      codes: /^(REPLY_OWED$|NOT_SYNCHRONIZED$|SEQ_)/,
    });
  }
  if (s.flags & SYN && !(s.flags & ACK) && p.conn[p.side].state === 'CLOSED') {
    out.push({ field: 'flags', segment: { ...s, flags: s.flags | FIN }, codes: /^FLAGS_CONFLICT$/ });
  }
  return out;
}

describe.each(LIFECYCLES.map((lc) => [lc.scenario, lc] as const))('%s', (_name, lc) => {
  test('a correct lifecycle is accepted for any ISNs', () => {
    fc.assert(
      fc.property(isns, (n) => {
        runLifecycle(lc, n); // throws at the first step that is not accepted as written
      }),
      { numRuns: RUNS },
    );
  });

  test('changing one field of a correct segment is refused with the matching code', () => {
    const delta = fc.oneof(
      fc.constantFrom(1, -1, 2, -2),
      fc.integer({ min: 3, max: 0x7fffffff }),
      fc.integer({ min: -0x7fffffff, max: -3 }),
    );
    fc.assert(
      fc.property(isns, delta, (n, d) => {
        const run = runLifecycle(lc, n);
        for (const p of run.sends) {
          for (const m of mutations(p, d)) {
            const before = JSON.stringify(p.conn);
            const v = judge(p.conn, p.side, { kind: 'segment', segment: m.segment });
            if (v.ok)
              throw new Error(
                `${lc.scenario} step ${p.step}: ${m.field} change accepted: ${JSON.stringify(m.segment)}`,
              );
            if (!m.codes.test(v.error.code))
              throw new Error(`${lc.scenario} step ${p.step}: ${m.field} change gave ${v.error.code}`);
            expect(JSON.stringify(p.conn)).toBe(before);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});
