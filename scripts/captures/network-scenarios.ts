/**
 * The real TCP conversations behind the network capture fixtures (test/fixtures/captures/network/):
 * what a capture taken at one point of a real path shows and the textbook leaves out (keep-alives,
 * Fast Open, loss, reordering, offload, resets after close()). make-network-captures.sh builds
 * three network namespaces, client - router - server, applies each case's settings (sysctls,
 * impair.py link, offload sizes), captures at the case's point and runs the two halves below, each in its
 * own namespace.
 *
 *   npx tsx scripts/captures/network-scenarios.ts list            one "file port" line per case
 *   npx tsx scripts/captures/network-scenarios.ts setup FILE      the case's settings, one "NS command" a line
 *   npx tsx scripts/captures/network-scenarios.ts server-at FILE  the namespace of the server half
 *   npx tsx scripts/captures/network-scenarios.ts server FILE     the server half (prints "ready" once listening)
 *   npx tsx scripts/captures/network-scenarios.ts client FILE     the client half
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { TraceExpect } from '../../shared/trace/trace-format';

/** The namespaces of make-network-captures.sh, by role. */
export type Role = 'client' | 'router' | 'server';

export interface NetworkCase {
  /** Base name of the fixture files. */
  file: string;
  /** The server's port: the capture filter is "tcp port PORT". */
  port: number;
  /** Where the capture is taken: a namespace and its interface (c0 client, r0/r1 router, s0 server). */
  capture: { role: Role; iface: string };
  /** Commands run in the namespaces before the case (sysctl, tc, ip link), "role command". */
  setup: string[];
  /** What happens, for the trace's description. */
  summary: string;
  /** Final states per connection, in stream order; written from what the case does. */
  expect: TraceExpect[];
  /** How many connections the server half accepts before it exits. */
  connections: number;
  /** Where the server half runs: the server namespace, or the router (a direct veth pair with the client). */
  serverAt?: 'server' | 'router';
  server: (s: net.Socket, index: number) => unknown;
  /** The client half, given the server half's addresses. */
  client: (at: Addresses, port: number) => Promise<void>;
}

export interface Addresses {
  v4: string;
  v6: string;
}

/** The server half's addresses: in the server namespace, or on the router's side of the client's veth. */
const SERVER: Addresses = { v4: '10.203.2.1', v6: 'fd00:203:2::1' };
const ROUTER: Addresses = { v4: '10.203.1.2', v6: 'fd00:203:1::2' };

const CLIENT_TIME_WAIT: TraceExpect = { client_final: 'TIME_WAIT', server_final: 'CLOSED' };
const SERVER_TIME_WAIT: TraceExpect = { client_final: 'CLOSED', server_final: 'TIME_WAIT' };
const BOTH_CLOSED: TraceExpect = { client_final: 'CLOSED', server_final: 'CLOSED' };

/**
 * The client's veth offloads segmentation (the capture at c0 then holds segments of up to 64 kB);
 * with one segment per offload, Linux sends one segment per packet. The server's side of the link
 * (a TUN device) has no offload.
 */
const NO_OFFLOAD = 'client ip link set dev c0 gso_max_segs 1';

