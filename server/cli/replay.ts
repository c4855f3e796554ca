/**
 * npm run replay -- FILE|DIR... : judges traces (JSON) and captures (pcap, pcapng) and prints the
 * verdicts. A folder stands for every trace and capture in it and below it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplayFile } from '../../shared/trace/trace-file';
import { parseArgs, runReplay } from './replay-report';

const REPLAYABLE = /\.(json|pcap|pcapng|cap)$/i;

/** The files a folder holds, sorted by path, looking into subfolders. */
function filesIn(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesIn(path));
    else if (REPLAYABLE.test(entry.name)) out.push(path);
  }
  return out;
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if ('error' in args) {
    process.stderr.write(`${args.error}\n`);
    return 2;
  }
  const files: ReplayFile[] = [];
  for (const arg of args.files) {
    try {
      const paths = statSync(arg).isDirectory() ? filesIn(arg) : [arg];
      for (const path of paths) files.push({ path, bytes: readFileSync(path) });
    } catch (e) {
      process.stderr.write(`cannot read ${arg}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  const r = runReplay(files, args.options);
  process.stdout.write(`${r.out}\n`);
  if (r.err) process.stderr.write(`${r.err}\n`);
  return r.status;
}

process.exitCode = main();
