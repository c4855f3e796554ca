/**
 * scripts/replay.js (npm run replay) compiles the command only when something it is built from is
 * newer than the last build. Tested on a small copy of the repo's layout in a temporary folder
 * (the real script, a one-file command, node_modules linked), so that nothing in the repo is
 * touched and other tests running the real command meanwhile are not disturbed.
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../helpers/paths';

let root: string;
let stamp: string;
let entry: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function replay(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'scripts', 'replay.js'), ...args], (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Sets a file's modification time to now (after the last build started: newer than its stamp). */
function touch(path: string): void {
  const now = new Date();
  utimesSync(path, now, now);
}

// no Node types: a command tsc checks in a fraction of a second
const COMMAND = `declare const process: { argv: string[]; stdout: { write(s: string): void } };
process.stdout.write('replayed ' + process.argv.slice(2).join(' ') + ' ' + VERSION);\n`;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'replay-build-'));
  mkdirSync(join(root, 'scripts'));
  copyFileSync(join(REPO_ROOT, 'scripts', 'replay.js'), join(root, 'scripts', 'replay.js'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  mkdirSync(join(root, 'shared', 'tcp'), { recursive: true });
  mkdirSync(join(root, 'server', 'cli'), { recursive: true });
  writeFileSync(join(root, 'shared', 'tcp', 'version.ts'), 'export const VERSION = 1;\n');
  writeFileSync(join(root, 'shared', 'notes.md'), 'not a source\n');
  writeFileSync(
    join(root, 'server', 'cli', 'replay.ts'),
    `import { VERSION } from '../../shared/tcp/version';\n${COMMAND}`,
  );
  writeFileSync(join(root, 'tsconfig.json'), '{}\n');
  writeFileSync(join(root, 'tsconfig.build.json'), '{}\n');
  writeFileSync(
    join(root, 'tsconfig.replay.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'commonjs',
        target: 'es2022',
        outDir: 'dist',
        rootDir: '.',
        lib: ['es2022'],
        types: [],
        skipLibCheck: true,
      },
      files: ['server/cli/replay.ts'],
    }),
  );
  stamp = join(root, 'dist', '.replay-build');
  entry = join(root, 'dist', 'server', 'cli', 'replay.js');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('npm run replay builds only when a source is newer', () => {
  test('the first call builds, the next ones run the build as it is', async () => {
    const first = await replay('a.pcap');
    expect(first).toEqual({
      code: 0,
      stdout: 'replayed a.pcap 1',
      stderr: expect.stringContaining('compiling') as unknown as string,
    });
    expect(existsSync(stamp)).toBe(true);
    const built = statSync(entry).mtimeMs;
    const stamped = statSync(stamp).mtimeMs;

    const second = await replay('b.pcap');
    expect(second).toEqual({ code: 0, stdout: 'replayed b.pcap 1', stderr: '' });
    expect(statSync(entry).mtimeMs).toBe(built);
    expect(statSync(stamp).mtimeMs).toBe(stamped);
  }, 60_000);

  test('a file that is not a .ts source changes nothing', async () => {
    touch(join(root, 'shared', 'notes.md'));
    const r = await replay('c.pcap');
    expect(r).toEqual({ code: 0, stdout: 'replayed c.pcap 1', stderr: '' });
  }, 60_000);

  test('a newer source under shared/ is compiled in before the command runs, once', async () => {
    const version = join(root, 'shared', 'tcp', 'version.ts');
    writeFileSync(version, 'export const VERSION = 2;\n');
    const r = await replay('d.pcap');
    expect(r.stdout).toBe('replayed d.pcap 2');
    expect(r.stderr).toContain('compiling');
    const again = await replay('e.pcap');
    expect(again).toEqual({ code: 0, stdout: 'replayed e.pcap 2', stderr: '' });
  }, 60_000);

  test('a newer command source or tsconfig builds again', async () => {
    touch(join(root, 'server', 'cli', 'replay.ts'));
    expect((await replay()).stderr).toContain('compiling');
    expect((await replay()).stderr).toBe('');
    touch(join(root, 'tsconfig.build.json'));
    expect((await replay()).stderr).toContain('compiling');
    expect((await replay()).stderr).toBe('');
  }, 60_000);

  test('a missing build is rebuilt; a source that does not compile exits 2 and builds again next time', async () => {
    rmSync(entry);
    const rebuilt = await replay('f.pcap');
    expect(rebuilt.stdout).toBe('replayed f.pcap 2');
    expect(rebuilt.stderr).toContain('compiling');

    const version = join(root, 'shared', 'tcp', 'version.ts');
    writeFileSync(version, 'export const VERSION: number = "two";\n');
    const broken = await replay('g.pcap');
    expect(broken.code).toBe(2);
    expect(broken.stdout).toContain('is not assignable'); // tsc's own message
    expect(broken.stderr).toContain('the command does not compile');

    writeFileSync(version, 'export const VERSION = 3;\n');
    const fixed = await replay('h.pcap');
    expect(fixed.stdout).toBe('replayed h.pcap 3');
  }, 60_000);
});
