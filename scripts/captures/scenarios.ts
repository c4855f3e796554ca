/**
 * The real TCP conversations behind the capture fixtures, run on loopback while make-captures.sh
 * records them, and what each side's RFC state is at the end of each.
 *
 *   npx tsx scripts/captures/scenarios.ts list         one "file port" line per case
 *   npx tsx scripts/captures/scenarios.ts run FILE     plays one case and exits when it is over
 */
import * as net from 'node:net';
import { Worker } from 'node:worker_threads';
import type { TraceExpect } from '../../shared/trace/trace-format';

export interface CaptureCase {
  /** Base name of the fixture files (.pcapng, .tsv, .json). */
  file: string;
  /** The server's port: the capture filter is "tcp port PORT". */
  port: number;
  /** What happens, for the trace's description. */
  summary: string;
  /** Final states per connection, in stream order; written from what the case does, not derived. */
  expect: TraceExpect[];
  run: (port: number) => Promise<void>;
}

const V4 = '127.0.0.1';
const V6 = '::1';
const CLIENT_TIME_WAIT: TraceExpect = { client_final: 'TIME_WAIT', server_final: 'CLOSED' };
const SERVER_TIME_WAIT: TraceExpect = { client_final: 'CLOSED', server_final: 'TIME_WAIT' };
const BOTH_CLOSED: TraceExpect = { client_final: 'CLOSED', server_final: 'CLOSED' };

/**
 * Longer than Linux's delayed-ACK timer (40 ms minimum), so that the kernel's ACK of a FIN goes out
 * on its own before the application's FIN: the textbook four-segment teardown. Without the pause
 * the FIN rides on that ACK (case 10).
 */
const APP_DELAY_MS = 120;

