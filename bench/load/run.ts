/**
 * npm run bench: how many players one server node holds and how fast moves go through it, against
 * a bare Socket.IO relay measured in the same run (issue #7).
 *
 * For each variant (relay; the relay sending the messages the game's protocol sends for a move;
 * game server with in-memory stores; game server with Redis stores and adapter) it starts the
 * server pinned to core 0 and the load generators pinned to core 1, then:
 * (1) connects and pairs the players and holds them: RSS per player after a forced GC;
 * (2) a closed loop: moves per second at saturation;
 * (3) sends moves at a fixed rate: round trip and emit-to-opponent percentiles, CPU per move.
 * Each measured window says whether the generators were the bottleneck (then it is invalid),
 * how busy each core was, and what else the machine ran meanwhile.
 * Results go to bench/results/<time>.json and bench/results/latest.md; the last line printed is
 * the summary the issue asks for. BENCH_QUICK=1 runs the same shape smaller and shorter.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { cpus, release, type } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type {
  FixedMessage,
  FromGenerator,
  PhaseResult,
  ProbeReply,
  ProbeRequest,
  SaturateMessage,
  SetupMessage,
  ToGenerator,
} from './ipc-messages';
import { SCENARIO } from './ipc-messages';
import {
  finalLine,
  markdownReport,
  type RunResult,
  type Variant,
  type VariantResult,
  type WindowFigures,
} from './report';
import {
  busyShare,
  cpuPerMove,
  generatorProblems,
  parseProcStat,
  perSecond,
  rssPerPlayer,
  summarize,
  type CpuTicks,
  type GeneratorLoad,
  type ValidityLimits,
} from './stats';
import { repoRoot } from '../repo-root';
import { commandsPerMove, formatCommandsPerMove, readCommandCounts } from './redis-commands';
import { perfNodeFlags, recordWindow, reportRecordings } from './perf-record';

const QUICK = process.env.BENCH_QUICK === '1';

/** The run's shape; BENCH_PLAYERS and BENCH_VARIANTS narrow it further (for development). */
const PLAN = {
  players: Number(process.env.BENCH_PLAYERS ?? (QUICK ? 2_000 : 10_000)),
  generators: QUICK ? 2 : 4,
  fixedRate: Number(process.env.BENCH_RATE ?? 1_000),
  /** Moves awaiting their answer at once in the closed loop, over all generators. */
  window: Number(process.env.BENCH_WINDOW ?? 256),
  holdMs: QUICK ? 2_000 : 5_000,
  fixed: QUICK ? { warmupMs: 3_000, measureMs: 10_000 } : { warmupMs: 5_000, measureMs: 20_000 },
  saturate: QUICK ? { warmupMs: 3_000, measureMs: 8_000 } : { warmupMs: 5_000, measureMs: 15_000 },
  connectConcurrency: 16,
  connectTimeoutMs: 20_000,
};

/** The whole run gives up after this long (every wait below is bounded too). */
const RUN_LIMIT_MS = QUICK ? 5 * 60_000 : 20 * 60_000;

/** At a fixed rate the generators must not stall; in a closed loop they may be busy, but not full. */
const FIXED_LIMITS: ValidityLimits = { maxCpuShare: 0.9, maxLoopP99Ms: 10 };
const SATURATE_LIMITS: ValidityLimits = { maxCpuShare: 0.9, maxLoopP99Ms: 100 };

/** The server (and redis-server) run on this core, the generators on the other. */
const SERVER_CORE = 0;
const GENERATOR_CORE = 1;
/** Other processes using more than this share of a core during a window get a note. */
const OTHERS_NOTE_SHARE = 0.1;
/**
 * A window in which the hypervisor took more than this of the server's core (steal time) is
 * invalid: the server stood still meanwhile (stalls of 300-600 ms were seen), and every move that
 * came then waited, which is the machine's latency, not the server's.
 */
const STEAL_LIMIT_MS = 100;

/**
 * The game server's environment: quick flights so games move fast, a turn clock that never runs
 * out, a retransmission timer comfortably longer than a reply takes (replies owed go first), the
 * shortest TIME_WAIT the settings allow with it, a rate limit that does not distort, and finished
 * games dropped soon after their rematch.
 */
