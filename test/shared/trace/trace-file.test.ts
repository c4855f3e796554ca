/** Reading replay files (shared by the replay command and the /replay page) and writing verdicts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replayTrace } from '../../../shared/trace/replay';
import { isCapture, readFileTraces, skippedList, utf8Text } from '../../../shared/trace/trace-file';
import { verdictLine } from '../../../shared/trace/verdict-text';

const DIR = join(__dirname, '../../fixtures/captures');
const file = (name: string) => ({ path: name, bytes: new Uint8Array(readFileSync(join(DIR, name))) });

describe('readFileTraces', () => {
  test('a capture gives each connection with its endpoints and stream number', () => {
    const read = readFileTraces(file('09-two-connections.pcapng'));
    expect(read.streams?.map((s) => s.stream)).toEqual([0, 1]);
    for (const s of read.streams ?? []) {
      expect(s.client).toMatch(/^[\d.]+:\d+$/);
      expect(s.server).toMatch(/^[\d.]+:\d+$/);
      expect(s.trace.description).toBe(`captured: ${s.client} -> ${s.server}`);
    }
    expect(read.skipped).toEqual([]);
  });

  test('an IPv6 capture writes its endpoints in brackets', () => {
    const [s] = readFileTraces(file('07-ipv6.pcapng')).streams ?? [];
    expect(s?.client).toMatch(/^\[[0-9a-f:]+\]:\d+$/);
  });

  test('a JSON trace is read without streams', () => {
    const read = readFileTraces(file('01-client-closes.json'));
    expect(read.traces).toHaveLength(1);
    expect(read.streams).toBeUndefined();
  });

  test.each([
    ['x.txt', '{"name":1}', 'x.txt: unnamed: "segments" must be an array'],
    ['x.json', 'nope', 'x.json: not valid JSON'],
    ['x.pcap', 'abcdefgh', 'not a pcap or pcapng file'],
  ])('%s holding %j is refused with the reason', (path, text, message) => {
    expect(() => readFileTraces({ path, bytes: new TextEncoder().encode(text) })).toThrow(message);
  });

  test('a capture told apart from JSON by its first bytes when the name does not say', () => {
    expect(isCapture('dropped', file('01-client-closes.pcapng').bytes)).toBe(true);
    expect(isCapture('dropped', new TextEncoder().encode('\n  [ {"a": 1} ]'))).toBe(false);
  });

  test('skipped frames listed up to ten, the rest counted', () => {
    const skipped = Array.from({ length: 12 }, (_, i) => ({ frame: i + 1, reason: 'cut' }));
    expect(skippedList(skipped)).toMatch(/^#1 cut; #2 cut;.*#10 cut; 2 more$/);
  });

  test.each(['trace 握手 ✓ 𝄞', 'plain', ''])('utf8Text reads %j as TextDecoder does', (text) => {
    expect(utf8Text(new TextEncoder().encode(text))).toBe(text);
  });

  test('utf8Text writes a malformed sequence as U+FFFD', () => {
    const bytes = new Uint8Array([0x61, 0xe4, 0xb8, 0x62, 0xff, 0x63]);
    expect(utf8Text(bytes)).toBe(new TextDecoder().decode(bytes));
  });
});

describe('verdictLine', () => {
  test('a keep-alive is accepted because of its note, in both languages, absolute or relative', () => {
    const [trace] = readFileTraces(file('network/21-keepalive.pcapng')).traces;
    const r = replayTrace(trace!);
    const step = r.steps[7]!;
    expect(verdictLine('en', r, step)).toBe(
      'accepted, because it is a keep-alive: seq 3772574732 is SND.NXT - 1 with nothing in flight; the peer answers with an ACK.',
    );
    expect(verdictLine('zh-CN', r, step)).toMatch(/^通过，因为 /);
    expect(verdictLine('en', r, step, (n, owner) => `${owner}:${n}`)).toContain('seq server:3772574732');
    expect(verdictLine('en', r, r.steps[0]!)).toBe('accepted');
  });
});
