/** Where the benchmarks find the repository, whether they run from bench/ or compiled from dist/bench/. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The nearest folder above `from` that holds package.json. */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + from);
    dir = up;
  }
  return dir;
}
