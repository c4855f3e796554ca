/**
 * An ioredis connection tuned for a loaded game node:
 *
 * - It writes the commands sent in one turn of the event loop with one system call. ioredis writes
 *   each command to its socket at once, and on this machine that write was the largest single cost
 *   of the Redis variant (a quarter of the node's busy time under load: a move sends several
 *   commands, and the adapter's publishes come in bursts). Here the socket is corked at the first
 *   command of a turn and uncorked at the end of it (process.nextTick, which runs after the turn's
 *   code and before its I/O), so Node gives the kernel all of them at once. Nothing waits longer
 *   than the turn it was sent in, and the order of commands is unchanged.
 * - Its command timeout does not fire for a reply that has arrived but was not read yet because
 *   this process was busy: ioredis's timer runs in the event loop's timer phase, before the I/O
 *   phase that reads the reply, so after a pause longer than the timeout (an overloaded node) a
 *   command Redis answered in time failed as "timed out". Here the expired timer waits for that
 *   I/O phase (setImmediate) and fails the command only if its reply is still missing then.
 *   A Redis that does not answer is still detected after the timeout.
 */
import Redis from 'ioredis';

type SendCommand = Redis['sendCommand'];
/** The fields of ioredis's Command its own timeout uses (private in its types; _clearTimers clears it). */
interface TimedCommand {
  _commandTimeoutTimer?: NodeJS.Timeout;
  isResolved: boolean;
  reject(err: Error): void;
}

export class BatchingRedis extends Redis {
  /** The socket corked until the end of this turn, if any. */
  private corkedStream: Redis['stream'] | null = null;

  override sendCommand(...args: Parameters<SendCommand>): ReturnType<SendCommand> {
    const [command, target] = args;
    const timeoutMs = this.options.commandTimeout;
    if (typeof timeoutMs === 'number') armReplyTimeout(command as unknown as TimedCommand, timeoutMs);
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

/**
 * ioredis's command timeout, but checked again after the next I/O phase. Set in the field ioredis
 * uses, so ioredis does not set its own, and its reply handling clears this one.
 */
function armReplyTimeout(command: TimedCommand, ms: number): void {
  if (command._commandTimeoutTimer || command.isResolved) return;
  command._commandTimeoutTimer = setTimeout(() => {
    setImmediate(() => {
      if (!command.isResolved) command.reject(new Error('Command timed out'));
    });
  }, ms);
}
