import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Harness } from '../helpers/server-harness';
import { testStoreKind } from '../helpers/test-stores';

/** A node on Redis also reports that Redis answers (a balancer reads it). */
const STORE_HEALTH = testStoreKind() === 'redis' ? { redis: 'ok' } : {};

describe('HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(async () => {
    await h.close();
  });

  test('GET /healthz answers 200 with the status and counts', async () => {
    const res = await fetch(`${h.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ status: 'ok', uptimeS: 0, games: 0, sessions: 0, ...STORE_HEALTH });
    const c = await h.connect();
    await c.must('practice:start', { scenario: 'three-way-handshake', role: 'client' });
    await h.advanceBy(61_000);
    expect(await (await fetch(`${h.url}/healthz`)).json()).toEqual({
      status: 'ok',
      uptimeS: 61,
      games: 1,
      sessions: 1,
      ...STORE_HEALTH,
    });
  });

  test('an unknown path is 404', async () => {
    const res = await fetch(`${h.url}/nothing-here`);
    expect(res.status).toBe(404);
    await res.text();
  });
});

describe('allowed origins', () => {
  test('by default: no origin, the server itself, and http://localhost:* / http://127.0.0.1:*', async () => {
    const h = await Harness.start();
    try {
      await h.connect();
      await h.connect({ extraHeaders: { origin: 'http://localhost:5173' } });
      await h.connect({ extraHeaders: { origin: 'http://127.0.0.1:8080' } });
      await h.connect({ extraHeaders: { origin: h.url } });
      await expect(h.connect({ extraHeaders: { origin: 'http://evil.example' } })).rejects.toThrow(
        /connect failed/,
      );
      await expect(h.connect({ extraHeaders: { origin: 'https://localhost.evil.example' } })).rejects.toThrow(
        /connect failed/,
      );
      const res = await fetch(`${h.url}/socket.io/?EIO=4&transport=polling`, {
        headers: { origin: 'http://localhost:5173' },
      });
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(await res.text()).toMatch(/"sid"/);
    } finally {
      await h.close();
    }
  });

  test('ALLOWED_ORIGINS replaces the localhost default', async () => {
    const h = await Harness.start({ config: { allowedOrigins: ['https://class.example.edu'] } });
    try {
      await h.connect({ extraHeaders: { origin: 'https://class.example.edu' } });
      await h.connect({ extraHeaders: { origin: h.url } });
      await expect(h.connect({ extraHeaders: { origin: 'http://localhost:5173' } })).rejects.toThrow(
        /connect failed/,
      );
    } finally {
      await h.close();
    }
  });
});

describe('the browser client', () => {
  test('its build output is served from CLIENT_DIR, and unknown paths answer its index.html', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-client-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Handshake Arena</title>');
    writeFileSync(join(dir, 'app.js'), 'console.log(1)');
    const h = await Harness.start({ config: { clientDir: dir } });
    try {
      expect(await (await fetch(`${h.url}/`)).text()).toContain('Handshake Arena');
      expect(await (await fetch(`${h.url}/app.js`)).text()).toBe('console.log(1)');
      expect(await (await fetch(`${h.url}/play/ABC234`)).text()).toContain('Handshake Arena');
      expect(await (await fetch(`${h.url}/healthz`)).json()).toMatchObject({ status: 'ok' });
      await h.connect();
    } finally {
      await h.close();
      rmSync(dir, { recursive: true });
    }
  });
});