export const CASES: NetworkCase[] = [
  {
    file: '21-keepalive',
    port: 45201,
    capture: { role: 'client', iface: 'c0' },
    setup: [],
    summary:
      'both sides turn keep-alive on (SO_KEEPALIVE, 1 s idle and interval); 10 bytes each way, 2.5 s idle in ESTABLISHED, then the server half-closes and the client idles 2.5 s in CLOSE_WAIT before it ends: keep-alives (seq = SND.NXT - 1, no data) from ESTABLISHED, CLOSE_WAIT and FIN_WAIT_2, each answered by an ACK',
    expect: [SERVER_TIME_WAIT],
    connections: 1,
    server: (s) => {
      s.setKeepAlive(true, 1000);
      s.once('data', () => {
        s.write(payload(10, 's'));
        later(() => s.end(), 2500);
      });
    },
    client: async (at, port) => {
      const c = await connect(at.v4, port);
      c.setKeepAlive(true, 1000);
      c.write(payload(10, 'c'));
      await new Promise<void>((resolve) => c.once('end', resolve));
      await sleep(2500);
      c.end();
      await closed(c);
    },
  },
  {
    file: '22-fast-open',
    port: 45202,
    capture: { role: 'client', iface: 'c0' },
    setup: [
      'client sysctl -q -w net.ipv4.tcp_fastopen=1',
      'server sysctl -q -w net.ipv4.tcp_fastopen=0x402',
      'link to-server delay=15',
      'link to-client delay=15',
    ],
    summary:
      'TCP Fast Open (RFC 7413), 15 ms each way: the first connection asks for a cookie (sendto with MSG_FASTOPEN, no cookie yet: an empty cookie option, the 40 bytes go after the handshake); the second puts 40 bytes and the cookie on its SYN, the SYN,ACK acknowledges them and the server answers 60 bytes before the handshake ACK arrives (from SYN_RCVD); each time the client ends first',
    expect: [CLIENT_TIME_WAIT, CLIENT_TIME_WAIT],
    connections: 2,
    server: answerThenEnd(60),
    client: (at, port) => fastOpenClient(at.v4, port, 2),
  },
  {
    file: '23-fast-open-refused',
    port: 45203,
    capture: { role: 'client', iface: 'c0' },
    setup: [
      // 0x4: data on the SYN without a cookie; the server wants one and so does not take the data
      'client sysctl -q -w net.ipv4.tcp_fastopen=0x5',
      'server sysctl -q -w net.ipv4.tcp_fastopen=0x402',
      'link to-server delay=15',
      'link to-client delay=15',
    ],
    summary:
      'Fast Open without a cookie (client tcp_fastopen=0x5): the SYN carries 40 bytes, the server (which wants a cookie) acknowledges only the SYN, and the client sends the 40 bytes again after the handshake; the server answers 60 bytes, the client ends first',
    expect: [CLIENT_TIME_WAIT],
    connections: 1,
    server: answerThenEnd(60),
    client: (at, port) => fastOpenClient(at.v4, port, 1),
  },
  {
    file: '24-old-ack',
    port: 45204,
    capture: { role: 'client', iface: 'c0' },
    setup: [
      NO_OFFLOAD,
      // every 5th packet towards the client goes at once, the others 10 ms later: it overtakes them
      'link to-client delay=10 gap=5',
    ],
    summary:
      'the client sends 60 kB (one segment per packet) and ends; the router sends every 5th packet towards the client at once and delays the others by 10 ms, so the client (where the capture is) sees the server ACKs out of order: old ACKs below ones already seen',
    expect: [CLIENT_TIME_WAIT],
    connections: 1,
    server: (s) => s.on('end', () => later(() => s.end(), 20)),
    client: async (at, port) => {
      const c = await connect(at.v4, port);
      c.write(payload(60_000, 'u'));
      c.end();
      await closed(c);
    },
  },
  {
    file: '25-offload',
    port: 45205,
    capture: { role: 'client', iface: 'c0' },
    // the router's link to the server takes one segment per packet: it cuts the large ones
    setup: ['link to-server delay=2'],
    summary:
      'segmentation offload: the client writes 300 kB; its veth takes segments of up to 64 kB, so the capture at the client holds large segments that the router cuts into 1448-byte ones; the server acknowledges those, so its ACKs fall inside captured segments',
    expect: [CLIENT_TIME_WAIT],
    connections: 1,
    server: (s) => s.on('end', () => later(() => s.end(), 20)),
    client: async (at, port) => {
      const c = await connect(at.v4, port);
      c.write(payload(300_000, 'o'));
      c.end();
      await closed(c);
    },
  },
  {
    file: '26-big-tcp',
    port: 45206,
    capture: { role: 'client', iface: 'c0' },
    setup: [
      'client ip link set dev c0 gso_max_size 185000 gro_max_size 185000',
      'client python3 scripts/captures/set-ipv4-gso.py c0 185000',
      'router ip link set dev r0 gso_max_size 185000 gro_max_size 185000',
      'router python3 scripts/captures/set-ipv4-gso.py r0 185000',
    ],
    // the server half on the other end of the client's veth pair: no forwarding in between
    serverAt: 'router',
    summary:
      'BIG TCP on a veth pair: the client veth takes segments of up to 185,000 bytes (gso_max_size, gso_ipv4_max_size) and the server half runs at its other end; the client writes 400 kB over IPv4 and then over IPv6, so the capture at the client holds segments above 65,535 bytes (IPv4 total length 0; IPv6 payload length 0 and a jumbo payload option); the client ends each connection first',
    expect: [CLIENT_TIME_WAIT, CLIENT_TIME_WAIT],
    connections: 2,
    server: (s) => s.on('end', () => later(() => s.end(), 20)),
    client: async (at, port) => {
      for (const host of [at.v4, at.v6]) {
        const c = await connect(host, port);
        c.write(payload(400_000, 'b'));
        c.end();
        await closed(c);
      }
    },
  },
  {
    file: '27-loss',
    port: 45207,
    capture: { role: 'client', iface: 'c0' },
    setup: [NO_OFFLOAD, 'link to-server delay=5 loss=0.07 seed=7', 'link to-client delay=5 loss=0.07 seed=8'],
    summary:
      'loss after the capture point: the router drops 7 % of the packets each way (5 ms delay); the client sends 12 requests of 3000 bytes, the server answers each with 6000 bytes, then the client ends; captured at the client, so segments it sent and the router dropped are in the capture, and the server ACKs and SACK blocks show they never arrived',
    expect: [CLIENT_TIME_WAIT],
    connections: 1,
    server: requestAnswer(3000, 6000, 12),
    client: (at, port) => requester(at.v4, port, 3000, 6000, 12),
  },
  {
    file: '28-reorder-at-receiver',
    port: 45208,
    capture: { role: 'client', iface: 'c0' },
    setup: ['link to-client delay=10 gap=4'],
    summary:
      'reordering before the capture point: the client asks for 40 kB; the router sends every 4th packet towards the client at once and delays the others by 10 ms; the capture at the client (the receiver) sees data segments after later ones, gaps that the late segments fill; the client ends first',
    expect: [CLIENT_TIME_WAIT],
    connections: 1,
    server: requestAnswer(100, 40_000, 1),
    client: (at, port) => requester(at.v4, port, 100, 40_000, 1),
  },
  {
    file: '29-rst-after-close',
    port: 45209,
    capture: { role: 'client', iface: 'c0' },
    setup: ['link to-server delay=30', 'link to-client delay=30'],
    summary:
      'data after close(), 30 ms each way: (1) the server calls close() 100 ms after the handshake and the client writes 20 bytes 10 ms later, before the FIN reaches it (the data acknowledges everything but the FIN): the closed server answers RST with seq = that ack; (2) the server calls close(), the client writes 20 bytes after reading the FIN: RST again with seq = the data ack',
    expect: [BOTH_CLOSED, BOTH_CLOSED],
    connections: 2,
    server: (s) => {
      s.on('error', () => undefined);
      // close(2) with nothing unread: a FIN, and the socket is gone for the application
      later(() => s.destroy(), 100);
    },
    client: async (at, port) => {
      // the socket has read its end of stream, so Node never reads the RST: wait for it, then
      // close(2) the socket, which the RST has already closed in the kernel (nothing is sent)
      const first = await connect(at.v4, port);
      first.on('error', () => undefined);
      await sleep(110);
      first.write(payload(20, 'x'));
      await sleep(400);
      first.destroy();
      const second = await connect(at.v4, port);
      second.on('error', () => undefined);
      await new Promise<void>((resolve) => second.once('end', resolve));
      second.write(payload(20, 'y'));
      await sleep(400);
      second.destroy();
    },
  },
  {
    file: '30-repacketized',
    port: 45210,
    capture: { role: 'server', iface: 's0' },
    setup: [NO_OFFLOAD],
    summary:
      'a retransmission packed differently, seen at the server: the ACK of the first 100-byte write is dropped, the next 5 writes of 100 bytes (TCP_NODELAY) are dropped before the capture point; after 300 ms the path heals and the RTO resends from the first write in one 600-byte segment (tcp_retrans_collapse): more bytes from the same seq than the capture saw there; the client ends first',
    expect: [CLIENT_TIME_WAIT],
    connections: 1,
    server: (s) => s.on('end', () => later(() => s.end(), 20)),
    client: async (at, port) => {
      const c = await connect(at.v4, port);
      c.setNoDelay(true);
      await sleep(50);
      link('to-client', 'loss=1');
      c.write(payload(100, 'r'));
      await sleep(30);
      link('to-server', 'loss=1');
      for (let i = 0; i < 5; i++) {
        c.write(payload(100, 'r'));
        await sleep(5);
      }
      await sleep(300);
      link('to-client', '');
      link('to-server', '');
      await sleep(800);
      c.end();
      await closed(c);
    },
  },
];

