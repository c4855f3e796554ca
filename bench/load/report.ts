/**
 * The load benchmark's results as data (written as JSON), as a Markdown table with each figure's
 * ratio to the relay baseline and the issue's targets, and as the one summary line printed last.
 * Pure, so the formatting is unit-tested.
 */
import type { CommandsPerMove } from './redis-commands';
import { ratio, type GeneratorLoad, type LatencySummary } from './stats';

export type Variant = 'relay' | 'updates' | 'memory' | 'redis';

export const VARIANT_TITLES: Record<Variant, string> = {
  relay: 'relay (baseline)',
  updates: "relay sending the game's updates",
  memory: 'in-memory',
  redis: 'Redis',
};

export interface WindowFigures {
  /** Accepted moves per second over the measured window. */
  movesPerSec: number;
  rtt: LatencySummary;
  toOpponent: LatencySummary;
  /** Server CPU µs per accepted move (Node process; with Redis, plus redis-server below). */
  cpuPerMove: number | null;
  /** redis-server's CPU µs per move (Redis variant only). */
  redisCpuPerMove: number | null;
  /** Redis commands per move over the window, from INFO commandstats (Redis variant only). */
  redisCommands: CommandsPerMove | null;
  /** The server process's CPU time over the window as a share of its core. */
  serverCpuShare: number;
  /**
   * How busy each core was over the window (0..1, kernel included; null without /proc/stat), and
   * the CPU other processes of the machine used, as a share of one core.
   */
  cores: { server: number | null; generators: number | null; others: number | null };
  /** The server's own event-loop delay and garbage-collection pauses over the window (ms). */
  server: { loopP99Ms: number; loopMaxMs: number; gcMs: number; gcMaxMs: number; majorGcs: number };
  generator: GeneratorLoad;
  refused: Record<string, number>;
  timeouts: number;
  starved: number;
  gamesFinished: number;
  goalMet: number;
  disconnects: number;
  /** Pushed updates received per accepted move (the relay forwards one; a game sends its views). */
  updatesPerMove: number | null;
  /** What the server sent the generators per accepted move (Socket.IO packet text, answers included). */
  bytesPerMove: number | null;
  /** Share of the moves sent that were retransmissions (the game's retransmission timer fired). */
  retransmitShare: number | null;
  /** Players whose game stopped going on (see PhaseResult.stalled) when the window ended. */
  stalled: number;
  /** Why the window measured the generator rather than the server; empty: valid. */
  invalid: string[];
  /** Other things worth knowing (a rate below target, refusals). */
  notes: string[];
}

export interface VariantResult {
  variant: Variant;
  /** Players connected (and paired) after the connect phase, and still connected at the end. */
  players: number;
  playersAtEnd: number;
  failed: number;
  connectMs: number;
  idleRss: number;
  loadedRss: number;
  /** Bytes per connected player after GC (growth over the idle server). */
  rssPerPlayer: number | null;
  /** The server's CPU while it holds the players and nobody moves (share of its core). */
  heldCpuShare: number | null;
  fixed: (WindowFigures & { targetRate: number }) | null;
  saturate: (WindowFigures & { window: number }) | null;
  /** Errors that stopped this variant early. */
  errors: string[];
}

export interface RunResult {
  startedAt: string;
  quick: boolean;
  machine: { cpu: string; cores: number; node: string; os: string; pinned: boolean; nofile: string };
  plan: {
    players: number;
    generators: number;
    fixedRate: number;
    window: number;
    scenario: string;
    serverEnv: Record<string, string>;
  };
  variants: VariantResult[];
  durationS: number;
}

/** The issue's targets (issue 19: ratios to the bare relay of the same run, on this machine). */
export const TARGETS = {
  players: 10_000,
  fixedRate: 1_000,
  p99Ratio: 2,
  saturationRatio: 0.6,
  rssRatio: 1.3,
  cpuRatio: 1.6,
  redisCpuRatio: 1.5,
} as const;

function fmt(x: number | null | undefined, digits = 0): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function fmtRatio(x: number | null): string {
  return x === null ? 'n/a' : `${x.toFixed(2)}x`;
}

