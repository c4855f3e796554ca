/**
 * An ioredis connection that writes the commands sent in one turn of the event loop with one
 * system call. ioredis writes each command to its socket at once, and on this machine that write
 * was the largest single cost of the Redis variant (a quarter of the node's busy time under load:
 * a move sends several commands, and the adapter's publishes come in bursts). Here the socket is
 * corked at the first command of a turn and uncorked at the end of it (process.nextTick, which
 * runs after the turn's code and before its I/O), so Node gives the kernel all of them at once.
 * Nothing waits longer than the turn it was sent in, and the order of commands is unchanged.
 */
import Redis from 'ioredis';

type SendCommand = Redis['sendCommand'];

export class BatchingRedis extends Redis {
  /** The socket corked until the end of this turn, if any. */
  private corkedStream: Redis['stream'] | null = null;

  override sendCommand(...args: Parameters<SendCommand>): ReturnType<SendCommand> {
    const [, target] = args;
    const s = this.stream;
    // only direct writes to a ready socket (a pipeline or the offline queue write their own way)
    if (target === undefined && this.status === 'ready' && s && s !== this.corkedStream && s.writable) {
      this.corkedStream = s;
      s.cork();
      process.nextTick(() => {
        if (this.corkedStream === s) this.corkedStream = null;
        s.uncork();
      });
    }
    return super.sendCommand(...args);
  }
}