// ---------------------------------------------------------------------------------------------

/** The server half: answers `size` bytes after the first data, ends once the client has ended. */
function answerThenEnd(size: number) {
  return (s: net.Socket) => {
    s.once('data', () => s.write(payload(size, 'a')));
    s.on('end', () => later(() => s.end(), 20));
  };
}

/** The server half of `rounds` requests of `ask` bytes, each answered with `answer` bytes. */
function requestAnswer(ask: number, answer: number, rounds: number) {
  return (s: net.Socket) => {
    let received = 0;
    let answered = 0;
    s.on('data', (chunk: Buffer) => {
      received += chunk.length;
      while (answered < rounds && received >= (answered + 1) * ask) {
        s.write(payload(answer, 'a'));
        answered += 1;
      }
    });
    s.on('end', () => later(() => s.end(), 20));
  };
}

/** The client half of requestAnswer: one request at a time, then end(). */
async function requester(host: string, port: number, ask: number, answer: number, rounds: number) {
  const c = await connect(host, port);
  let received = 0;
  for (let i = 1; i <= rounds; i++) {
    c.write(payload(ask, 'q'));
    await new Promise<void>((resolve) => {
      const onData = (chunk: Buffer) => {
        received += chunk.length;
        if (received >= i * answer) {
          c.off('data', onData);
          resolve();
        }
      };
      c.on('data', onData);
    });
  }
  c.end();
  await closed(c);
}

