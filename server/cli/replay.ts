/** npm run replay -- FILE... : judges traces (JSON) and captures (pcap, pcapng) and prints the verdicts. */
import { readFileSync } from 'node:fs';
import { parseArgs, runReplay, type ReplayFile } from './replay-report';

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if ('error' in args) {
    process.stderr.write(`${args.error}\n`);
    return 2;
  }
  const files: ReplayFile[] = [];
  for (const path of args.files) {
    try {
      files.push({ path, bytes: readFileSync(path) });
    } catch (e) {
      process.stderr.write(`cannot read ${path}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  const r = runReplay(files, args.options);
  process.stdout.write(`${r.out}\n`);
  if (r.err) process.stderr.write(`${r.err}\n`);
  return r.status;
}

process.exitCode = main();
