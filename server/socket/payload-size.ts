/**
 * The length of a value's JSON text (as JSON.stringify would write it, in UTF-16 code units),
 * measured without building the text and without recursion: a payload nested thousands of levels
 * deep overflows JSON.stringify's stack, but here it is only a longer list in the heap. The count
 * stops as soon as it passes the limit, so a huge payload costs no more than the limit.
 */

/** A container being written: its items (array) or keys (object), and how far it has got. */
type Frame =
  | { array: readonly unknown[]; next: number; value: object }
  | { object: Record<string, unknown>; keys: string[]; next: number; wrote: boolean; value: object };

/** What JSON.stringify writes for a value under `key`: toJSON applied, boxed primitives unboxed. */
function prepared(value: unknown, key: string | number): unknown {
  let v = value;
  if ((typeof v === 'object' && v !== null) || typeof v === 'bigint') {
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') v = (toJSON as (k: string) => unknown).call(v, String(key));
  }
  if (v instanceof Number) return Number(v);
  if (v instanceof String) return String(v);
  if (v instanceof Boolean) return v.valueOf();
  return v;
}

/** Whether JSON.stringify leaves the value out (of an object) or writes null (in an array). */
function skipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** The length of a string written as JSON, quotes and escapes included (stops counting past `room`). */
export function quotedLength(s: string, room = Infinity): number {
  // escapes only make it longer: a string already too long need not be read
  if (s.length + 2 > room) return s.length + 2;
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x08 || c === 0x0c || c === 0x0a || c === 0x0d || c === 0x09)
      n += 2;
    else if (c < 0x20) n += 6;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      // a pair stays as it is; a lone surrogate is written \udxxx
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 2;
        i++;
      } else n += 6;
    } else if (c >= 0xdc00 && c <= 0xdfff) n += 6;
    else n += 1;
  }
  return n;
}

/**
 * The length of JSON.stringify(value) (0 when it writes nothing), or some number over `limit` as
 * soon as the text would be longer than `limit`.
 */
export function jsonLength(value: unknown, limit = Infinity): number {
  let size = 0;
  const stack: Frame[] = [];
  // the containers being written, as JSON.stringify keeps them to refuse a cycle
  const open = new Set<object>();

  /** Counts a prepared, not skipped value: a scalar whole, a container's opening bracket. */
  const write = (v: unknown): void => {
    if (v === null) size += 4;
    else if (typeof v === 'boolean') size += v ? 4 : 5;
    else if (typeof v === 'number') size += Number.isFinite(v) ? String(v).length : 4;
    else if (typeof v === 'string') size += quotedLength(v, limit - size + 1);
    else if (typeof v === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
    else {
      const o = v as object;
      if (open.has(o)) throw new TypeError('Converting circular structure to JSON');
      open.add(o);
      size += 1;
      if (Array.isArray(o)) stack.push({ array: o, next: 0, value: o });
      else {
        const rec = o as Record<string, unknown>;
        stack.push({ object: rec, keys: Object.keys(rec), next: 0, wrote: false, value: o });
      }
    }
  };

  const root = prepared(value, '');
  if (skipped(root)) return 0;
  write(root);
  while (stack.length > 0 && size <= limit) {
    const f = stack[stack.length - 1]!;
    if ('array' in f) {
      if (f.next >= f.array.length) {
        size += 1;
        open.delete(f.value);
        stack.pop();
        continue;
      }
      if (f.next > 0) size += 1;
      const v = prepared(f.array[f.next], f.next);
      f.next++;
      if (skipped(v)) size += 4;
      else write(v);
    } else {
      if (f.next >= f.keys.length) {
        size += 1;
        open.delete(f.value);
        stack.pop();
        continue;
      }
      const key = f.keys[f.next]!;
      f.next++;
      const v = prepared(f.object[key], key);
      if (skipped(v)) continue;
      if (f.wrote) size += 1;
      f.wrote = true;
      size += quotedLength(key, limit - size + 1) + 1;
      write(v);
    }
  }
  return size;
}

/**
 * The size of an event's arguments as JSON text, the acknowledgement callback left out; past
 * `limit` it returns as soon as it knows, with some number over `limit`.
 */
export function payloadSize(args: readonly unknown[], limit = Infinity): number {
  const data = args.filter((a) => typeof a !== 'function');
  if (data.length === 0) return 0;
  return jsonLength(data.length === 1 ? data[0] : data, limit);
}
