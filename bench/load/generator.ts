/**
 * One load-generator process (forked by run.ts, pinned to the generator's core): it connects its
 * share of the players with socket.io-client over WebSocket, pairs them, then runs the phases it is
 * told to (a fixed rate, a closed loop), and reports each phase's figures and its own CPU time and
 * event-loop delay, so a run where the generator was the bottleneck can be marked invalid.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { GameView } from '../../shared/game/game-view';
import type { Ack } from '../../shared/protocol/events';
import { GamePlayer, type PlayerContext } from './game-player';
import { countText, leanParser } from './lean-parser';
import type {
  ConnectResult,
  FixedMessage,
  FromGenerator,
  PhaseTiming,
  SaturateMessage,
  SetupMessage,
  ToGenerator,
} from './ipc-messages';
import { SCENARIO } from './ipc-messages';
import { MoveScheduler } from './move-scheduler';
import { PhaseRecorder, idleRecorder } from './phase-recorder';
import { RelayPlayer } from './relay-player';

const ACK_TIMEOUT_MS = 10_000;
/** After a window, moves still awaiting an answer get this long before the figures are sent. */
const DRAIN_MS = 5_000;
/** The fixed rate catches up at most this much lateness at once (a longer stall is counted as such). */
const MAX_CATCH_UP_MS = 50;

let recorder = idleRecorder();
let stopping = false;
const sched = new MoveScheduler();
const ctx: PlayerContext = {
  sched,
  rec: () => recorder,
  now: () => performance.now(),
  ackTimeoutMs: ACK_TIMEOUT_MS,
  stopping: () => stopping,
};
const sockets: Socket[] = [];
countText((n) => recorder.onBytes(performance.now(), n));
const gamePlayers: GamePlayer[] = [];
/** A player waiting this long for its game to go on counts as stalled. */
const STALL_MS = 5_000;

function send(m: FromGenerator): void {
  process.send?.(m);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs `fn` over `items` with at most `n` at once. */
async function pool<T>(items: readonly T[], n: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, lane));
}

