/**
 * The teacher's manual adjustment of the next round's pairs: pick two students and they swap
 * places (partners, or a partner and the bot's seat). Pure: the result goes to class:pairs:set.
 */
export interface PairIds {
  a: string;
  b: string | null;
}

/** The pairs with students `x` and `y` swapped; unchanged when either is missing or both are one. */
export function swapStudents(pairs: readonly PairIds[], x: string, y: string): PairIds[] {
  const out = pairs.map((p) => ({ a: p.a, b: p.b }));
  if (x === y) return out;
  const find = (id: string): [number, 'a' | 'b'] | null => {
    for (const [i, p] of out.entries()) {
      if (p.a === id) return [i, 'a'];
      if (p.b === id) return [i, 'b'];
    }
    return null;
  };
  const px = find(x);
  const py = find(y);
  if (!px || !py) return out;
  out[px[0]]![px[1]] = y;
  out[py[0]]![py[1]] = x;
  return out;
}

/** Students who are in no pair yet (joined after the pairs were made), in roster order. */
export function unpaired(pairs: readonly PairIds[], roster: readonly string[]): string[] {
  const inPairs = new Set(pairs.flatMap((p) => (p.b === null ? [p.a] : [p.a, p.b])));
  return roster.filter((id) => !inPairs.has(id));
}
