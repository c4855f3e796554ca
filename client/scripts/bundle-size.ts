/** Prints the size of the production bundle: each file of client/dist/assets, raw and gzipped, and the total. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dir = fileURLToPath(new URL('../dist/assets', import.meta.url));

function kib(n: number): string {
  return `${(n / 1024).toFixed(1)} KiB`;
}

const rows = readdirSync(dir)
  .filter((f) => statSync(join(dir, f)).isFile())
  .sort()
  .map((f) => {
    const data = readFileSync(join(dir, f));
    return { f, raw: data.length, gz: gzipSync(data, { level: 9 }).length };
  });
const width = Math.max(...rows.map((r) => r.f.length), 5);
console.log(`\nclient bundle (client/dist/assets)`);
for (const r of rows)
  console.log(`  ${r.f.padEnd(width)}  ${kib(r.raw).padStart(11)}  gzip ${kib(r.gz).padStart(10)}`);
const raw = rows.reduce((a, r) => a + r.raw, 0);
const gz = rows.reduce((a, r) => a + r.gz, 0);
console.log(`  ${'total'.padEnd(width)}  ${kib(raw).padStart(11)}  gzip ${kib(gz).padStart(10)}`);
