/**
 * The load benchmark's pure parts (npm run bench itself is not part of the tests): its arithmetic,
 * the generators' validity verdict, the log cut of the generators' parser, a generator player's
 * wait for a segment about to land, the move scheduler, and the report's table and last line.
 */
import { arrivalDue } from '../../bench/load/game-player';
import { withoutLog } from '../../bench/load/lean-parser';
import { MoveScheduler, type Mover } from '../../bench/load/move-scheduler';
import { finalLine, markdownTable, type RunResult, type VariantResult } from '../../bench/load/report';
import {
  busyShare,
  generatorProblems,
  parseProcStat,
  quantile,
  ratio,
  rssPerPlayer,
  summarize,
} from '../../bench/load/stats';
import { applyMove, canAct, correctMoves, createGame, seatPlayer } from '../../shared/game/game-engine';
import type { Game } from '../../shared/game/game-types';
import { viewFor } from '../../shared/game/game-view';
import { TEST_SETTINGS } from '../helpers/server-harness';

describe('stats', () => {
  it('takes percentiles by the nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(xs, 0.5)).toBe(50);
    expect(quantile(xs, 0.99)).toBe(99);
    expect(quantile(xs, 1)).toBe(100);
    expect(quantile([], 0.5)).toBeNaN();
    const s = summarize([3, 1, 2, 10]);
    expect(s).toMatchObject({ count: 4, p50: 2, p99: 10, max: 10, mean: 4 });
  });

  it('gives ratios only against a positive baseline', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(null, 2)).toBeNull();
    expect(rssPerPlayer(100, 1100, 10)).toBe(100);
    expect(rssPerPlayer(100, 50, 10)).toBe(0);
  });

  it('marks a window invalid when the generators were the bottleneck', () => {
    const limits = { maxCpuShare: 0.9, maxLoopP99Ms: 10 };
    expect(generatorProblems({ cpuShare: 0.5, coreBusy: 0.6, loopP99Ms: 2, loopMaxMs: 3 }, limits)).toEqual(
      [],
    );
    expect(
      generatorProblems({ cpuShare: 0.95, coreBusy: 0.97, loopP99Ms: 2, loopMaxMs: 3 }, limits),
    ).toHaveLength(1);
    expect(
      generatorProblems({ cpuShare: 0.5, coreBusy: 0.95, loopP99Ms: 2, loopMaxMs: 3 }, limits)[0],
    ).toMatch(/core busy 95%/);
    // a stall the size of the measured p99 makes the latency the generator's
    expect(
      generatorProblems({ cpuShare: 0.5, coreBusy: 0.5, loopP99Ms: 30, loopMaxMs: 40 }, limits, 40),
    ).toHaveLength(1);
    // a server seconds late makes its answers come in bursts: the generator's stalls do not matter
    expect(
      generatorProblems({ cpuShare: 0.5, coreBusy: 0.5, loopP99Ms: 30, loopMaxMs: 40 }, limits, 3000),
    ).toEqual([]);
  });

  it('reads how busy each core was from /proc/stat', () => {
    const before = parseProcStat('cpu  10 0 10 80 0 0 0 0 0 0\ncpu0 5 0 5 40 0 0 0 0 0 0\nintr 1 2\n');
    const after = parseProcStat('cpu  40 0 20 140 0 0 0 0 0 0\ncpu0 35 0 5 60 0 0 0 0 0 0\n');
    expect(busyShare(before.get('cpu0'), after.get('cpu0'))).toBeCloseTo(0.6);
    expect(busyShare(before.get('cpu'), after.get('cpu'))).toBeCloseTo(0.4);
    expect(busyShare(before.get('cpu1'), after.get('cpu1'))).toBeNull();
  });
});

describe('the generators’ parser', () => {
  it('empties a view’s log and leaves the rest as it was', () => {
    const view = {
      gameId: 'g1',
      version: 7,
      wire: [],
      log: [{ t: 1, notes: ['a],"result":x'] }],
      result: null,
    };
    const update = '2' + JSON.stringify(['game:update', view]);
    const lean = withoutLog(update);
    expect(JSON.parse(lean.slice(1))).toEqual(['game:update', { ...view, log: [] }]);
    const ack = '312' + JSON.stringify([{ ok: true, data: { game: view } }]);
    expect(JSON.parse(withoutLog(ack).slice(3))).toEqual([
      { ok: true, data: { game: { ...view, log: [] } } },
    ]);
    const relay = '2["relay:forward",{"n":1}]';
    expect(withoutLog(relay)).toBe(relay);
  });
});