/**
 * Node cannot send with MSG_FASTOPEN: the client half of the Fast Open cases runs fastopen-client.py
 * (sendto with MSG_FASTOPEN, read the answer, shutdown, wait for the server's FIN) `times` times.
 */
async function fastOpenClient(host: string, port: number, times: number): Promise<void> {
  const script = path.join(__dirname, 'fastopen-client.py');
  for (let i = 0; i < times; i++) {
    await new Promise<void>((resolve, reject) => {
      const child = spawn('python3', [script, host, String(port), '40', '60'], { stdio: 'inherit' });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`fastopen-client.py: ${code}`))));
    });
    await sleep(200);
  }
}

const linkSettings: Record<'to-server' | 'to-client', string> = { 'to-server': '', 'to-client': '' };

/** Changes what the router's link (impair.py) does in one direction: "loss=1", "delay=10", ... */
function link(direction: 'to-server' | 'to-client', settings: string): void {
  const control = process.env.HA_LINK_CONTROL;
  if (!control) throw new Error('HA_LINK_CONTROL is not set: run the case through make-network-captures.sh');
  linkSettings[direction] = settings;
  const lines = [`to-b ${linkSettings['to-server']}`, `to-a ${linkSettings['to-client']}`];
  writeFileSync(control, `${lines.join('\n')}\n`);
}

function connect(host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host, allowHalfOpen: true });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.resume(); // keep reading so that 'end' fires
      resolve(socket);
    });
  });
}

function closed(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.closed) resolve();
    else socket.once('close', () => resolve());
  });
}

function payload(size: number, fill: string): Buffer {
  return Buffer.alloc(size, fill);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function later(action: () => void, ms: number): void {
  setTimeout(action, ms);
}

/** The server half: listens on both addresses, runs the case on each connection, exits after the last. */
async function serve(found: NetworkCase): Promise<void> {
  let accepted = 0;
  let done = 0;
  const servers: net.Server[] = [];
  await new Promise<void>((finish) => {
    const onConnection = (s: net.Socket) => {
      const index = accepted++;
      s.resume();
      s.on('error', () => undefined);
      s.once('close', () => {
        if (++done === found.connections) finish();
      });
      void found.server(s, index);
    };
    let listening = 0;
    const at = found.serverAt === 'router' ? ROUTER : SERVER;
    for (const host of [at.v4, at.v6]) {
      const server = net.createServer({ allowHalfOpen: true }, onConnection);
      servers.push(server);
      server.listen(found.port, host, () => {
        if (++listening === 2) console.log('ready');
      });
    }
  });
  await sleep(100);
  for (const s of servers) s.close();
}

async function main(): Promise<void> {
  const [command, file] = process.argv.slice(2);
  if (command === 'list') {
    for (const c of CASES) console.log(`${c.file} ${c.port} ${c.capture.role} ${c.capture.iface}`);
    return;
  }
  const found = CASES.find((c) => c.file === file);
  if (!found) throw new Error('usage: network-scenarios.ts list | setup FILE | server FILE | client FILE');
  if (command === 'setup') for (const line of found.setup) console.log(line);
  else if (command === 'server') await serve(found);
  else if (command === 'client')
    await found.client(found.serverAt === 'router' ? ROUTER : SERVER, found.port);
  else if (command === 'server-at') console.log(found.serverAt ?? 'server');
  else throw new Error(`unknown command ${command}`);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