const SERVER_ENV: Record<string, string> = {
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  RATE_LIMIT_PER_SEC: '10000',
  RATE_LIMIT_BURST: '100000',
  FLIGHT_MS: '5',
  TURN_MS: '600000',
  RTO_MS: '1000',
  MSL_MS: '600',
  SYN_RCVD_MS: '60000',
  BOT_DELAY_MS: '0',
  GAME_TTL_MS: '5000',
  CLIENT_DIR: '/nonexistent-bench-client',
};

const ROOT = repoRoot();
const DIST = join(ROOT, 'dist');
const RESULTS = join(ROOT, 'bench', 'results');
const PINNED = existsSync('/usr/bin/taskset') || existsSync('/bin/taskset');
const PROFILE = process.env.BENCH_PROFILE === '1';
/** Node flags for the server under test and the relay alike (experiments: BENCH_NODE_FLAGS). */
const SERVER_NODE_FLAGS = [
  ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
  ...perfNodeFlags(),
];
/** Where the game server's output goes as well (experiments: BENCH_SERVER_LOG). */
const SERVER_LOG = process.env.BENCH_SERVER_LOG ?? '';
/** With BENCH_PROFILE=1, node flags that write a CPU profile of the process to bench/results/profiles. */
function profileFlags(name: string): string[] {
  if (!PROFILE) return [];
  return [
    '--cpu-prof',
    `--cpu-prof-dir=${join(RESULTS, 'profiles')}`,
    `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`,
  ];
}

/** The Redis variant starts its own redis-server (never the system's on 6379) on a free port. */
const REDIS_SERVER = '/usr/bin/redis-server';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function log(line: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

/** A child process of the run, with the last lines of its output kept for error messages. */
class Child {
  readonly tail: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly waiters = new Set<(m: unknown) => void>();

  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n'))
        if (line.trim()) {
          this.tail.push(line);
          if (this.tail.length > 20) this.tail.shift();
        }
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    // BENCH_SERVER_LOG: the server's whole output also goes to a file (with --trace-gc, say)
    if (SERVER_LOG && name === 'server') {
      const log = createWriteStream(SERVER_LOG);
      proc.stdout?.pipe(log);
      proc.stderr?.pipe(log);
    }
    proc.on('message', (m) => {
      for (const w of [...this.waiters]) w(m);
    });
    this.exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
    live.add(this);
    void this.exited.then(() => live.delete(this));
  }

  get pid(): number {
    return this.proc.pid!;
  }

  send(m: unknown): void {
    this.proc.send(m as never);
  }

  /** The next message that `pick` accepts, or a rejection when the process exits or time runs out. */
  next<T>(pick: (m: unknown) => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const finish = (f: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.waiters.delete(onMessage);
        f();
      };
      const onMessage = (m: unknown) => {
        const gen = m as FromGenerator;
        if (gen?.type === 'error') return finish(() => reject(new Error(`${this.name}: ${gen.message}`)));
        const got = pick(m);
        if (got !== undefined) finish(() => resolve(got));
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`${this.name}: no ${what} within ${timeoutMs} ms`))),
        timeoutMs,
      );
      this.waiters.add(onMessage);
      void this.exited.then((code) =>
        finish(() =>
          reject(
            new Error(`${this.name} exited (${code}) before ${what}: ${this.tail.slice(-5).join(' | ')}`),
          ),
        ),
      );
    });
  }

  /** Asks it to end (SIGTERM), and kills it if it has not within `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    this.proc.kill('SIGTERM');
    const t = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(t);
  }
}

/** Every child still running: killed when the run ends, however it ends. */
const live = new Set<Child>();