export const CASES: CaptureCase[] = [
  {
    file: '01-client-closes',
    port: 45101,
    summary:
      'handshake, no data; the client calls end(), the server ends 120 ms after it reads end of stream',
    expect: [CLIENT_TIME_WAIT],
    run: (port) =>
      conversation(port, V4, {
        client: (c) => c.end(),
        server: (s) => s.on('end', () => later(() => s.end())),
      }),
  },
  {
    file: '02-server-closes',
    port: 45102,
    summary:
      'handshake, no data; the server calls end(), the client ends 120 ms after it reads end of stream',
    expect: [SERVER_TIME_WAIT],
    run: (port) =>
      conversation(port, V4, {
        client: (c) => c.on('end', () => later(() => c.end())),
        server: (s) => later(() => s.end(), 20),
      }),
  },
  {
    file: '03-data-both-ways',
    port: 45103,
    summary:
      'the client writes 3 requests (120, 200, 80 bytes), the server answers each (300, 40, 150 bytes); then the client ends first',
    expect: [CLIENT_TIME_WAIT],
    run: (port) => {
      const requests = [120, 200, 80];
      const answers = [300, 40, 150];
      return conversation(port, V4, {
        client: async (c) => {
          let received = 0;
          let expected = 0;
          for (const [i, size] of requests.entries()) {
            expected += answers[i] ?? 0;
            c.write(payload(size, 'q'));
            // Wait for the whole answer, so that each exchange is its own set of segments.
            await new Promise<void>((resolve) => {
              const onData = (chunk: Buffer) => {
                received += chunk.length;
                if (received >= expected) {
                  c.off('data', onData);
                  resolve();
                }
              };
              c.on('data', onData);
            });
          }
          await sleep(20);
          c.end();
        },
        server: (s) => {
          let received = 0;
          let answered = 0;
          let expected = requests[0] ?? 0;
          s.on('data', (chunk: Buffer) => {
            received += chunk.length;
            while (answered < requests.length && received >= expected) {
              s.write(payload(answers[answered] ?? 0, 'a'));
              answered += 1;
              expected += requests[answered] ?? 0;
            }
          });
          s.on('end', () => later(() => s.end()));
        },
      });
    },
  },
  {
    file: '04-half-close',
    port: 45104,
    summary:
      'the client calls end() at once; in CLOSE_WAIT the server writes 3 x 200 bytes 30 ms apart, the client (half-closed) reads them, then the server ends',
    expect: [CLIENT_TIME_WAIT],
    run: (port) =>
      conversation(port, V4, {
        client: (c) => c.end(),
        server: (s) =>
          s.on('end', async () => {
            for (let i = 0; i < 3; i++) {
              await sleep(30);
              s.write(payload(200, 'h'));
            }
            await sleep(30);
            s.end();
          }),
      }),
  },
  {
    file: '05-refused',
    port: 45105,
    summary: 'connect() to a port with no listener: the SYN is answered by RST,ACK',
    expect: [BOTH_CLOSED],
    run: async (port) => {
      const client = net.connect({ port, host: V4 });
      const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
        client.on('error', resolve);
        client.on('connect', () => resolve(undefined));
      });
      if (error?.code !== 'ECONNREFUSED') {
        throw new Error(`expected ECONNREFUSED on port ${port}, got ${error?.code ?? 'a connection'}`);
      }
    },
  },
  {
    file: '06-abortive-close',
    port: 45106,
    summary:
      'the client writes 100 bytes, the server answers 100 bytes, then the client calls resetAndDestroy() (SO_LINGER 0): one RST, no FIN',
    expect: [BOTH_CLOSED],
    run: (port) =>
      conversation(port, V4, {
        client: (c) => {
          c.write(payload(100, 'x'));
          c.once('data', () => later(() => c.resetAndDestroy(), 20));
        },
        server: (s) => {
          s.once('data', () => s.write(payload(100, 'y')));
          s.on('error', () => undefined); // ECONNRESET is the point of the case
        },
      }),
  },
  {
    file: '07-ipv6',
    port: 45107,
    summary: 'over ::1: the client writes 150 bytes, the server answers 250 bytes, the client ends first',
    expect: [CLIENT_TIME_WAIT],
    run: (port) =>
      conversation(port, V6, {
        client: (c) => {
          c.write(payload(150, '6'));
          let received = 0;
          c.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received >= 250) later(() => c.end(), 20);
          });
        },
        server: (s) => {
          s.once('data', () => s.write(payload(250, 'v')));
          s.on('end', () => later(() => s.end()));
        },
      }),
  },
  {
    file: '08-simultaneous-close',
    port: 45108,
    summary:
      'both sides close the socket (destroy(), a plain close(2) with nothing unread) at the same instant from two threads; make-captures.sh retries until the FINs cross on the wire, taking each side through CLOSING',
    expect: [{ client_final: 'TIME_WAIT', server_final: 'TIME_WAIT' }],
    run: simultaneousClose,
  },
  {
    file: '09-two-connections',
    port: 45109,
    summary:
      'two connections on the same 4-tuple 1.2 s apart (the client binds the same port again while the first is in TIME_WAIT): the first is closed by the client, the second by the server',
    expect: [CLIENT_TIME_WAIT, SERVER_TIME_WAIT],
    run: async (port) => {
      let accepted = 0;
      const server = await listen(port, V4, (s) => {
        s.resume();
        // The first connection: the client closes; the second: the server closes.
        if (accepted++ === 0) s.on('end', () => later(() => s.end()));
        else later(() => s.end(), 20);
      });
      // Both connections bind the client port explicitly: libuv then sets SO_REUSEADDR, without
      // which the first connection's TIME_WAIT would block the second bind().
      const localPort = port + 1000;
      const first = await connect(port, V4, localPort);
      first.resume();
      first.end();
      await closed(first);
      // Linux lets a loopback connect() reuse a TIME_WAIT 4-tuple (tcp_tw_reuse=2) once the last
      // timestamp is more than a second old.
      await sleep(1200);
      const second = await connect(port, V4, localPort);
      second.resume();
      second.on('end', () => later(() => second.end()));
      await closed(second);
      await sleep(50);
      await closeServer(server);
    },
  },
  {
    file: '10-piggybacked-close',
    port: 45110,
    summary:
      'handshake, 20 bytes from the client, then the client ends and the server ends as soon as it reads end of stream: its FIN rides on the ACK of the client FIN',
    expect: [CLIENT_TIME_WAIT],
    run: (port) =>
      conversation(port, V4, {
        client: (c) => {
          c.write(payload(20, 'p'));
          later(() => c.end(), 20);
        },
        server: (s) => s.on('end', () => s.end()),
      }),
  },
];

