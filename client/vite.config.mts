import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));
/** The game server the dev server proxies to (npm run dev starts it on this port). */
const gameServer = process.env.GAME_SERVER_URL ?? 'http://localhost:3000';

export default defineConfig({
  root,
  // absolute asset paths: the game server answers unknown paths with index.html
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Phaser alone is about 1.2 MB minified; the size script reports the real figures
    chunkSizeWarningLimit: 1600,
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        // Phaser changes far less often than the game: its own file stays in the browser's cache
        codeSplitting: { groups: [{ name: 'phaser', test: /node_modules[\\/]phaser/ }] },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.CLIENT_PORT ?? 5173),
    // shared/ lives beside client/
    fs: { allow: [repo] },
    proxy: { '/socket.io': { target: gameServer, ws: true, changeOrigin: true } },
  },
});