function killAll(): void {
  for (const c of live) {
    try {
      c.proc.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Starts a program pinned to `core` (when taskset exists), with an IPC channel for Node programs. */
function start(name: string, core: number, cmd: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const [file, argv] = PINNED ? ['taskset', ['-c', String(core), cmd, ...args]] : [cmd, args];
  const proc = spawn(file, argv, { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  return new Child(name, proc);
}

/**
 * redis-server has no IPC channel to notice this run ending: a shell starts it (by exec, so the
 * pid stays redis-server's) next to a watcher that kills it once this process is gone, even when
 * this process is killed outright.
 */
function startRedis(port: number): Child {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const script =
    'p=$$; w=$1; shift; (while kill -0 "$w" 2>/dev/null; do sleep 1; done; kill "$p" 2>/dev/null) & exec "$0" "$@"';
  return start(
    'redis-server',
    SERVER_CORE,
    '/bin/sh',
    ['-c', script, REDIS_SERVER, String(process.pid), ...args],
    process.env,
  );
}

/** A TCP port free on the loopback now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Waits until something accepts connections on the port (bounded). */
async function waitPort(port: number, child: Child, limitMs: number): Promise<void> {
  const end = Date.now() + limitMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = createConnection({ port, host: '127.0.0.1' });
      c.once('connect', () => {
        c.destroy();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    if (child.proc.exitCode !== null)
      throw new Error(`${child.name} exited: ${child.tail.slice(-5).join(' | ')}`);
    if (Date.now() > end) throw new Error(`${child.name} did not listen on ${port} within ${limitMs} ms`);
    await sleep(100);
  }
}

let probeIds = 0;

/** The server's CPU time and memory now (after a full GC with `gc`). */
function probe(server: Child, gc: boolean, reset = false): Promise<ProbeReply & { at: number }> {
  const id = ++probeIds;
  const req: ProbeRequest = { type: 'probe', id, gc, reset };
  const reply = server.next(
    (m) => {
      const r = m as ProbeReply;
      return r?.type === 'probe' && r.id === id ? { ...r, at: performance.now() } : undefined;
    },
    30_000,
    'probe reply',
  );
  server.send(req);
  return reply;
}

/** Clock ticks of /proc/stat and /proc/<pid>/stat, in µs (USER_HZ is 100 on Linux). */
const TICK_MICROS = 10_000;

/** The machine's and each core's CPU ticks now (empty where /proc/stat is missing). */
function procStat(): Map<string, CpuTicks> {
  try {
    return parseProcStat(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return new Map();
  }
}

/** A process's CPU time so far (µs) from /proc (redis-server, which has no IPC probe). */
function procCpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second on Linux)
  return (Number(fields[11]) + Number(fields[12])) * TICK_MICROS;
}

function serverSupportsRedis(): boolean {
  try {
    return readFileSync(join(ROOT, 'server', 'config.ts'), 'utf8').includes('REDIS_URL');
  } catch {
    return false;
  }
}

/** Splits `total` into `parts` whole shares as even as can be. */
function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

interface Servers {
  variant: Variant;
  server: Child;
  redis: Child | null;
  /** The URL of `redis`, for its command counters. */
  redisUrl: string | null;
  gens: Child[];
}

/** Runs one timed phase on every generator and turns their reports into the window's figures. */
async function phase(
  s: Servers,
  msg: (startAt: number, share: number) => FixedMessage | SaturateMessage,
  shares: number[],
  timing: { warmupMs: number; measureMs: number },
  limits: ValidityLimits,
  latencyMatters: boolean,
): Promise<{ figures: WindowFigures; results: PhaseResult[] }> {
  const startAt = Date.now() + 500;
  const from = startAt + timing.warmupMs;
  const to = from + timing.measureMs;
  const limit = timing.warmupMs + timing.measureMs + 30_000;
  const reports = s.gens.map((g) =>
    g.next(
      (m) => {
        const r = m as FromGenerator;
        return r?.type === 'phase' ? r.result : undefined;
      },
      limit,
      'phase result',
    ),
  );
  s.gens.forEach((g, i) => g.send(msg(startAt, shares[i]!) satisfies ToGenerator));
  await sleep(from - Date.now());
  const recording = recordWindow(
    join(RESULTS, 'perf'),
    `${s.variant}-${latencyMatters ? 'fixed' : 'saturation'}`,
    s.redis ? [s.server.pid, s.redis.pid] : [s.server.pid],
    Math.round(timing.measureMs / 1000),
    PINNED ? GENERATOR_CORE : null,
  );
  const redis0 = s.redis ? procCpuMicros(s.redis.pid) : 0;
  const p0 = await probe(s.server, false, true);
  const stat0 = procStat();
  const me0 = process.cpuUsage();
  const commands0 = s.redisUrl ? await readCommandCounts(s.redisUrl) : null;
  await sleep(to - Date.now());
  const redis1 = s.redis ? procCpuMicros(s.redis.pid) : 0;
  const p1 = await probe(s.server, false);
  const stat1 = procStat();
  const me = process.cpuUsage(me0);
  const commands1 = s.redisUrl ? await readCommandCounts(s.redisUrl) : null;
  const results = await Promise.all(reports);
  await recording;

  const moves = results.reduce((a, r) => a + r.moves, 0);
  const sent = results.reduce((a, r) => a + r.sent, 0);
  const refused: Record<string, number> = {};
  for (const r of results) for (const [k, n] of Object.entries(r.refused)) refused[k] = (refused[k] ?? 0) + n;
  const wallMicros = (p1.at - p0.at) * 1000;
  const generatorMicros = results.reduce((a, r) => a + r.cpuMicros, 0);
  const generator: GeneratorLoad = {
    cpuShare: generatorMicros / (timing.measureMs * 1000),
    coreBusy: busyShare(stat0.get(`cpu${GENERATOR_CORE}`), stat1.get(`cpu${GENERATOR_CORE}`)),
    loopP99Ms: Math.max(...results.map((r) => r.loopP99Ms)),
    loopMaxMs: Math.max(...results.map((r) => r.loopMaxMs)),
  };
  // what ran on the machine besides this run's processes (other work disturbs the figures)
  const machine0 = stat0.get('cpu');
  const machine1 = stat1.get('cpu');
  const ours = p1.cpuMicros - p0.cpuMicros + (redis1 - redis0) + generatorMicros + me.user + me.system;
  const others =
    machine0 && machine1 && wallMicros > 0
      ? Math.max(0, ((machine1.tasks - machine0.tasks) * TICK_MICROS - ours) / wallMicros)
      : null;
  const rtt = summarize(results.flatMap((r) => r.rtt));
  const sum = (
    k:
      | 'timeouts'
      | 'starved'
      | 'gamesFinished'
      | 'goalMet'
      | 'disconnects'
      | 'stalled'
      | 'updates'
      | 'bytes'
      | 'busy'
      | 'gaps'
      | 'retransmissions',
  ) => results.reduce((a, r) => a + r[k], 0);
  const notes: string[] = [];
  const refusedTotal = Object.values(refused).reduce((a, n) => a + n, 0);
  if (refusedTotal)
    notes.push(
      `${refusedTotal} moves refused (${JSON.stringify(refused)}): a segment of the peer landed before the move was judged`,
    );
  if (sum('busy')) notes.push(`${sum('busy')} moves answered BUSY (sent again)`);
  if (sum('gaps')) notes.push(`${sum('gaps')} updates that did not apply (whole view asked for)`);
  if (sum('timeouts')) notes.push(`${sum('timeouts')} moves unanswered within 10 s`);
  if (sum('disconnects')) notes.push(`${sum('disconnects')} connections lost`);
  if (sum('stalled'))
    notes.push(
      `${sum('stalled')} players stalled at the window's end: no answer for 5 s, or a rematch their partner already plays never reached them`,
    );
  if (others !== null && others > OTHERS_NOTE_SHARE)
    notes.push(
      `other processes on the machine used ${(others * 100).toFixed(0)}% of a core during the window: figures disturbed`,
    );
  const steal0 = stat0.get(`cpu${SERVER_CORE}`);
  const steal1 = stat1.get(`cpu${SERVER_CORE}`);
  const stealMs = steal0 && steal1 ? ((steal1.steal - steal0.steal) * TICK_MICROS) / 1000 : 0;
  // a virtual machine's core taken away for a while stalls the server as a long pause would
  if (stealMs > 0)
    notes.push(`the hypervisor took ${stealMs.toFixed(0)} ms of the server's core during the window (steal)`);
  const redisCommands = commands0 && commands1 ? commandsPerMove(commands0, commands1, moves) : null;
  if (redisCommands)
    notes.push(
      `Redis commands per move, the calls inside Lua scripts included: ${formatCommandsPerMove(redisCommands)}`,
    );
  const figures: WindowFigures = {
    movesPerSec: perSecond(moves, timing.measureMs),
    rtt,
    toOpponent: summarize(results.flatMap((r) => r.toOpponent)),
    cpuPerMove: cpuPerMove(p1.cpuMicros - p0.cpuMicros, moves),
    redisCpuPerMove: s.redis ? cpuPerMove(redis1 - redis0, moves) : null,
    redisCommands,
    serverCpuShare: wallMicros > 0 ? (p1.cpuMicros - p0.cpuMicros) / wallMicros : 0,
    cores: {
      server: busyShare(stat0.get(`cpu${SERVER_CORE}`), stat1.get(`cpu${SERVER_CORE}`)),
      generators: generator.coreBusy,
      others,
    },
    server: {
      loopP99Ms: p1.loopP99Ms,
      loopMaxMs: p1.loopMaxMs,
      gcMs: p1.gcMs,
      gcMaxMs: p1.gcMaxMs,
      majorGcs: p1.majorGcs,
    },
    generator,
    refused,
    timeouts: sum('timeouts'),
    starved: sum('starved'),
    gamesFinished: sum('gamesFinished'),
    goalMet: sum('goalMet'),
    disconnects: sum('disconnects'),
    stalled: sum('stalled'),
    updatesPerMove: moves > 0 ? sum('updates') / moves : null,
    bytesPerMove: moves > 0 ? sum('bytes') / moves : null,
    retransmitShare: sent > 0 ? sum('retransmissions') / sent : null,
    invalid: generatorProblems(generator, limits, latencyMatters ? rtt.p99 : undefined),
    notes,
  };
  if (sent === 0) figures.invalid.push('no move was sent in the window');
  if (stealMs > STEAL_LIMIT_MS)
    figures.invalid.push(
      `the hypervisor took ${stealMs.toFixed(0)} ms of the server's core (steal; limit ${STEAL_LIMIT_MS} ms)`,
    );
  return { figures, results };
}

async function runVariant(variant: Variant): Promise<VariantResult> {
  const res: VariantResult = {
    variant,
    players: 0,
    playersAtEnd: 0,
    failed: 0,
    connectMs: 0,
    idleRss: 0,
    loadedRss: 0,
    rssPerPlayer: null,
    heldCpuShare: null,
    fixed: null,
    saturate: null,
    errors: [],
  };
  const mine: Child[] = [];
  try {
    let redis: Child | null = null;
    const env: NodeJS.ProcessEnv = { ...process.env, ...SERVER_ENV };
    if (variant === 'redis') {
      if (!existsSync(REDIS_SERVER))
        throw new Error(`${REDIS_SERVER} not found: install redis-server to run the Redis variant`);
      const rport = await freePort();
      redis = startRedis(rport);
      mine.push(redis);
      await waitPort(rport, redis, 10_000);
      env.REDIS_URL = `redis://127.0.0.1:${rport}`;
    }
    const port = await freePort();
    env.PORT = String(port);
    const prof = profileFlags(variant);
    const relay = variant === 'relay' || variant === 'updates';
    if (variant === 'updates') env.RELAY_UPDATES = '1';
    const server = relay
      ? start(
          'relay',
          SERVER_CORE,
          process.execPath,
          ['--expose-gc', ...SERVER_NODE_FLAGS, ...prof, join(DIST, 'bench', 'load', 'relay-server.js')],
          env,
        )
      : start(
          'server',
          SERVER_CORE,
          process.execPath,
          [
            '--expose-gc',
            ...SERVER_NODE_FLAGS,
            ...prof,
            '--require',
            join(DIST, 'bench', 'load', 'server-probe.js'),
            join(DIST, 'server', 'main.js'),
          ],
          env,
        );
    mine.push(server);
    await waitPort(port, server, 20_000);
    await sleep(500);
    const idle = await probe(server, true);
    if (!idle.gcDone) res.errors.push('the server ran without --expose-gc: RSS is not after a GC');
    res.idleRss = idle.rss;

    const pairShares = split(PLAN.players / 2, PLAN.generators);
    const gens = pairShares.map((_, i) =>
      start(
        `generator ${i}`,
        GENERATOR_CORE,
        process.execPath,
        [...profileFlags(`${variant}-generator${i}`), join(DIST, 'bench', 'load', 'generator.js')],
        {
          ...process.env,
          NODE_ENV: 'production',
        },
      ),
    );
    mine.push(...gens);
    const t0 = performance.now();
    const connected = await Promise.all(
      gens.map((g, i) => {
        const r = g.next(
          (m) => {
            const x = m as FromGenerator;
            return x?.type === 'connected' ? x.result : undefined;
          },
          PLAN.connectTimeoutMs + 10 * 60_000,
          'connect result',
        );
        const setup: SetupMessage = {
          type: 'setup',
          mode: relay ? 'relay' : 'game',
          url: `http://127.0.0.1:${port}`,
          index: i,
          pairs: pairShares[i]!,
          concurrency: PLAN.connectConcurrency,
          timeoutMs: PLAN.connectTimeoutMs,
        };
        g.send(setup);
        return r;
      }),
    );
    res.connectMs = performance.now() - t0;
    res.players = connected.reduce((a, c) => a + c.players, 0);
    res.failed = connected.reduce((a, c) => a + c.failed, 0);
    const pairs = connected.reduce((a, c) => a + c.pairsPlaying, 0);
    for (const c of connected) for (const e of c.errors) if (!res.errors.includes(e)) res.errors.push(e);
    log(
      `${variant}: ${res.players} players connected, ${pairs} pairs playing, ${res.failed} failed, in ${(res.connectMs / 1000).toFixed(1)} s`,
    );

    const held0 = procCpuMicros(server.pid);
    const heldAt = performance.now();
    await sleep(PLAN.holdMs);
    res.heldCpuShare = (procCpuMicros(server.pid) - held0) / ((performance.now() - heldAt) * 1000);
    const loaded = await probe(server, true);
    res.loadedRss = loaded.rss;
    res.rssPerPlayer = rssPerPlayer(idle.rss, loaded.rss, res.players);
    log(`${variant}: holding the players, server CPU ${(res.heldCpuShare * 100).toFixed(1)}% of its core`);
    log(
      `${variant}: RSS idle ${(idle.rss / 2 ** 20).toFixed(1)} MiB, loaded ${(loaded.rss / 2 ** 20).toFixed(1)} MiB: ${((res.rssPerPlayer ?? 0) / 1024).toFixed(1)} KiB per player`,
    );

    const s: Servers = { variant, server, redis, redisUrl: redis ? (env.REDIS_URL ?? null) : null, gens };
    // the closed loop first: its backlog is bounded by its window, while a fixed rate the server
    // cannot keep up with leaves a backlog (and late game timers) that would spill into the next phase
    const windows = split(PLAN.window, PLAN.generators);
    const sat = await phase(
      s,
      (startAt, window) => ({ type: 'saturate', startAt, window, ...PLAN.saturate }),
      windows,
      PLAN.saturate,
      SATURATE_LIMITS,
      false,
    );
    res.saturate = { ...sat.figures, window: PLAN.window };
    if (res.saturate.serverCpuShare < 0.8 && res.saturate.invalid.length === 0)
      res.saturate.notes.push(
        `the server was busy only ${(res.saturate.serverCpuShare * 100).toFixed(0)}% of the time: not saturated`,
      );
    log(
      `${variant}: saturation ${res.saturate.movesPerSec.toFixed(0)} moves/s, server CPU ${(res.saturate.serverCpuShare * 100).toFixed(0)}%, generator CPU ${(res.saturate.generator.cpuShare * 100).toFixed(0)}%${res.saturate.invalid.length ? ' INVALID: ' + res.saturate.invalid.join('; ') : ''}`,
    );

    const rates = split(PLAN.fixedRate, PLAN.generators);
    const fixed = await phase(
      s,
      (startAt, rate) => ({ type: 'fixed', startAt, rate, ...PLAN.fixed }),
      rates,
      PLAN.fixed,
      FIXED_LIMITS,
      true,
    );
    res.fixed = { ...fixed.figures, targetRate: PLAN.fixedRate };
    if (res.fixed.movesPerSec < 0.95 * PLAN.fixedRate)
      res.fixed.notes.push(
        `only ${res.fixed.movesPerSec.toFixed(0)} of ${PLAN.fixedRate} moves/s (${res.fixed.starved} found no player able to move)`,
      );
    log(
      `${variant}: fixed ${res.fixed.movesPerSec.toFixed(0)} moves/s, rtt p99 ${res.fixed.rtt.p99.toFixed(2)} ms, to opponent p99 ${res.fixed.toOpponent.p99.toFixed(2)} ms, ${res.fixed.cpuPerMove?.toFixed(1)} µs CPU per move${res.fixed.invalid.length ? ' INVALID: ' + res.fixed.invalid.join('; ') : ''}`,
    );
    res.playersAtEnd = fixed.results.reduce((a, r) => a + r.connected, 0);
  } catch (err) {
    res.errors.push(err instanceof Error ? err.message : String(err));
    log(`${variant}: FAILED: ${res.errors[res.errors.length - 1]}`);
  } finally {
    const gens = mine.filter((c) => c.name.startsWith('generator'));
    for (const g of gens) if (g.proc.connected) g.send({ type: 'stop' } satisfies ToGenerator);
    await Promise.all(gens.map((g) => Promise.race([g.exited, sleep(10_000)])));
    await Promise.all(mine.map((c) => c.stop(10_000)));
  }
  return res;
}

function machine(): RunResult['machine'] {
  let nofile = 'unknown';
  try {
    const m = /Max open files\s+(\S+)\s+(\S+)/.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (m) nofile = `${m[1]} (hard ${m[2]})`;
  } catch {
    // not Linux
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    os: `${type()} ${release()}`,
    pinned: PINNED,
    nofile,
  };
}

async function main(): Promise<void> {
  const began = performance.now();
  const startedAt = new Date().toISOString();
  const asked = (process.env.BENCH_VARIANTS ?? 'relay,updates,memory,redis').split(',').map((v) => v.trim());
  const variants = (['relay', 'updates', 'memory', 'redis'] as const).filter((v) => asked.includes(v));
  if (!PINNED) log('taskset not found: server and generators run unpinned (figures less reliable)');
  log(
    `${QUICK ? 'QUICK ' : ''}run: ${PLAN.players} players, ${PLAN.generators} generators, variants ${variants.join(', ')}`,
  );
  const results: VariantResult[] = [];
  for (const v of variants) {
    if (v === 'redis' && !serverSupportsRedis()) {
      log('redis: skipped: the server has no REDIS_URL setting yet');
      results.push({
        variant: 'redis',
        players: 0,
        playersAtEnd: 0,
        failed: 0,
        connectMs: 0,
        idleRss: 0,
        loadedRss: 0,
        rssPerPlayer: null,
        heldCpuShare: null,
        fixed: null,
        saturate: null,
        errors: ['not run: the server has no REDIS_URL setting yet'],
      });
      continue;
    }
    log(`${v}: starting`);
    results.push(await runVariant(v));
  }
  const run: RunResult = {
    startedAt,
    quick: QUICK,
    machine: machine(),
    plan: {
      players: PLAN.players,
      generators: PLAN.generators,
      fixedRate: PLAN.fixedRate,
      window: PLAN.window,
      scenario: SCENARIO,
      serverEnv: SERVER_ENV,
    },
    variants: results,
    durationS: (performance.now() - began) / 1000,
  };
  mkdirSync(RESULTS, { recursive: true });
  const stamp = startedAt.replace(/[:.]/g, '-');
  writeFileSync(join(RESULTS, `${stamp}.json`), JSON.stringify(run, null, 2));
  const md = markdownReport(run);
  writeFileSync(join(RESULTS, 'latest.md'), md);
  process.stdout.write(`\n${md}\nwritten: bench/results/${stamp}.json, bench/results/latest.md\n`);
  for (const txt of reportRecordings()) process.stdout.write(`perf report: ${txt}\n`);
  process.stdout.write(finalLine(run) + '\n');
}

const deadline = setTimeout(() => {
  log(`the run took longer than ${RUN_LIMIT_MS / 60_000} minutes: stopping`);
  killAll();
  process.exit(2);
}, RUN_LIMIT_MS);
deadline.unref();
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => {
    killAll();
    process.exit(130);
  });
process.once('exit', killAll);

main().then(
  () => {
    killAll();
    process.exit(0);
  },
  (err: unknown) => {
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    killAll();
    process.exit(1);
  },
);
