/**
 * The arithmetic of the load benchmark, kept pure so it is unit-tested: percentiles of latency
 * samples, rates, ratios to the baseline and the verdict on a generator that may have been the
 * bottleneck itself.
 */

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * The q-quantile (0..1) of ascending `sorted` samples by the nearest-rank method: the smallest
 * sample with at least q of all samples at or below it (so p99 of 100 samples is the 99th).
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile ${q} is outside 0..1`);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

/** p50, p95, p99, max and mean of latency samples (any order); NaN figures when there are none. */
export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const arr = Array.from(sorted);
  let sum = 0;
  for (const x of arr) sum += x;
  return {
    count: arr.length,
    p50: quantile(arr, 0.5),
    p95: quantile(arr, 0.95),
    p99: quantile(arr, 0.99),
    max: arr.length ? arr[arr.length - 1]! : NaN,
    mean: arr.length ? sum / arr.length : NaN,
  };
}

/** Events per second over a window of `ms` milliseconds (0 when the window is empty). */
export function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : 0;
}

/** A figure over the baseline's, or null when either is missing or the baseline is not positive. */
export function ratio(value: number | null | undefined, baseline: number | null | undefined): number | null {
  if (value === null || value === undefined || baseline === null || baseline === undefined) return null;
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline <= 0) return null;
  return value / baseline;
}

/** Server CPU microseconds per move: CPU time spent over the window, divided by the moves answered in it. */
export function cpuPerMove(cpuMicros: number, moves: number): number | null {
  return moves > 0 ? cpuMicros / moves : null;
}

/** Resident memory per connected player: the growth over the idle server, per player (bytes). */
export function rssPerPlayer(idleRss: number, loadedRss: number, players: number): number | null {
  return players > 0 ? Math.max(0, loadedRss - idleRss) / players : null;
}

/** What the generators measured of themselves over one window. */
export interface GeneratorLoad {
  /** CPU time of all generator processes over the window, as a share of one core (0..n). */
  cpuShare: number;
  /**
   * How busy the generators' core was (0..1): their processes plus the kernel's network work on
   * that core and anything else that ran there; null where /proc/stat is missing.
   */
  coreBusy: number | null;
  /** The worst event-loop delay p99 among the generators (ms, the sampling interval taken off). */
  loopP99Ms: number;
  /** The longest event-loop delay of any generator (ms). */
  loopMaxMs: number;
}

export interface ValidityLimits {
  /** The generators' core may be busy up to this share (0..1) before they count as saturated. */
  maxCpuShare: number;
  /** Event-loop delay p99 above this (ms) means the generators could not send or read in time. */
  maxLoopP99Ms: number;
}

/**
 * Why a window's figures measure the generator rather than the server; empty when they are valid.
 * With `measuredP99Ms` (the window's round trip p99) a generator's event-loop delay only counts
 * when it could account for half that p99 or more: a server that answers seconds late makes its
 * answers arrive in bursts, and the generator's short stalls then measure nothing but the server.
 */
export function generatorProblems(
  load: GeneratorLoad,
  limits: ValidityLimits,
  measuredP99Ms?: number,
): string[] {
  const out: string[] = [];
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  if (load.cpuShare >= limits.maxCpuShare)
    out.push(`generator CPU at ${pct(load.cpuShare)} of its core (limit ${pct(limits.maxCpuShare)})`);
  else if (load.coreBusy !== null && load.coreBusy >= limits.maxCpuShare)
    out.push(
      `the generators' core busy ${pct(load.coreBusy)} (their own ${pct(load.cpuShare)}, the rest kernel and other processes; limit ${pct(limits.maxCpuShare)})`,
    );
  const lagMatters =
    measuredP99Ms === undefined || !Number.isFinite(measuredP99Ms) || load.loopP99Ms * 2 >= measuredP99Ms;
  if (load.loopP99Ms > limits.maxLoopP99Ms && lagMatters)
    out.push(
      `generator event-loop delay p99 ${load.loopP99Ms.toFixed(1)} ms (limit ${limits.maxLoopP99Ms} ms)`,
    );
  return out;
}

/** One line of /proc/stat (`cpu` for the machine, `cpuN` for a core), in clock ticks. */
export interface CpuTicks {
  /** user + nice + system: time spent running processes. */
  tasks: number;
  /** Interrupts and softirqs (the loopback's network stack mostly runs here). */
  irq: number;
  /** Time the hypervisor gave to other machines while this one wanted the core. */
  steal: number;
  /** Everything but idle and iowait. */
  busy: number;
  total: number;
}

/** The machine's and each core's ticks from /proc/stat text, by name (`cpu`, `cpu0`, `cpu1`, ...). */
export function parseProcStat(text: string): Map<string, CpuTicks> {
  const out = new Map<string, CpuTicks>();
  for (const line of text.split('\n')) {
    const m = /^(cpu\d*)\s+(.*)$/.exec(line);
    if (!m) continue;
    const f = m[2]!.trim().split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already inside user)
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = f;
    const tasks = user + nice + system;
    out.set(m[1]!, {
      tasks,
      irq: irq + softirq,
      steal,
      busy: tasks + irq + softirq + steal,
      total: tasks + irq + softirq + steal + idle + iowait,
    });
  }
  return out;
}

/** How busy a core (or the machine) was between two readings, as a share of its time (0..1). */
export function busyShare(before: CpuTicks | undefined, after: CpuTicks | undefined): number | null {
  if (!before || !after) return null;
  const total = after.total - before.total;
  return total > 0 ? (after.busy - before.busy) / total : null;
}
