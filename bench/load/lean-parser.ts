/**
 * The generators' Socket.IO parser: the standard one, except that a game view's `log` (most of a
 * view's text by the end of a round, and of no use to a load player) is cut out of a packet's text
 * before it is parsed. The server under test still sends, and the generator still receives and
 * reads, every byte; only the JSON parsing of the log is saved, so a generator core can drive
 * more moves before it becomes the bottleneck. A packet whose cut text does not parse is parsed
 * whole.
 */
import { Decoder, Encoder } from 'socket.io-parser';

const LOG_START = ',"log":[';
const LOG_END = '],"result":';

/** The packet's text with the first view's log emptied (a view's keys come in viewFor's order). */
export function withoutLog(packet: string): string {
  const start = packet.indexOf(LOG_START);
  if (start < 0) return packet;
  const end = packet.lastIndexOf(LOG_END);
  if (end < start + LOG_START.length) return packet;
  return packet.slice(0, start + LOG_START.length) + packet.slice(end);
}

/** Told the length of every packet text received (the generator counts the server's bytes). */
let onText: (chars: number) => void = () => undefined;

/** Sets what is told of every packet text received. */
export function countText(fn: (chars: number) => void): void {
  onText = fn;
}

class LeanDecoder extends Decoder {
  override add(obj: unknown): void {
    if (typeof obj !== 'string') return super.add(obj);
    onText(obj.length);
    const lean = withoutLog(obj);
    if (lean === obj) return super.add(obj);
    try {
      super.add(lean);
    } catch {
      // the cut went wrong somewhere: the standard parse of the whole text decides
      super.add(obj);
    }
  }
}

/** For socket.io-client's `parser` option. */
export const leanParser = { Encoder, Decoder: LeanDecoder };
