/**
 * BENCH_PERF=1: Linux `perf record` of the server (and redis-server) over each measured window,
 * for finding where the server's CPU goes. The V8 profiles of BENCH_PROFILE=1 undercount a window
 * the server is not saturated in: at 1,000 moves/s they labelled 95 % of the samples idle while the
 * main thread used a quarter of its core, because their sampling thread shares the pinned core and
 * gets it when the event loop has gone idle (unpinned, the same window reads 22-32 % busy:
 * docs/benchmarks.md, round 5). perf samples from the kernel's timer, at any point, in JavaScript,
 * in Node and in the kernel.
 *
 * The server runs with --perf-basic-prof, which names JIT code in /tmp/perf-<pid>.map. Names of
 * optimised JavaScript can be wrong where V8 moved or reused code; native and kernel names are not.
 * Reports are made after the whole run (perf report is busy for seconds), as text beside the data.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PERF = process.env.BENCH_PERF === '1';
const PERF_BIN = ['/usr/bin/perf', '/usr/local/bin/perf'].find((p) => existsSync(p)) ?? null;
/** Samples per second and thread (an odd rate, not in step with the server's own timers). */
const FREQUENCY = '999';

/** Node flags for the server processes when recording. */
export function perfNodeFlags(): string[] {
  return PERF ? ['--perf-basic-prof'] : [];
}

/** The recordings of this run, to report on at its end. */
const recorded: string[] = [];

/**
 * Records `pids` for `seconds` into `<dir>/<name>.data`, perf itself pinned to `core` when `taskset`
 * is there. Resolves when perf has written its file, or at once when BENCH_PERF is off.
 */
export function recordWindow(
  dir: string,
  name: string,
  pids: number[],
  seconds: number,
  core: number | null,
): Promise<void> {
  if (!PERF) return Promise.resolve();
  if (!PERF_BIN) {
    process.stdout.write('BENCH_PERF=1: perf is not installed (Debian: apt-get install linux-perf)\n');
    return Promise.resolve();
  }
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `${name}.data`);
  const args = [
    'record',
    '-F',
    FREQUENCY,
    '-g',
    '-p',
    pids.join(','),
    '-o',
    out,
    '--',
    'sleep',
    String(seconds),
  ];
  const [file, argv] =
    core === null ? [PERF_BIN, args] : ['taskset', ['-c', String(core), PERF_BIN, ...args]];
  const proc = spawn(file, argv, { stdio: 'ignore' });
  return new Promise((resolve) => {
    proc.once('error', (err) => {
      process.stdout.write(`BENCH_PERF=1: perf did not start: ${err.message}\n`);
      resolve();
    });
    proc.once('exit', (code) => {
      if (code === 0) recorded.push(out);
      // e.g. kernel.perf_event_paranoid forbids it for this user: the run goes on without a recording
      else process.stdout.write(`BENCH_PERF=1: perf record ended with ${code} for ${name}: no recording\n`);
      resolve();
    });
  });
}

/** Writes `<name>.txt` beside each recording: time by library, self time and time with callees. */
export function reportRecordings(): string[] {
  if (!PERF_BIN) return [];
  const written: string[] = [];
  for (const data of recorded) {
    const report = (sort: string, children: boolean) =>
      spawnSync(
        PERF_BIN,
        [
          'report',
          '-i',
          data,
          '--stdio',
          '--sort',
          sort,
          '-g',
          'none',
          children ? '--children' : '--no-children',
        ],
        { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
      )
        .stdout.split('\n')
        .filter((l) => l.trim() && !l.startsWith('#'));
    const text = [
      `# ${data}`,
      '## by library (self)',
      ...report('dso', false).slice(0, 15),
      '## by function (self)',
      ...report('sym', false).slice(0, 60),
      '## by function, with what it calls',
      ...report('sym', true).slice(0, 120),
      '',
    ].join('\n');
    const txt = data.replace(/\.data$/, '.txt');
    writeFileSync(txt, text);
    written.push(txt);
  }
  return written;
}