// ---------------------------------------------------------------------------------------------

interface Roles {
  client: (socket: net.Socket) => unknown;
  server: (socket: net.Socket) => unknown;
}

/** One connection: listen, connect, let both roles act, and resolve once both sockets are closed. */
async function conversation(port: number, host: string, roles: Roles): Promise<void> {
  let serverSide: Promise<void> | undefined;
  const server = await listen(port, host, (socket) => {
    serverSide = closed(socket);
    socket.resume(); // keep reading so that 'end' fires
    void roles.server(socket);
  });
  const client = await connect(port, host);
  client.resume();
  client.on('error', () => undefined);
  await roles.client(client);
  await closed(client);
  await serverSide;
  await closeServer(server);
}

/** A listening server that allows half-open connections, so that every end() is the test's own. */
function listen(port: number, host: string, onConnection: (s: net.Socket) => void): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer({ allowHalfOpen: true }, onConnection);
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

function connect(port: number, host: string, localPort?: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const local = localPort ? { localPort, localAddress: host } : {};
    const socket = net.connect({ port, host, allowHalfOpen: true, ...local });
    socket.once('error', reject);
    socket.once('connect', () => resolve(socket));
  });
}

function closed(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.closed) resolve();
    else socket.once('close', () => resolve());
  });
}

function closeServer(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function payload(size: number, fill: string): Buffer {
  return Buffer.alloc(size, fill);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function later(action: () => void, ms = APP_DELAY_MS): void {
  setTimeout(action, ms);
}

/**
 * Crossing FINs need each side's shutdown() to run before the other's FIN is processed. On
 * loopback a FIN is processed within the sender's system call, so one thread can never do it: the
 * client lives in a worker thread, and both threads spin on a shared flag and call end() the
 * moment it flips. It is a race; make-captures.sh checks the capture and tries again.
 */
async function simultaneousClose(port: number): Promise<void> {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  let onAccepted: (s: net.Socket) => void = () => undefined;
  const accepted = new Promise<net.Socket>((resolve) => (onAccepted = resolve));
  const server = await listen(port, V4, (s) => {
    s.resume();
    onAccepted(s);
  });
  const worker = new Worker(
    `
    const net = require('node:net');
    const { workerData, parentPort } = require('node:worker_threads');
    const flag = workerData.flag;
    const c = net.connect({ port: workerData.port, host: '${V4}', allowHalfOpen: true }, () => {
      parentPort.postMessage('connected');
      parentPort.once('message', () => {
        while (Atomics.load(flag, 0) === 0) {}
        c.destroy();
      });
    });
    c.resume();
    c.on('close', () => parentPort.postMessage('closed'));
    `,
    { eval: true, workerData: { port, flag } },
  );
  const messages: string[] = [];
  const waitFor = (what: string) =>
    new Promise<void>((resolve) => {
      if (messages.includes(what)) return resolve();
      const on = (m: string) => {
        if (m === what) {
          worker.off('message', on);
          resolve();
        }
      };
      worker.on('message', on);
    });
  worker.on('message', (m: string) => messages.push(m));
  await waitFor('connected');
  const serverSocket = await accepted;
  await sleep(100);
  worker.postMessage('arm');
  await sleep(50); // the worker is spinning now
  Atomics.store(flag, 0, 1);
  serverSocket.destroy();
  await Promise.all([closed(serverSocket), waitFor('closed')]);
  await worker.terminate();
  await closeServer(server);
}

async function main(): Promise<void> {
  const [command, file] = process.argv.slice(2);
  if (command === 'list') {
    for (const c of CASES) console.log(`${c.file} ${c.port}`);
    return;
  }
  const found = CASES.find((c) => c.file === file);
  if (command !== 'run' || !found) {
    throw new Error('usage: scenarios.ts list | run FILE');
  }
  await found.run(found.port);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
