/**
 * A real redis-server for tests: the Debian binary on a free loopback port, in its own temp dir,
 * without snapshots. It can be stopped, killed, restarted on the same port and dir (an outage) and
 * paused (SIGSTOP: up but silent). Every process started here is killed when the test process
 * exits, and none holds the event loop, so jest exits by itself even after a forgotten stop().
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface RedisServerOptions {
  /** Keep every write in an append-only file, so restart() finds the data again (outage tests). */
  appendonly?: boolean;
}

export interface RedisServer {
  /** redis://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  /** Its working dir (append-only file and log). */
  readonly dir: string;
  /** Whether a process is up (paused counts as up). */
  readonly running: boolean;
  /** Shuts it down (SIGTERM, then SIGKILL), removes its dir; final, for teardown. Safe to repeat. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash; restart() brings it back. */
  kill(): Promise<void>;
  /** SIGTERM, keeping its dir (an operator stopping it); restart() brings it back with its data. */
  shutdown(): Promise<void>;
  /** Stops it when up (SIGTERM), then starts it again on the same port and dir and waits for PING. */
  restart(): Promise<void>;
  /** SIGSTOP: the port stays open but nothing answers. */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
}

/** How long a start may take before it counts as failed. */
const START_LIMIT_MS = 10_000;
/** How long a SIGTERM may take before SIGKILL. */
const STOP_LIMIT_MS = 3_000;

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' runs synchronous code only: a plain kill of whatever is still up.
  process.on('exit', () => {
    for (const child of live) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

/** Where redis-server may be: the Debian path, then each PATH entry. */
function binaryCandidates(): string[] {
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((d) => d !== '')
    .map((d) => join(d, 'redis-server'));
  return ['/usr/bin/redis-server', ...onPath];
}

/** The first existing redis-server of `candidates`; a clear error naming the Debian package otherwise. */
export function redisServerBinary(candidates: string[] = binaryCandidates()): string {
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new Error(
      'redis-server is not installed: the Redis tests need a real one. On Debian/Ubuntu: ' +
        '`apt-get install redis-server` (.ci/run installs it when missing).',
    );
  }
  return found;
}

/** A port that was free a moment ago on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** One PING over a raw connection: true on +PONG, false on anything else or after `limitMs`. */
export function ping(port: number, limitMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let answer = '';
    const sock = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      sock.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), limitMs);
    sock.setEncoding('utf8');
    sock.once('connect', () => sock.write('PING\r\n'));
    sock.on('data', (d: string) => {
      answer += d;
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
    sock.once('error', () => done(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function logTail(dir: string): string {
  try {
    return readFileSync(join(dir, 'redis.log'), 'utf8').split('\n').slice(-8).join('\n');
  } catch {
    return '(no log)';
  }
}

class RealRedisServer implements RedisServer {
  readonly url: string;
  private child: ChildProcess | null = null;
  private removed = false;

  constructor(
    private readonly binary: string,
    readonly port: number,
    readonly dir: string,
    private readonly options: RedisServerOptions,
  ) {
    this.url = `redis://127.0.0.1:${port}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** Starts the process and waits until it answers PING; throws with the log's tail when it does not. */
  async start(): Promise<void> {
    if (this.child) return;
    if (this.removed) throw new Error('this redis-server was stopped for good');
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--dir',
      this.dir,
      '--logfile',
      join(this.dir, 'redis.log'),
      '--daemonize',
      'no',
      '--protected-mode',
      'yes',
      '--appendonly',
      this.options.appendonly ? 'yes' : 'no',
    ];
    // stdio ignored and the child unreferenced: it never keeps a test process alive.
    const child = spawn(this.binary, args, { stdio: 'ignore', detached: false });
    child.unref();
    live.add(child);
    child.once('exit', () => {
      live.delete(child);
      if (this.child === child) this.child = null;
    });
    this.child = child;
    const end = Date.now() + START_LIMIT_MS;
    for (;;) {
      if (this.child !== child) {
        throw new Error(`redis-server on port ${this.port} exited at start:\n${logTail(this.dir)}`);
      }
      if (await ping(this.port, 500)) return;
      if (Date.now() > end) {
        child.kill('SIGKILL');
        await exited(child);
        throw new Error(`redis-server on port ${this.port} did not answer PING:\n${logTail(this.dir)}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async halt(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    // a paused process only handles SIGTERM once it runs again
    child.kill('SIGCONT');
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_LIMIT_MS);
    await exited(child);
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    await this.halt('SIGTERM');
    if (!this.removed) {
      this.removed = true;
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  async kill(): Promise<void> {
    await this.halt('SIGKILL');
  }

  async shutdown(): Promise<void> {
    await this.halt('SIGTERM');
  }

  async restart(): Promise<void> {
    await this.halt('SIGTERM');
    await this.start();
  }

  pause(): void {
    if (!this.child) throw new Error('redis-server is not running');
    this.child.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }
}

/** Starts a redis-server on a free loopback port and resolves once it answers PING. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const binary = redisServerBinary();
  installExitHook();
  let lastError: unknown = null;
  // a free port can be taken by another process before redis binds it: try a few
  for (let attempt = 0; attempt < 5; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'ha-redis-'));
    const server = new RealRedisServer(binary, await freePort(), dir, options);
    try {
      await server.start();
      return server;
    } catch (err) {
      lastError = err;
      await server.stop();
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
