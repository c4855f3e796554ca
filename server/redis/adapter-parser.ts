/**
 * How this server's Redis adapter writes what it publishes: JSON text. The adapter's default,
 * notepack.io's MessagePack, builds every message as an array of numbers, one per byte, before
 * making a Buffer of it; with a game view in each update that was a quarter of all the memory the
 * Redis node allocated per move (a sampled heap profile of the load benchmark), and its collection
 * the largest part of that node's extra CPU. The event map carries JSON only (see text-encoder.ts),
 * so nothing is lost; under jest a binary value fails the test instead of being mangled.
 *
 * Every node of a deployment must use the same format: the adapter's key names it (redis-node.ts),
 * so nodes of an older version, which speak MessagePack, do not receive these messages at all.
 */
import { hasBinary } from '../socket/text-encoder';

const CHECK = process.env.JEST_WORKER_ID !== undefined;

export const adapterJsonParser = {
  encode(value: unknown): string {
    if (CHECK && hasBinary(value)) throw new Error('binary data in an adapter message: JSON only');
    return JSON.stringify(value);
  },
  decode(message: unknown): unknown {
    return JSON.parse(Buffer.isBuffer(message) ? message.toString('utf8') : String(message));
  },
};