/** Opens one connection and resolves once `readyEvent` came (or rejects after `timeoutMs`). */
function open(
  url: string,
  auth: Record<string, string>,
  readyEvent: string,
  timeoutMs: number,
): { socket: Socket; ready: Promise<void> } {
  const socket = io(url, {
    auth,
    transports: ['websocket'],
    parser: leanParser,
    reconnection: false,
    forceNew: true,
    autoConnect: false,
    timeout: timeoutMs,
  });
  sockets.push(socket);
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${readyEvent} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(readyEvent, () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  return { socket, ready };
}

function note(errors: string[], err: unknown): void {
  const msg = err instanceof Error ? err.message : String(err);
  if (errors.length < 5 && !errors.includes(msg)) errors.push(msg);
}

/** Connects and pairs this generator's players; each pair then waits for a phase to play. */
async function setup(m: SetupMessage): Promise<ConnectResult> {
  const start = performance.now();
  const errors: string[] = [];
  let players = 0;
  let failed = 0;
  let pairsPlaying = 0;
  /** Counts a pair's two connections (and notes failures); true when both are ready. */
  const bothReady = async (...ready: Promise<unknown>[]): Promise<boolean> => {
    const got = await Promise.allSettled(ready);
    for (const r of got) {
      if (r.status === 'fulfilled') players++;
      else {
        failed++;
        note(errors, r.reason);
      }
    }
    return got.every((r) => r.status === 'fulfilled');
  };
  const ids = Array.from({ length: m.pairs }, (_, i) => i);
  await pool(ids, m.concurrency, async (i) => {
    try {
      if (m.mode === 'relay') {
        const pair = `g${m.index}p${i}`;
        const a = open(m.url, { pair, side: 'a' }, 'relay:ready', m.timeoutMs);
        const b = open(m.url, { pair, side: 'b' }, 'relay:ready', m.timeoutMs);
        const pa = new RelayPlayer(a.socket, ctx);
        const pb = new RelayPlayer(b.socket, ctx);
        pa.partner = pb;
        pb.partner = pa;
        a.socket.connect();
        b.socket.connect();
        if (await bothReady(a.ready, b.ready)) {
          pairsPlaying++;
          pa.begin();
        }
        return;
      }
      const a = open(m.url, { lang: 'en' }, 'session:ready', m.timeoutMs);
      const b = open(m.url, { lang: 'zh-CN' }, 'session:ready', m.timeoutMs);
      const pa = new GamePlayer(a.socket, ctx);
      const pb = new GamePlayer(b.socket, ctx);
      gamePlayers.push(pa, pb);
      pa.partner = pb;
      pb.partner = pa;
      a.socket.connect();
      b.socket.connect();
      if (!(await bothReady(a.ready, b.ready))) return;
      const made = (await a.socket
        .timeout(m.timeoutMs)
        .emitWithAck('match:private:create', { scenario: SCENARIO, role: 'client' })) as Ack<{
        code: string;
        game: GameView;
      }>;
      if (!made.ok) throw new Error(`match:private:create refused: ${made.error.code}`);
      pa.adopt(made.data.game);
      const joined = (await b.socket
        .timeout(m.timeoutMs)
        .emitWithAck('match:private:join', { code: made.data.code })) as Ack<{ game: GameView }>;
      if (!joined.ok) throw new Error(`match:private:join refused: ${joined.error.code}`);
      pb.adopt(joined.data.game);
      pairsPlaying++;
    } catch (err) {
      note(errors, err);
    }
  });
  return { players, failed, pairsPlaying, ms: performance.now() - start, errors };
}

/** Waits until the phase's start, sets up its recorder, and returns its times (performance.now()). */
async function beginPhase(t: PhaseTiming): Promise<{ from: number; to: number }> {
  const begin = performance.now() + (t.startAt - Date.now());
  const from = begin + t.warmupMs;
  const to = from + t.measureMs;
  recorder = new PhaseRecorder(from, to);
  await sleep(Math.max(0, begin - performance.now()));
  return { from, to };
}

/** The event-loop delay sampling interval (ms); the histogram counts it in, so it is taken off. */
const LAG_RESOLUTION_MS = 5;

/** Measures this process over the window: CPU time and event-loop delay. */
function selfMonitor(
  from: number,
  to: number,
): Promise<{ cpuMicros: number; loop: { p99Ms: number; maxMs: number } }> {
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  return new Promise((resolve) => {
    setTimeout(
      () => {
        const cpu0 = process.cpuUsage();
        lag.enable();
        setTimeout(
          () => {
            const cpu = process.cpuUsage(cpu0);
            lag.disable();
            const ms = (ns: number) => Math.max(0, ns / 1e6 - LAG_RESOLUTION_MS);
            resolve({
              cpuMicros: cpu.user + cpu.system,
              loop: { p99Ms: ms(lag.percentile(99)), maxMs: ms(lag.max) },
            });
          },
          Math.max(0, to - performance.now()),
        );
      },
      Math.max(0, from - performance.now()),
    );
  });
}

/** Lets the moves still awaiting an answer come back (bounded), then stops. */
async function drain(): Promise<void> {
  sched.active = false;
  sched.window = null;
  const end = performance.now() + DRAIN_MS;
  while (sched.outstanding > 0 && performance.now() < end) await sleep(10);
}

/** Sends `rate` moves per second, spread evenly, from the start of the warm-up to the window's end. */
async function fixed(m: FixedMessage): Promise<void> {
  const { from, to } = await beginPhase(m);
  const self = selfMonitor(from, to);
  sched.window = null;
  sched.active = true;
  const begin = performance.now();
  let due = 0;
  while (performance.now() < to) {
    const now = performance.now();
    const target = Math.floor(((now - begin) * m.rate) / 1000);
    let owed = target - due;
    const cap = Math.ceil((MAX_CATCH_UP_MS * m.rate) / 1000);
    if (owed > cap) {
      // the generator fell behind (its own stall): count the moves it skips as starved
      if (recorder.inside(now)) recorder.starved += owed - cap;
      owed = cap;
    }
    const done = sched.sendUpTo(owed);
    if (done < owed && recorder.inside(now)) recorder.starved += owed - done;
    due = target;
    await sleep(1);
  }
  await drain();
  const me = await self;
  send({
    type: 'phase',
    result: recorder.result('fixed', me.cpuMicros, me.loop, connectedNow(), stalledNow()),
  });
  recorder = idleRecorder();
}

/** A closed loop: `window` moves await their answer at all times, until the window's end. */
async function saturate(m: SaturateMessage): Promise<void> {
  const { from, to } = await beginPhase(m);
  const self = selfMonitor(from, to);
  sched.window = m.window;
  sched.active = true;
  // start the loop: later moves go as answers come back and players become able to move
  sched.sendUpTo(m.window);
  await sleep(Math.max(0, to - performance.now()));
  await drain();
  const me = await self;
  send({
    type: 'phase',
    result: recorder.result('saturate', me.cpuMicros, me.loop, connectedNow(), stalledNow()),
  });
  recorder = idleRecorder();
}

/** How many of this generator's game players have waited too long for their game to go on. */
function stalledNow(): number {
  const now = performance.now();
  return gamePlayers.filter((p) => p.stalled(now, STALL_MS)).length;
}

/** How many of this generator's players are connected now. */
function connectedNow(): number {
  return sockets.filter((s) => s.connected).length;
}

async function stop(): Promise<void> {
  stopping = true;
  sched.active = false;
  for (const s of sockets) s.disconnect();
  await sleep(100);
  process.exit(0);
}

let busy: Promise<void> = Promise.resolve();
process.on('message', (m: ToGenerator) => {
  // one command at a time, in order
  busy = busy
    .then(async () => {
      if (m.type === 'setup') send({ type: 'connected', result: await setup(m) });
      else if (m.type === 'fixed') await fixed(m);
      else if (m.type === 'saturate') await saturate(m);
      else await stop();
    })
    .catch((err: unknown) => {
      send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    });
});
// the orchestrator going away ends the generator too
process.on('disconnect', () => process.exit(0));
