/**
 * npm run replay -- FILE|DIR... : runs the compiled replay command (dist/server/cli/replay.js) in
 * this process. It compiles it first (tsc -p tsconfig.replay.json, some seconds) only when a
 * source it is built from is newer than the last build, so every other call starts in a fraction
 * of a second, with no TypeScript compiler loaded.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'server', 'cli', 'replay.js');
const stamp = join(root, 'dist', '.replay-build');
/** Everything the command is compiled from: the rules, the traces and the reader (shared/), and the command. */
const SOURCES = ['shared', join('server', 'cli')];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json', 'tsconfig.replay.json'];

/** The latest modification time of a .ts file under dir. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (entry.name.endsWith('.ts')) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

function stale() {
  if (!existsSync(entry) || !existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  if (CONFIGS.some((f) => statSync(join(root, f)).mtimeMs > built)) return true;
  return SOURCES.some((dir) => newest(join(root, dir)) > built);
}

function build() {
  const started = new Date();
  process.stderr.write('replay: compiling the command (tsc -p tsconfig.replay.json)...\n');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.replay.json')], { stdio: 'inherit' });
  if (r.status !== 0) return false;
  // stamped with the time the build started: a source saved during the build counts as newer
  writeFileSync(stamp, '');
  utimesSync(stamp, started, started);
  return true;
}

if (stale() && !build()) {
  process.stderr.write('replay: the command does not compile\n');
  process.exitCode = 2;
} else {
  require(entry);
}
