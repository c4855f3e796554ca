/**
 * Preloaded into the server under test (`node --expose-gc --require dist/bench/load/server-probe.js
 * dist/server/main.js`), so the game server needs no benchmark code of its own: over the IPC
 * channel the orchestrator opened, it answers with the process's CPU time and its memory, after a
 * full collection when asked, and with its event-loop delay, garbage-collection pauses and full
 * collections since the last request that reset them. Loaded without an IPC channel it does nothing.
 */
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { isProbeRequest, type ProbeReply } from './ipc-messages';

/** The event-loop delay sampling interval (ms); the histogram counts it in, so it is taken off. */
const LAG_RESOLUTION_MS = 5;

/** Answers probe requests on this process's IPC channel (a no-op without one). */
export function installProbe(): void {
  const send = process.send?.bind(process);
  if (!send) return;
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  lag.enable();
  let gcMs = 0;
  let gcMaxMs = 0;
  let majorGcs = 0;
  const gcs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration;
      gcMaxMs = Math.max(gcMaxMs, e.duration);
      if ((e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)
        majorGcs++;
    }
  });
  gcs.observe({ entryTypes: ['gc'] });
  process.on('message', (m: unknown) => {
    if (!isProbeRequest(m)) return;
    const gc = (globalThis as { gc?: () => void }).gc;
    // two passes: the first may only queue finalizers whose memory the second frees
    if (m.gc && gc) {
      gc();
      gc();
    }
    const cpu = process.cpuUsage();
    const mem = process.memoryUsage();
    const lagMs = (x: number) => Math.max(0, x / 1e6 - LAG_RESOLUTION_MS);
    const reply: ProbeReply = {
      type: 'probe',
      id: m.id,
      cpuMicros: cpu.user + cpu.system,
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      gcDone: !m.gc || gc !== undefined,
      loopP99Ms: lag.count > 0 ? lagMs(lag.percentile(99)) : 0,
      loopMaxMs: lag.count > 0 ? lagMs(lag.max) : 0,
      gcMs,
      gcMaxMs,
      majorGcs,
    };
    send(reply);
    if (m.reset) {
      lag.reset();
      gcMs = 0;
      gcMaxMs = 0;
      majorGcs = 0;
    }
  });
  // the channel must not keep a server alive that was told to stop; and the benchmark ending,
  // however it ends, stops the server (gracefully, as SIGTERM does)
  process.channel?.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

installProbe();