/** The server's CPU per move in a window, with redis-server's beside it (Redis variant). */
function cpu(w: WindowFigures | null): string {
  const redis = w?.redisCpuPerMove;
  return fmt(w?.cpuPerMove, 1) + (redis != null ? ` (+ redis-server ${fmt(redis, 1)})` : '');
}

function latency(s: LatencySummary | undefined): string {
  if (!s || s.count === 0) return 'n/a';
  return `${s.p50.toFixed(2)} / ${s.p95.toFixed(2)} / ${s.p99.toFixed(2)}`;
}

interface Row {
  figure: string;
  value: (v: VariantResult) => string;
  /** The figure whose ratio to the baseline is shown, or null for none. */
  num: (v: VariantResult) => number | null | undefined;
  target: string;
  /** The measured window the figure comes from (its validity marks the cells), if any. */
  window?: 'fixed' | 'saturate';
}

/** After a figure from a window marked invalid (the generators were saturated, or the hypervisor took the server's core). */
export const INVALID_MARK = ' ⚠';

function invalidIn(v: VariantResult, w: Row['window']): boolean {
  return w !== undefined && (v[w]?.invalid.length ?? 0) > 0;
}

const ROWS: Row[] = [
  {
    figure: 'connected players held',
    value: (v) => fmt(Math.min(v.players, v.playersAtEnd)),
    num: (v) => Math.min(v.players, v.playersAtEnd),
    target: `≥ ${fmt(TARGETS.players)}`,
  },
  {
    figure: 'RSS per player after GC (KiB)',
    value: (v) => fmt(v.rssPerPlayer === null ? null : v.rssPerPlayer / 1024, 1),
    num: (v) => v.rssPerPlayer,
    target: `≤ ${TARGETS.rssRatio}x baseline`,
  },
  {
    figure: 'server CPU holding the players, no moves (% of its core)',
    value: (v) => fmt(v.heldCpuShare === null ? null : v.heldCpuShare * 100, 1),
    num: () => null,
    target: '',
  },
  {
    figure: 'moves/s at saturation (closed loop)',
    window: 'saturate',
    value: (v) => fmt(v.saturate?.movesPerSec),
    num: (v) => v.saturate?.movesPerSec,
    target: `≥ ${TARGETS.saturationRatio}x baseline`,
  },
  {
    figure: 'server CPU at saturation (% of its core)',
    window: 'saturate',
    value: (v) => fmt(v.saturate ? v.saturate.serverCpuShare * 100 : null),
    num: () => null,
    target: '',
  },
  {
    figure: 'moves/s achieved at the fixed rate',
    window: 'fixed',
    value: (v) => fmt(v.fixed?.movesPerSec),
    num: () => null,
    target: '',
  },
  {
    figure: 'move round trip p50 / p95 / p99 (ms)',
    window: 'fixed',
    value: (v) => latency(v.fixed?.rtt),
    num: (v) => v.fixed?.rtt.p99,
    target: `p99 ≤ ${TARGETS.p99Ratio}x baseline`,
  },
  {
    figure: 'emit to opponent p50 / p95 / p99 (ms)',
    window: 'fixed',
    value: (v) => latency(v.fixed?.toOpponent),
    num: (v) => v.fixed?.toOpponent.p99,
    target: '',
  },
  {
    figure: 'server bytes sent per move',
    window: 'fixed',
    value: (v) => fmt(v.fixed?.bytesPerMove),
    num: (v) => v.fixed?.bytesPerMove,
    target: '',
  },
  {
    figure: 'server CPU per move (µs)',
    window: 'fixed',
    value: (v) => cpu(v.fixed),
    num: (v) => v.fixed?.cpuPerMove,
    target: `≤ ${TARGETS.cpuRatio}x baseline`,
  },
  {
    // the same at the closed loop, where every variant runs at its capacity: a variant overloaded
    // at the fixed rate spends part of its CPU on the backlog (GC, timers), this one does not
    figure: 'server CPU per move at saturation (µs)',
    window: 'saturate',
    value: (v) => cpu(v.saturate),
    num: (v) => v.saturate?.cpuPerMove,
    target: '',
  },
];

