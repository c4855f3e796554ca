/**
 * tshark, as the round-trip tests of exported captures run it. A missing tshark fails the test that
 * needs it with a message saying how to install it: these tests never skip silently.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MISSING =
  'tshark is not installed, and the capture round-trip tests read every exported file with it: ' +
  'install it (Debian: apt-get install tshark; .ci/run installs it) and run the tests again';

/** Runs tshark with the arguments and returns its standard output; throws a clear error when tshark is missing. */
export function tshark(args: readonly string[]): string {
  try {
    return execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(MISSING, { cause: e });
    const stderr = String((e as { stderr?: unknown }).stderr ?? '');
    throw new Error(`tshark ${args.join(' ')} failed: ${stderr.trim() || (e as Error).message}`, {
      cause: e,
    });
  }
}

/** One row per packet of `tshark -T fields`, the named fields by name (absolute seq and ack, checksums checked). */
function tsharkFields(file: string, fields: readonly string[]): Record<string, string>[] {
  const out = tshark([
    '-r',
    file,
    '-o',
    'tcp.relative_sequence_numbers:FALSE',
    '-o',
    'ip.check_checksum:TRUE',
    '-o',
    'tcp.check_checksum:TRUE',
    '-T',
    'fields',
    '-E',
    'separator=/t',
    '-E',
    'occurrence=a',
    '-E',
    'aggregator=|',
    ...fields.flatMap((f) => ['-e', f]),
  ]);
  return out
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const cells = line.split('\t');
      return Object.fromEntries(fields.map((f, i) => [f, cells[i] ?? '']));
    });
}

/** The frames tshark finds malformed, one summary line each (empty: none). */
function tsharkMalformed(file: string): string {
  return tshark(['-r', file, '-Y', '_ws.malformed || _ws.expert.severity >= error']).trim();
}

/**
 * Has tshark read a capture (written to a temporary file, removed afterwards): the frames it finds
 * malformed (empty: none) and the named fields of every packet.
 */
export function tsharkRead(
  name: string,
  bytes: Uint8Array,
  fields: readonly string[],
): { malformed: string; rows: Record<string, string>[] } {
  const dir = mkdtempSync(join(tmpdir(), 'capture-'));
  const file = join(dir, name);
  try {
    writeFileSync(file, bytes);
    return { malformed: tsharkMalformed(file), rows: tsharkFields(file, fields) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
