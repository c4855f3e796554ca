/**
 * The Redis adapter with local room changes at once, on two Socket.IO servers sharing a real
 * redis-server: a socket put into a room and sent to right away receives it, on its own node and
 * on the other; one taken out receives nothing more; and each change is applied once.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connectClient, type Socket } from 'socket.io-client';
import { createLogger } from '../../../server/logger';
import { openRedisNode, type RedisNode } from '../../../server/redis/redis-node';
import { ManualClock } from '../../../server/clock';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server';
import { waitUntil } from '../../helpers/server-harness';

interface Node {
  redis: RedisNode;
  http: HttpServer;
  io: Server;
  url: string;
}

let server: RedisServer;
const nodes: Node[] = [];
const clients: Socket[] = [];

beforeAll(async () => {
  server = await startRedisServer();
  for (let i = 0; i < 2; i++) {
    const redis = await openRedisNode({
      url: server.url,
      prefix: 'adapter-test:',
      clock: new ManualClock(0),
      logger: createLogger('silent'),
    });
    const http = createServer();
    const io = new Server(http, { adapter: redis.cluster.adapter });
    // every socket in the room named by its `auth.name`, as the server puts sessions in theirs
    io.on('connection', (s) => s.join(`name:${String(s.handshake.auth.name)}`));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    nodes.push({ redis, http, io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` });
  }
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  for (const n of nodes) {
    await new Promise<void>((resolve) => n.io.close(() => resolve()));
    await n.redis.close();
  }
  await server.stop();
});

/** A client named `name` on node `i`, with every 'msg' it receives. */
async function client(i: number, name: string): Promise<{ socket: Socket; got: string[] }> {
  const socket = connectClient(nodes[i]!.url, { auth: { name }, transports: ['websocket'], forceNew: true });
  clients.push(socket);
  const got: string[] = [];
  socket.on('msg', (m: string) => got.push(m));
  await waitUntil(() => socket.connected, 'the connection');
  // the server-side join of the name room has happened once the other node can see it there
  await waitUntil(
    async () => (await nodes[1 - i]!.io.in(`name:${name}`).fetchSockets()).some((x) => x.id === socket.id),
    'the socket to be known on both nodes',
  );
  return { socket, got };
}

test('a socket joined on its own node receives an emit sent right after the join', async () => {
  const a = await client(0, 'a');
  const io = nodes[0]!.io;
  io.in('name:a').socketsJoin('seat-1');
  io.to('seat-1').emit('msg', 'first');
  io.in('name:a').socketsLeave('seat-1');
  io.to('seat-1').emit('msg', 'after leaving');
  io.to('name:a').emit('msg', 'end');
  await waitUntil(() => a.got.includes('end'), 'the end marker');
  // the copy of each change that comes back through Redis changes nothing (no late re-join)
  await new Promise((r) => setTimeout(r, 100));
  io.to('seat-1').emit('msg', 'late');
  io.to('name:a').emit('msg', 'end 2');
  await waitUntil(() => a.got.includes('end 2'), 'the second end marker');
  expect(a.got).toEqual(['first', 'end', 'end 2']);
});

test('a socket on the other node joined by this one receives the emit this node sends next', async () => {
  const b = await client(1, 'b');
  const io = nodes[0]!.io;
  io.in('name:b').socketsJoin('seat-2');
  io.to('seat-2').emit('msg', 'to the seat');
  io.in('name:b').socketsLeave('seat-2');
  io.to('seat-2').emit('msg', 'after leaving');
  io.to('name:b').emit('msg', 'end');
  await waitUntil(() => b.got.includes('end'), 'the end marker');
  expect(b.got).toEqual(['to the seat', 'end']);
  expect(await nodes[1]!.io.in('seat-2').fetchSockets()).toHaveLength(0);
});

test('sockets on both nodes of one room, disconnected from one node: both go', async () => {
  const c1 = await client(0, 'c');
  const c2 = await client(1, 'c');
  nodes[1]!.io.in('name:c').disconnectSockets(true);
  await waitUntil(() => !c1.socket.connected && !c2.socket.connected, 'both to be disconnected');
});

test("a node's own broadcast coming back from Redis is dropped undecoded; the other node's is delivered", async () => {
  const d1 = await client(0, 'd');
  const d2 = await client(1, 'd');
  type Parser = { encode(v: unknown): unknown; decode(m: unknown): unknown };
  const adapter = nodes[0]!.io.of('/').adapter as unknown as { parser: Parser };
  // node 0 alone gets a counting parser (the stock one is a module both adapters share)
  const stock = adapter.parser;
  let decoded = 0;
  adapter.parser = {
    encode: (v) => stock.encode(v),
    decode: (m) => {
      decoded++;
      return stock.decode(m);
    },
  };
  try {
    // from node 0 to a room with a socket on each node: node 0 sends to its own at once
    nodes[0]!.io.to('name:d').emit('msg', 'from 0');
    await waitUntil(() => d1.got.includes('from 0') && d2.got.includes('from 0'), 'both copies');
    // published after it, node 1's message reaches node 0 after node 0's own copy came back
    nodes[1]!.io.to('name:d').emit('msg', 'from 1');
    await waitUntil(() => d1.got.includes('from 1') && d2.got.includes('from 1'), 'both copies');
    // node 0 decoded node 1's message only, not its own copy
    expect(decoded).toBe(1);
    expect(d1.got).toEqual(['from 0', 'from 1']);
    expect(d2.got).toEqual(['from 0', 'from 1']);
  } finally {
    adapter.parser = stock;
  }
});

test('a message on the adapter’s channel that is not JSON is dropped, and delivery goes on', async () => {
  const e = await client(0, 'e');
  // not from a node of this version (or not from a node at all): the room's channel, junk in it
  await nodes[1]!.redis.commands.publish('adapter-test:sio-json#/#name:e#', Buffer.from([0x93, 0xa1, 0x78]));
  await nodes[1]!.redis.commands.publish('adapter-test:sio-json#/#name:e#', '["half');
  nodes[1]!.io.to('name:e').emit('msg', 'after the junk');
  await waitUntil(() => e.got.includes('after the junk'), 'the message after the junk');
  expect(e.got).toEqual(['after the junk']);
});
