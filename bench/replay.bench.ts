/**
 * npm run bench:replay: how many segments per second of wall time the replay command judges end to
 * end over a folder of small captures (issue 17: at least 100,000).
 *
 * The folder is the committed captures (test/fixtures/captures, loopback and network) copied
 * BENCH_COPIES times into a temporary folder. Each round runs, as child processes timed from spawn
 * to exit with their output read and thrown away:
 * - replay: the command as `npm run replay` runs it (node scripts/replay.js FOLDER), built and
 *   warmed before the first round, so no build is timed;
 * - tsx: the baseline, the same command the old way (tsx server/cli/replay.ts FOLDER: the same
 *   judge, compiled by tsx at every call);
 * - reader: the judge doing nothing, a node process that only reads every file and decodes its
 *   connections (the ceiling of the command on this machine).
 * Rounds alternate the three (the machine is shared: only figures of one run compare); medians.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCapture } from '../shared/trace/pcap-reader';
import { repoRoot } from './repo-root';

const root = repoRoot();
const CAPTURES = join(root, 'test', 'fixtures', 'captures');
const CAPTURE_FILE = /\.(pcap|pcapng)$/;

/** Every committed capture, loopback and network. */
function fixtures(): string[] {
  const out: string[] = [];
  for (const dir of [CAPTURES, join(CAPTURES, 'network')]) {
    for (const f of readdirSync(dir).sort()) if (CAPTURE_FILE.test(f)) out.push(join(dir, f));
  }
  return out;
}

/** Fills `dir` with `copies` copies of every fixture; returns the file and segment counts. */
function makeFolder(dir: string, copies: number): { files: number; segments: number; traces: number } {
  let segments = 0;
  let traces = 0;
  const list = fixtures();
  for (const path of list) {
    for (const s of readCapture(readFileSync(path), path).streams) {
      segments += s.trace.segments.length * copies;
      traces += copies;
    }
  }
  for (let c = 0; c < copies; c++) {
    for (const path of list)
      copyFileSync(path, join(dir, `${String(c).padStart(4, '0')}-${path.replace(/^.*\//, '')}`));
  }
  return { files: list.length * copies, segments, traces };
}

interface Run {
  ms: number;
  /** CPU time (user + system) of the command's node processes, as they reported it at exit. */
  cpuMs: number;
  status: number | null;
  /** The end of what it printed. */
  tail: string;
  stderr: string;
}

/**
 * Runs a command to its end, its stdout into a file (as `npm run replay -- DIR > report.txt`: a
 * pipe would time the bench's own reading too, on a machine of two cores): wall time from spawn to
 * exit.
 */
function run(
  command: string,
  args: string[],
  out: string,
  cpuReporter: string,
  timeoutMs: number,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const fd = openSync(out, 'w');
    const start = process.hrtime.bigint();
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', fd, 'pipe'],
      env: { ...process.env, NODE_OPTIONS: `--require ${cpuReporter}` },
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      clearTimeout(timer);
      closeSync(fd);
      const text = readFileSync(out, 'utf8');
      rmSync(out);
      let cpuUs = 0;
      for (const m of stderr.matchAll(/^bench-cpu-us (\d+)$/gm)) cpuUs += Number(m[1]);
      resolve({ ms, cpuMs: cpuUs / 1000, status, tail: text.slice(-400), stderr });
    });
  });
}

/**
 * Loaded first into every node process of a run (NODE_OPTIONS, so tsx's own child too): prints
 * its CPU time at exit. The machine is shared: wall time depends on the neighbours, CPU time less.
 */
const CPU_REPORTER = `
const { writeSync } = require('node:fs');
process.on('exit', () => {
  const u = process.cpuUsage();
  writeSync(2, '\\nbench-cpu-us ' + (u.user + u.system) + '\\n');
});
`;

