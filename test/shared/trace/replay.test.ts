import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { replayTrace } from '../../../shared/trace/replay';
import type { Trace } from '../../../shared/trace/trace-format';
import { parseTrace } from '../../../shared/trace/trace-parse';
import { captureTraceFiles, teamTraceFiles } from '../../helpers/paths';

function load(path: string): Trace {
  const p = parseTrace(JSON.parse(readFileSync(path, 'utf8')));
  if (!p.ok) throw new Error(p.error);
  return p.value;
}

describe("the team's example traces", () => {
  const files = teamTraceFiles();
  test('there are correct and mistaken ones', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });
  test.each(files.map((f) => [basename(f), f]))('%s replays as its expect says', (_n, f) => {
    const r = replayTrace(load(f));
    expect(r.expectProblems).toEqual([]);
    expect(r.expectMet).toBe(true);
  });
  test('the mistakes are refused for the right reason', () => {
    const byName = Object.fromEntries(files.map((f) => [basename(f, '.json'), replayTrace(load(f))]));
    expect(byName['mistake-ack-off-by-one']!.steps[1]!.error).toMatchObject({
      code: 'ACK_OFF_BY_ONE',
      expected: 1001,
      given: 1000,
    });
    expect(byName['mistake-fin-seq-seed-001']!.steps[3]!.error).toMatchObject({
      code: 'SEQ_SKIPPED',
      expected: 1001,
      given: 1002,
    });
  });
});

describe('loopback captures of real stacks', () => {
  const files = captureTraceFiles();
  test('the fixtures are there', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });
  test.each(files.map((f) => [basename(f), f]))(
    '%s: no segment refused, final states as expected',
    (_n, f) => {
      const trace = load(f);
      expect(trace.expect?.client_final).toBeDefined();
      const r = replayTrace(trace);
      expect(r.firstRejected).toBeNull();
      expect(r.expectProblems).toEqual([]);
    },
  );
  test('crossing FINs are read as a simultaneous close', () => {
    const r = replayTrace(load(files.find((f) => f.includes('simultaneous-close'))!));
    const notes = [...r.steps.flatMap((s) => s.arrivalsBefore), ...r.finalArrivals].flatMap((a) => a.notes);
    expect(notes.filter((n) => n === 'RCV_SIMULTANEOUS_CLOSE')).toHaveLength(2);
  });
});

describe('replayTrace', () => {
  const textbook = () => load(teamTraceFiles().find((f) => f.includes('textbook-client-closes'))!);

  test('a wrong expect is reported, not met', () => {
    const t = { ...textbook(), expect: { client_final: 'CLOSED' as const, server_final: 'CLOSED' as const } };
    const r = replayTrace(t);
    expect(r.expectMet).toBe(false);
    expect(r.expectProblems).toEqual(['client ends in TIME_WAIT, expected CLOSED']);
  });

  test('an ack that could be an ACK sent before the FIN arrived is fair', () => {
    const t = textbook();
    t.segments[4] = { ...t.segments[4]!, ack: 1001 }; // crossed the client's FIN: a duplicate ACK
    const r = replayTrace(t);
    expect(r.firstRejected).toBeNull();
    expect(r.steps[4]!.serverState).toBe('ESTABLISHED');
  });

  test('an unexpected refusal is reported', () => {
    const t = textbook();
    t.segments[4] = { ...t.segments[4]!, ack: 1003 };
    const r = replayTrace(t);
    expect(r.firstRejected).toBe(4);
    expect(r.steps[4]!.error?.code).toBe('ACK_AHEAD');
    expect(r.steps.slice(5).every((s) => s.verdict === 'skipped')).toBe(true);
    expect(r.expectMet).toBe(false);
  });

  test('first_rejected must name the first refused segment', () => {
    const r = replayTrace({ ...textbook(), expect: { first_rejected: 2 } });
    expect(r.expectMet).toBe(false);
  });
});

describe('parseTrace', () => {
  test.each([
    ['not an object', 42, 'a trace is a JSON object'],
    ['no segments', { name: 'n' }, 'n: "segments" must be an array'],
    [
      'bad side',
      { name: 'n', segments: [{ from: 'peer', flags: [], seq: 1, ack: 0, len: 0 }] },
      'n: segment 0: "from" must be "client" or "server"',
    ],
    [
      'bad flag',
      { name: 'n', segments: [{ from: 'client', flags: ['SYNACK'], seq: 1, ack: 0, len: 0 }] },
      'n: segment 0: "flags" must list names among SYN, ACK, FIN, RST, PSH, URG',
    ],
    [
      'seq too large',
      { name: 'n', segments: [{ from: 'client', flags: ['SYN'], seq: 2 ** 32, ack: 0, len: 0 }] },
      'n: segment 0: "seq" must be an integer 0..4294967295',
    ],
    ['bad state', { name: 'n', segments: [], expect: { client_final: 'OPEN' } }, 'n: unknown state OPEN'],
  ])('%s', (_n, value, error) => {
    expect(parseTrace(value)).toEqual({ ok: false, error });
  });

  test('unknown keys are ignored', () => {
    const p = parseTrace({
      name: 'n',
      note: 'x',
      segments: [{ from: 'client', flags: ['SYN'], seq: 1, ack: 0, len: 0, options: 'mss' }],
    });
    expect(p.ok && p.value.segments[0]).toEqual({ from: 'client', flags: ['SYN'], seq: 1, ack: 0, len: 0 });
  });
});