/** The Markdown table: one column per variant, each figure followed by its ratio to the relay. */
export function markdownTable(run: RunResult): string {
  const base = run.variants.find((v) => v.variant === 'relay') ?? null;
  const others = run.variants.filter((v) => v.variant !== 'relay');
  const head = ['figure', base ? VARIANT_TITLES.relay : null]
    .concat(others.flatMap((v) => [VARIANT_TITLES[v.variant], 'ratio']))
    .concat(['target'])
    .filter((x): x is string => x !== null);
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`];
  for (const r of ROWS) {
    const cells = [r.figure];
    const mark = (v: VariantResult) => (invalidIn(v, r.window) ? INVALID_MARK : '');
    if (base) cells.push(r.value(base) + mark(base));
    for (const v of others) {
      cells.push(r.value(v) + mark(v));
      const q = base ? ratio(r.num(v) ?? null, r.num(base) ?? null) : null;
      const shaky = q !== null && base !== null && (mark(v) !== '' || mark(base) !== '');
      cells.push(r.num(v) === null || !base ? '' : fmtRatio(q) + (shaky ? INVALID_MARK : ''));
    }
    cells.push(r.target);
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

export interface TargetCheck {
  name: string;
  value: string;
  met: boolean | null;
}

/** Each of the issue's targets against the in-memory (and Redis) figures; met null when unmeasured. */
export function checkTargets(run: RunResult): TargetCheck[] {
  const base = run.variants.find((v) => v.variant === 'relay');
  const mem = run.variants.find((v) => v.variant === 'memory');
  const redis = run.variants.find((v) => v.variant === 'redis');
  const out: TargetCheck[] = [];
  const add = (name: string, x: number | null | undefined, ok: (x: number) => boolean, digits = 2) =>
    out.push({
      name,
      value: x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : fmt(x, digits),
      met: x === null || x === undefined || !Number.isFinite(x) ? null : ok(x),
    });
  for (const v of [mem, redis]) {
    if (!v) continue;
    const t = VARIANT_TITLES[v.variant];
    if (run.plan.players >= TARGETS.players)
      add(
        `${t}: connected players ≥ ${fmt(TARGETS.players)}`,
        Math.min(v.players, v.playersAtEnd),
        (x) => x >= TARGETS.players,
        0,
      );
    else
      out.push({
        name: `${t}: connected players ≥ ${fmt(TARGETS.players)} (this run planned ${fmt(run.plan.players)})`,
        value: fmt(Math.min(v.players, v.playersAtEnd)),
        met: null,
      });
    add(
      `${t}: p99 round trip at ${fmt(v.fixed?.targetRate)} moves/s ≤ ${TARGETS.p99Ratio}x baseline`,
      ratio(v.fixed?.rtt.p99, base?.fixed?.rtt.p99),
      (x) => x <= TARGETS.p99Ratio,
    );
    add(
      `${t}: moves/s at saturation ≥ ${TARGETS.saturationRatio}x baseline`,
      ratio(v.saturate?.movesPerSec, base?.saturate?.movesPerSec),
      (x) => x >= TARGETS.saturationRatio,
    );
    add(
      `${t}: RSS per player ≤ ${TARGETS.rssRatio}x baseline`,
      ratio(v.rssPerPlayer, base?.rssPerPlayer),
      (x) => x <= TARGETS.rssRatio,
    );
    add(
      `${t}: CPU per move ≤ ${TARGETS.cpuRatio}x baseline`,
      ratio(v.fixed?.cpuPerMove, base?.fixed?.cpuPerMove),
      (x) => x <= TARGETS.cpuRatio,
    );
  }
  if (redis && mem) {
    const total = (v: VariantResult) =>
      v.fixed?.cpuPerMove == null ? null : v.fixed.cpuPerMove + (v.fixed.redisCpuPerMove ?? 0);
    add(
      `Redis: CPU per move (server + redis-server) ≤ ${TARGETS.redisCpuRatio}x in-memory`,
      ratio(total(redis), total(mem)),
      (x) => x <= TARGETS.redisCpuRatio,
    );
  }
  return out;
}

/** The whole Markdown report: machine, plan, table, validity, targets. */
export function markdownReport(run: RunResult): string {
  const m = run.machine;
  const out = [
    `## Load benchmark${run.quick ? ' (BENCH_QUICK)' : ''}: ${run.startedAt}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.os}, Node ${m.node}; server pinned to core 0 and generators to core 1: ${m.pinned ? 'yes' : 'NO (taskset missing: figures less reliable)'}; open files limit ${m.nofile}.`,
    `Load: ${fmt(run.plan.players)} players in ${fmt(run.plan.players / 2)} pairs over ${run.plan.generators} generator processes, each pair playing \`${run.plan.scenario}\` again and again (rematch); fixed rate ${fmt(run.plan.fixedRate)} moves/s; closed loop with ${run.plan.window} moves awaiting an answer. Run took ${fmt(run.durationS)} s.`,
    '',
    markdownTable(run),
    '',
    `${INVALID_MARK.trim()}: from a window marked invalid (the generators' core was saturated, or the hypervisor took more than 100 ms of the server's core): a throughput so marked is a lower bound of the server's, and latency and CPU figures so marked are not the server's alone.`,
    '',
  ];
  for (const v of run.variants) {
    const notes: string[] = [];
    for (const [name, w] of [
      ['fixed rate', v.fixed],
      ['saturation', v.saturate],
    ] as const) {
      if (!w) continue;
      if (w.invalid.length) notes.push(`**${name} INVALID**: ${w.invalid.join('; ')}`);
      notes.push(...w.notes.map((n) => `${name}: ${n}`));
      const pct = (x: number | null) => (x === null ? 'n/a' : `${fmt(x * 100)}%`);
      if (w.updatesPerMove !== null)
        notes.push(
          `${name}: ${fmt(w.updatesPerMove, 1)} pushed updates per move${w.retransmitShare ? `, ${fmt(w.retransmitShare * 100, 1)}% of moves retransmissions` : ''}`,
        );
      notes.push(
        `${name}: generator CPU ${pct(w.generator.cpuShare)} of its core (core busy ${pct(w.cores.generators)}), event-loop delay p99 ${fmt(w.generator.loopP99Ms, 1)} ms (max ${fmt(w.generator.loopMaxMs)}); server core busy ${pct(w.cores.server)}, event-loop delay p99 ${fmt(w.server.loopP99Ms, 1)} ms (max ${fmt(w.server.loopMaxMs)}), GC pauses ${fmt(w.server.gcMs)} ms (longest ${fmt(w.server.gcMaxMs, 1)}), full collections ${fmt(w.server.majorGcs)}; games finished ${fmt(w.gamesFinished)} (goal met ${fmt(w.goalMet)})`,
      );
    }
    if (v.failed) notes.push(`${fmt(v.failed)} players failed to connect`);
    notes.push(...v.errors.map((e) => `error: ${e}`));
    out.push(`- ${VARIANT_TITLES[v.variant]}: ${notes.join('; ') || 'ok'}`);
  }
  out.push('', 'Targets:', '');
  for (const t of checkTargets(run))
    out.push(`- ${t.met === null ? 'not measured' : t.met ? 'met' : 'MISSED'}: ${t.name} (${t.value})`);
  return out.join('\n') + '\n';
}

/** The last line the benchmark prints: the in-memory variant, ratios against the relay. */
export function finalLine(run: RunResult): string {
  const base = run.variants.find((v) => v.variant === 'relay');
  const mem = run.variants.find((v) => v.variant === 'memory');
  const players = mem ? Math.min(mem.players, mem.playersAtEnd) : null;
  const r = ratio(mem?.rssPerPlayer, base?.rssPerPlayer);
  const c = ratio(mem?.fixed?.cpuPerMove, base?.fixed?.cpuPerMove);
  const s = ratio(mem?.saturate?.movesPerSec, base?.saturate?.movesPerSec);
  const p = ratio(mem?.fixed?.rtt.p99, base?.fixed?.rtt.p99);
  const p99 = mem?.fixed?.rtt.p99;
  const num = (x: number | null | undefined, d: number) =>
    x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(d);
  return `bench: players ${num(players, 0)}, moves/s ${num(mem?.saturate?.movesPerSec, 0)}, p99 ${num(p99, 2)} ms, rss ratio ${num(r, 2)}, cpu ratio ${num(c, 2)}, saturation ratio ${num(s, 2)}, p99 ratio ${num(p, 2)}`;
}
