/** LimitStore in process memory: a fixed window per key, old windows swept as new hits come. */
import type { LimitStore } from './class-store';

interface Window {
  start: number;
  windowMs: number;
  hits: number;
}

/** Keys kept before a sweep of expired windows (an attack from many addresses cannot grow it forever). */
const SWEEP_AT = 10_000;

export class MemoryLimitStore implements LimitStore {
  private readonly windows = new Map<string, Window>();

  async hit(key: string, windowMs: number, now: number): Promise<number> {
    let w = this.windows.get(key);
    if (!w || now - w.start >= w.windowMs) {
      if (this.windows.size >= SWEEP_AT) this.sweep(now);
      w = { start: now, windowMs, hits: 0 };
      this.windows.set(key, w);
    }
    w.hits++;
    return w.hits;
  }

  async peek(key: string, now: number): Promise<number> {
    const w = this.windows.get(key);
    return w && now - w.start < w.windowMs ? w.hits : 0;
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= w.windowMs) this.windows.delete(k);
  }
}