/** The reader alone, end to end: a node process that reads and decodes every capture of a folder. */
const READER_ONLY = `
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { readCapture } = require(process.argv[1]);
const dir = process.argv[2];
let segments = 0;
for (const f of readdirSync(dir).sort()) {
  for (const s of readCapture(readFileSync(join(dir, f)), f).streams) segments += s.trace.segments.length;
}
process.stdout.write('segments ' + segments + '\\n');
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main() {
  const copies = Number(process.env.BENCH_COPIES ?? 100);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const work = mkdtempSync(join(tmpdir(), 'bench-replay-'));
  const dir = join(work, 'captures');
  const out = join(work, 'report.txt');
  const cpuReporter = join(work, 'cpu-reporter.js');
  mkdirSync(dir);
  writeFileSync(cpuReporter, CPU_REPORTER);
  try {
    const { files, segments, traces } = makeFolder(dir, copies);
    console.log(
      `folder: ${files} captures (${fixtures().length} committed captures x ${copies}), ${traces} connections, ${segments} segments`,
    );
    const node = process.execPath;
    const replayJs = join(root, 'scripts', 'replay.js');
    const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const reader = join(root, 'dist', 'shared', 'trace', 'pcap-reader.js');
    const commands: Record<string, string[]> = {
      replay: [replayJs, dir],
      tsx: [tsx, join(root, 'server', 'cli', 'replay.ts'), dir],
      reader: ['-e', READER_ONLY, reader, dir],
    };
    // build (when a source is newer) and warm the file cache: not timed
    const warm = await run(node, [replayJs, CAPTURES], out, cpuReporter, 300_000);
    if (warm.status !== 0) throw new Error(`npm run replay fails on the fixtures:\n${warm.stderr}`);
    const expectLine = `${traces} of ${traces} traces met their expect`;
    const times: Record<string, number[]> = { replay: [], tsx: [], reader: [] };
    const cpu: Record<string, number[]> = { replay: [], tsx: [], reader: [] };
    let rebuilt = 0;
    for (let round = 0; round < rounds; round++) {
      for (const [name, args] of Object.entries(commands)) {
        let r = await run(node, args, out, cpuReporter, 120_000);
        // a source saved meanwhile (the working tree is shared) makes scripts/replay.js compile
        // first: that round timed the build, so it is run again (a build takes some seconds)
        for (let again = 0; again < 3 && r.stderr.includes('compiling'); again++) {
          rebuilt += 1;
          r = await run(node, args, out, cpuReporter, 120_000);
        }
        const want = name === 'reader' ? `segments ${segments}` : expectLine;
        if (r.status !== 0 || !r.tail.includes(want)) {
          throw new Error(
            `${name}: exit ${r.status}, expected "${want}" at the end of:\n${r.tail}\n${r.stderr}`,
          );
        }
        times[name]!.push(r.ms);
        cpu[name]!.push(r.cpuMs);
      }
    }
    if (rebuilt) console.log(`(${rebuilt} run(s) compiled the command first: run again, not counted)`);
    const rate: Record<string, number> = {};
    for (const name of Object.keys(commands)) {
      const ms = median(times[name]!);
      const cpuMs = median(cpu[name]!);
      rate[name] = segments / (ms / 1000);
      console.log(
        `${name.padEnd(7)} wall ${fmt(ms).padStart(6)} ms ${fmt(rate[name]!).padStart(9)} segments/s | cpu ${fmt(cpuMs).padStart(6)} ms ${fmt(segments / (cpuMs / 1000)).padStart(9)} segments/cpu-s  (rounds: ${times[name]!.map((t) => fmt(t)).join(', ')} ms)`,
      );
    }
    const load = loadavg().map((l) => l.toFixed(1));
    console.log(`load average at the end: ${load.join(', ')} on ${cpus().length} cores`);
    console.log(
      `bench:replay: files ${files}, segments ${segments}, wall ${fmt(median(times.replay!))} ms, segments/s ${fmt(rate.replay!)} (baseline tsx: ${fmt(rate.tsx!)}/s, x${(rate.replay! / rate.tsx!).toFixed(2)}; reader alone: ${fmt(rate.reader!)}/s)`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