describe('a generator player', () => {
  /** A handshake up to the client's SYN, sent at t = 10 and landing at t = 1010. */
  function synInFlight(): Game {
    let g = createGame({
      id: 'g1',
      scenarioId: 'three-way-handshake',
      now: 0,
      seed: 3,
      settings: TEST_SETTINGS,
      bot: null,
    });
    for (const side of ['client', 'server'] as const) g = seatPlayer(g, side, `s-${side}`, side, 0);
    for (const [side, t] of [
      ['server', 5],
      ['client', 10],
    ] as const) {
      expect(canAct(g, side)).toBe(true);
      const r = applyMove(g, side, correctMoves(g, side, 1000)[0]!, t);
      if (!r.ok) throw new Error(r.error.code);
      g = r.game;
    }
    expect(g.wire.map((w) => [w.from, w.arriveAt])).toEqual([['client', 1010]]);
    return g;
  }

  it('waits for a segment that lands at it before its move would be judged', () => {
    const g = synInFlight();
    const server = viewFor(g, 'server', 20);
    expect(arrivalDue(server, 20, 100)).toBe(false);
    expect(arrivalDue(server, 909, 100)).toBe(false);
    expect(arrivalDue(server, 910, 100)).toBe(true);
    expect(arrivalDue(server, 1010, 0)).toBe(true);
    // its own segment on the way out is no reason to wait, nor is one that is lost
    expect(arrivalDue(viewFor(g, 'client', 20), 1010, 0)).toBe(false);
    const lost: Game = { ...g, wire: g.wire.map((w) => ({ ...w, lost: true })) };
    expect(arrivalDue(viewFor(lost, 'server', 20), 1010, 0)).toBe(false);
  });
});

describe('MoveScheduler', () => {
  class P implements Mover {
    inUrgent = false;
    inNormal = false;
    moved = 0;
    constructor(public able = true) {}
    canMove(): boolean {
      return this.able;
    }
    move(): void {
      this.moved++;
      this.able = false;
    }
  }

  it('sends replies owed first and skips players no longer able to move', () => {
    const s = new MoveScheduler(() => 0);
    const a = new P();
    const b = new P(false);
    const c = new P();
    s.offer(a, false);
    s.offer(b, true);
    s.offer(c, true);
    expect(s.sendUpTo(1)).toBe(1);
    expect(c.moved).toBe(1);
    expect(s.sendUpTo(5)).toBe(1);
    expect([a.moved, b.moved]).toEqual([1, 0]);
  });

  it('keeps a closed loop’s window full as answers come back', () => {
    const s = new MoveScheduler(() => 0);
    const ps = Array.from({ length: 5 }, () => {
      const p = new P();
      p.move = () => {
        p.moved++;
        p.able = false;
        s.sent();
      };
      return p;
    });
    s.window = 2;
    s.active = true;
    for (const p of ps) s.offer(p, false);
    expect(ps.filter((p) => p.moved > 0)).toHaveLength(2);
    s.answered();
    expect(ps.filter((p) => p.moved > 0)).toHaveLength(3);
    s.active = false;
    s.answered();
    expect(ps.filter((p) => p.moved > 0)).toHaveLength(3);
  });
});

describe('report', () => {
  const window = (over: Partial<NonNullable<VariantResult['fixed']>> = {}) => ({
    movesPerSec: 2000,
    rtt: summarize([1, 2, 4]),
    toOpponent: summarize([1, 2, 3]),
    cpuPerMove: 100,
    redisCpuPerMove: null,
    redisCommands: null,
    serverCpuShare: 0.5,
    cores: { server: 0.5, generators: 0.4, others: 0 },
    server: { loopP99Ms: 1, loopMaxMs: 2, gcMs: 3, gcMaxMs: 1, majorGcs: 1 },
    generator: { cpuShare: 0.3, coreBusy: 0.4, loopP99Ms: 1, loopMaxMs: 2 },
    refused: {},
    timeouts: 0,
    starved: 0,
    gamesFinished: 0,
    goalMet: 0,
    disconnects: 0,
    stalled: 0,
    updatesPerMove: 1,
    bytesPerMove: 500,
    retransmitShare: 0,
    invalid: [],
    notes: [],
    targetRate: 2000,
    ...over,
  });
  const variant = (v: VariantResult['variant'], cpu: number, rss: number, sat: number): VariantResult => ({
    variant: v,
    players: 10_000,
    playersAtEnd: 10_000,
    failed: 0,
    connectMs: 1,
    idleRss: 0,
    loadedRss: rss * 10_000,
    rssPerPlayer: rss,
    heldCpuShare: cpu / 10_000,
    fixed: window({ cpuPerMove: cpu }),
    saturate: { ...window({ movesPerSec: sat, cpuPerMove: cpu / 2 }), window: 256 },
    errors: [],
  });
  const run: RunResult = {
    startedAt: '2026-01-01T00:00:00.000Z',
    quick: false,
    machine: { cpu: 'x', cores: 2, node: 'v20', os: 'Linux', pinned: true, nofile: '1' },
    plan: { players: 10_000, generators: 4, fixedRate: 2000, window: 256, scenario: 's', serverEnv: {} },
    variants: [variant('relay', 100, 20_000, 10_000), variant('memory', 250, 30_000, 5_000)],
    durationS: 1,
  };

  it('shows each figure with its ratio to the relay', () => {
    const table = markdownTable(run);
    expect(table).toContain('| RSS per player after GC (KiB) | 19.5 | 29.3 | 1.50x |');
    expect(table).toContain('| server CPU per move (µs) | 100.0 | 250.0 | 2.50x |');
    expect(table).toContain('| server CPU per move at saturation (µs) | 50.0 | 125.0 | 2.50x |');
    expect(table).toContain('| server bytes sent per move | 500 | 500 | 1.00x |');
    expect(table).toContain('| server CPU holding the players, no moves (% of its core) | 1.0 | 2.5 |  |');
  });

  it('prints the summary line the issue asks for', () => {
    expect(finalLine(run)).toBe(
      'bench: players 10000, moves/s 5000, p99 4.00 ms, rss ratio 1.50, cpu ratio 2.50, saturation ratio 0.50, p99 ratio 1.00',
    );
  });
});
