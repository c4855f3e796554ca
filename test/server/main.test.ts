import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

/** The server's entry point, run as `npm start` would, through tsx instead of a build. */
function start(env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', join('server', 'main.ts')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function collect(child: ChildProcessWithoutNullStreams): { out: () => string; exit: Promise<Exit> } {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<Exit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { out: () => stdout, exit };
}

test('a bad PORT stops the server with a message naming it and exit code 1', async () => {
  const r = await collect(start({ PORT: 'eighty' })).exit;
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('invalid configuration');
  expect(r.stderr).toContain('PORT must be a whole number from 0 to 65535 (got "eighty")');
});

test('it serves /healthz, and SIGTERM shuts it down cleanly with exit code 0', async () => {
  const child = start({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });
  const run = collect(child);
  let port = 0;
  const end = Date.now() + 20_000;
  while (port === 0) {
    const m = /"port":(\d+)/.exec(run.out());
    if (m) port = Number(m[1]);
    else if (Date.now() > end || child.exitCode !== null) throw new Error(`no listening line: ${run.out()}`);
    else await new Promise((r) => setTimeout(r, 20));
  }
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok', games: 0, sessions: 0 });
  child.kill('SIGTERM');
  const r = await run.exit;
  expect(r.code).toBe(0);
  const lines = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { msg: string });
  expect(lines.map((l) => l.msg)).toEqual(['listening', 'shutting down', 'stopped']);
}, 30_000);
