/**
 * npm run dev: the game server (restarted on change, port 3000) and Vite's dev server (reloading,
 * port 5173, proxying /socket.io to the game server with WebSockets). Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const children: ChildProcess[] = [];

function run(name: string, args: string[], env: Record<string, string> = {}): void {
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code) => {
    console.log(`[dev] ${name} exited (${code ?? 'signal'})`);
    stop(code ?? 0);
  });
  children.push(child);
}

let stopping = false;
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  process.exitCode = code;
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// npm runs scripts from the repository root
const bin = (p: string) => join(process.cwd(), 'node_modules', p);
const tsx = bin('tsx/dist/cli.mjs');
const vite = bin('vite/bin/vite.js');
run('game server', [tsx, 'watch', '--clear-screen=false', 'server/main.ts'], {
  PORT: process.env.PORT ?? '3000',
  HOST: process.env.HOST ?? '127.0.0.1',
});
run('vite', [vite, '--config', 'client/vite.config.mts']);
