import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseArgs, replayFiles, runReplay } from '../../../server/cli/replay-report';
import { CAPTURES, REPO_ROOT, teamTraceFiles } from '../../helpers/paths';

const run = promisify(execFile);
const file = (path: string) => ({ path, bytes: readFileSync(path) });

describe('runReplay', () => {
  test('the team traces: a table with the refused segments and their reasons, exit 0', () => {
    const r = runReplay(teamTraceFiles().map(file), { json: false, lang: 'en', verbose: false });
    expect(r.status).toBe(0);
    expect(r.out).toMatch(
      /1 +server +SYN,ACK +5000 +1000 .*REFUSED ACK_OFF_BY_ONE: ack 1000 is one short: it should be 1001\./,
    );
    expect(r.out).toMatch(/3 +client +FIN,ACK +1002 +5001 .*REFUSED SEQ_SKIPPED/);
    expect(r.out).toContain('7 of 7 traces met their expect');
  });

  test('--json gives the same verdicts', () => {
    const r = runReplay(teamTraceFiles().map(file), { json: true, lang: 'zh-CN', verbose: false });
    const j = JSON.parse(r.out) as {
      ok: boolean;
      traces: {
        name: string;
        firstRejected: number | null;
        steps: { error?: { code: string; message: string } }[];
      }[];
    };
    expect(j.ok).toBe(true);
    const ack = j.traces.find((t) => t.name === 'mistake-ack-off-by-one')!;
    expect(ack.firstRejected).toBe(1);
    expect(ack.steps[1]!.error!.code).toBe('ACK_OFF_BY_ONE');
    expect(ack.steps[1]!.error!.message).toMatch(/[\u4e00-\u9fff]/);
  });

  test('a pcapng capture, one stream chosen', () => {
    const r = runReplay([file(join(CAPTURES, '09-two-connections.pcapng'))], {
      json: false,
      lang: 'en',
      verbose: true,
      stream: 1,
    });
    expect(r.status).toBe(0);
    expect(r.out).toContain('final: client CLOSED, server TIME_WAIT');
    expect(r.out).toContain('1 of 1 traces met their expect');
  });

  test('a trace whose expect is not met gives exit 1', () => {
    const bad = {
      name: 'wrong',
      segments: [{ from: 'client', flags: ['SYN'], seq: 1, ack: 0, len: 0 }],
      expect: { client_final: 'ESTABLISHED' },
    };
    const r = runReplay([{ path: 'wrong.json', bytes: Buffer.from(JSON.stringify(bad)) }], {
      json: false,
      lang: 'en',
      verbose: false,
    });
    expect(r.status).toBe(1);
    expect(r.out).toContain('expect: NOT MET - client ends in SYN_SENT, expected ESTABLISHED');
  });

  test('unreadable input is reported and fails', () => {
    const r = runReplay([{ path: 'x.json', bytes: Buffer.from('{nope') }], {
      json: false,
      lang: 'en',
      verbose: false,
    });
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/^x\.json: not valid JSON/);
  });
});

describe('replayFiles', () => {
  test("writes each file's tables before it reads the next file, and the same text as runReplay", () => {
    const paths = teamTraceFiles().slice(0, 3);
    const writes: string[] = [];
    const pulled: number[] = []; // how many writes had happened when each file was read
    function* lazy() {
      for (const p of paths) {
        pulled.push(writes.length);
        yield file(p);
      }
    }
    const options = { json: false, lang: 'en' as const, verbose: false };
    const r = replayFiles(lazy(), options, (t) => writes.push(t));
    expect(pulled).toEqual([0, 1, 2]);
    expect(writes).toHaveLength(4); // three tables, then the summary
    expect(writes[3]).toBe('\n\n3 of 3 traces met their expect');
    const whole = runReplay(paths.map(file), options);
    expect(writes.join('')).toBe(whole.out);
    expect(r).toEqual({ err: whole.err, status: whole.status });
  });
});

describe('parseArgs', () => {
  test('options', () => {
    expect(parseArgs(['a.json', '--json', '--lang', 'zh-CN', '--stream', '2'])).toEqual({
      files: ['a.json'],
      options: { json: true, lang: 'zh-CN', verbose: false, stream: 2 },
    });
    expect(parseArgs(['--lang', 'fr', 'a'])).toEqual({ error: '--lang takes en or zh-CN' });
    expect(parseArgs([])).toHaveProperty('error');
  });
});

describe('npm run replay', () => {
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  test('exits 0 on the team traces and 1 when an expect fails', async () => {
    const ok = await run(tsx, ['server/cli/replay.ts', ...teamTraceFiles()], { cwd: REPO_ROOT });
    expect(ok.stdout).toContain('7 of 7 traces met their expect');
    const dir = mkdtempSync(join(tmpdir(), 'replay-'));
    const wrong = join(dir, 'wrong.json');
    const t = JSON.parse(readFileSync(join(CAPTURES, '01-client-closes.json'), 'utf8')) as { expect: object };
    writeFileSync(
      wrong,
      JSON.stringify({ ...t, expect: { client_final: 'CLOSED', server_final: 'CLOSED' } }),
    );
    await expect(run(tsx, ['server/cli/replay.ts', wrong], { cwd: REPO_ROOT })).rejects.toMatchObject({
      code: 1,
    });
    rmSync(dir, { recursive: true });
    const missing = run(tsx, ['server/cli/replay.ts', 'no-such-file.json'], { cwd: REPO_ROOT });
    await expect(missing).rejects.toMatchObject({ code: 2 });
  }, 30000);
});
