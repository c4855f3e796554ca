/**
 * The Socket.IO Redis adapter, with room changes applied on this node at once. The plain adapter
 * only publishes `socketsJoin` / `socketsLeave` / `disconnectSockets` and applies them when its own
 * message comes back from Redis, so a seat joined just before an emit misses that emit (the
 * in-memory adapter joins at once, and the game code relies on it). Here the local sockets change
 * rooms synchronously, and the published request excludes them by id (every socket is in the room
 * of its own id), so the copy this node receives back changes nothing; other nodes apply it when
 * it arrives, before any later broadcast this node publishes (one connection keeps the order).
 * It also names, to whoever asks (`onRemoteRoom`), the room of each broadcast from another node,
 * read from the channel before the message is decoded.
 */
import { createAdapter, RedisAdapter, type RedisAdapterOptions } from '@socket.io/redis-adapter';

type Opts = Partial<RedisAdapterOptions> & {
  /** Called with the room of each broadcast from another node to a room this node has. */
  onRemoteRoom?: (room: string) => void;
};

/** How long counting the nodes may take before fetchSockets fails (Redis away). */
const SERVER_COUNT_LIMIT_MS = 1000;
/** The adapter's own types (socket.io-adapter is not a direct dependency). */
type BroadcastOptions = Parameters<RedisAdapter['addSockets']>[0];
type Room = Parameters<RedisAdapter['addSockets']>[1][number];

/** The stock adapter's handler of a broadcast from Redis (private in its types). */
type OnMessage = (pattern: unknown, channel: unknown, msg: unknown) => void;
const baseOnMessage = (RedisAdapter.prototype as unknown as { onmessage: OnMessage }).onmessage;

export class LocalFirstRedisAdapter extends RedisAdapter {
  /**
   * The first bytes of every broadcast this node publishes (an array that starts with this
   * adapter's uid). The stock adapter decodes a whole message before it sees that it is its own
   * copy coming back; here it is recognised by these bytes and dropped undecoded.
   */
  private ownHead: Buffer | null = null;
  private readonly onRemoteRoom: ((room: string) => void) | null;

  constructor(nsp: unknown, publisher: unknown, subscriber: unknown, opts: Opts) {
    super(nsp, publisher, subscriber, opts);
    this.onRemoteRoom = opts.onRemoteRoom ?? null;
  }

  static {
    Object.defineProperty(LocalFirstRedisAdapter.prototype, 'onmessage', {
      value(this: LocalFirstRedisAdapter, pattern: unknown, channel: unknown, msg: unknown): void {
        if (this.isOwnBroadcast(msg)) return;
        if (this.onRemoteRoom) {
          const room = this.roomOfChannel(channel);
          if (room !== null) this.onRemoteRoom(room);
        }
        try {
          baseOnMessage.call(this, pattern, channel, msg);
        } catch (err) {
          // a message that is not JSON (not from a node of this version) is dropped, not a crash
          if (!(err instanceof SyntaxError)) throw err;
        }
      },
    });
  }

  /**
   * The room a broadcast's channel names (`<key>#<nsp>#<room>#`) when this node has it, else null
   * (a broadcast to several rooms goes out on the base channel, which names none).
   */
  private roomOfChannel(channel: unknown): string | null {
    const base = (this as unknown as { channel: string }).channel;
    const name = String(channel);
    if (!name.startsWith(base) || name.length <= base.length + 1) return null;
    const room = name.slice(base.length, -1);
    return this.rooms.has(room) ? room : null;
  }

  /** True for a broadcast published by this adapter: [uid, packet, opts] with this uid. */
  isOwnBroadcast(msg: unknown): boolean {
    if (!Buffer.isBuffer(msg)) return false;
    this.ownHead ??= ownHead(Buffer.from(this.parser.encode([this.uid]) as string | Uint8Array));
    const head = this.ownHead;
    return head.length > 0 && msg.length > head.length && msg.subarray(0, head.length).equals(head);
  }

  override addSockets(opts: BroadcastOptions, rooms: Room[]): void {
    if (opts.flags?.local) return super.addSockets(opts, rooms);
    const here = this.localMatches(opts);
    super.addSockets(asLocal(opts), rooms);
    super.addSockets(excluding(opts, here), rooms);
  }

  override delSockets(opts: BroadcastOptions, rooms: Room[]): void {
    if (opts.flags?.local) return super.delSockets(opts, rooms);
    const here = this.localMatches(opts);
    super.delSockets(asLocal(opts), rooms);
    super.delSockets(excluding(opts, here), rooms);
  }

  override disconnectSockets(opts: BroadcastOptions, close: boolean): void {
    if (opts.flags?.local) return super.disconnectSockets(opts, close);
    const here = this.localMatches(opts);
    super.disconnectSockets(asLocal(opts), close);
    super.disconnectSockets(excluding(opts, here), close);
  }

  override serverCount(): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('Command timed out: counting the nodes (Redis does not answer)')),
        SERVER_COUNT_LIMIT_MS,
      );
    });
    return Promise.race([super.serverCount(), late]).finally(() => clearTimeout(timer));
  }

  /** The ids of this node's sockets that `opts` selects (as the in-memory adapter selects them). */
  private localMatches(opts: BroadcastOptions): string[] {
    const except = new Set<string>();
    for (const room of opts.except ?? []) for (const id of this.rooms.get(room) ?? []) except.add(id);
    const ids = new Set<string>();
    if (opts.rooms.size === 0) {
      for (const id of this.sids.keys()) if (!except.has(id)) ids.add(id);
    } else {
      for (const room of opts.rooms)
        for (const id of this.rooms.get(room) ?? []) if (!except.has(id)) ids.add(id);
    }
    return [...ids];
  }
}

/**
 * The head of a broadcast [uid, packet, opts] given the JSON of [uid] (adapter-parser.ts):
 * `["uid"]` becomes `["uid",`. Empty for another format, whose own copies are then decoded and
 * dropped by the stock adapter.
 */
function ownHead(one: Buffer): Buffer {
  if (one[0] !== 0x5b || one.at(-1) !== 0x5d) return Buffer.alloc(0);
  return Buffer.concat([one.subarray(0, -1), Buffer.from(',')]);
}

function asLocal(opts: BroadcastOptions): BroadcastOptions {
  return { ...opts, flags: { ...opts.flags, local: true } };
}

function excluding(opts: BroadcastOptions, ids: string[]): BroadcastOptions {
  return { ...opts, except: new Set([...(opts.except ?? []), ...ids]) };
}

/** createAdapter's counterpart: the same pub/sub adapter, local room changes at once. */
export function createLocalFirstAdapter(
  publisher: unknown,
  subscriber: unknown,
  opts: Opts,
): ReturnType<typeof createAdapter> {
  // Socket.IO calls it with `new`: a function, not an arrow
  return function adapter(nsp: unknown) {
    return new LocalFirstRedisAdapter(nsp, publisher, subscriber, opts);
  };
}
