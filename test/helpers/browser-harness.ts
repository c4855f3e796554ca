/**
 * The end-to-end harness: a real game server in this process (127.0.0.1, port 0, the real clock with
 * short game times) serving the built client from client/dist, and Debian's Chromium driven by
 * playwright-core, each page in its own browser context (its own localStorage, so its own player).
 * Every console error and uncaught page error is collected; close() closes pages, browser and server.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { GameSettings } from '../../shared/game/game-types';
import { createApp, type App } from '../../server/app';
import type { InterfaceSource } from '../../server/classes/lan-addresses';
import { RealClock } from '../../server/clock';
import { defaultConfig, type Config } from '../../server/config';
import { createLogger } from '../../server/logger';
import { createMemoryStores } from '../../server/stores/stores';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Short times, so a whole game takes seconds; but a browser typing into two pages on a 2-core
 * machine needs a few seconds per move, so the retransmission timer and TIME_WAIT leave room for
 * that (2MSL must outlast a retransmission: the server checks it).
 */
export const E2E_SETTINGS: GameSettings = {
  flightMs: 300,
  turnMs: 60000,
  rtoMs: 4000,
  mslMs: 5000,
  synRcvdMs: 60000,
  botDelayMs: 200,
};

export const CLIENT_DIR = resolve(__dirname, '../../client/dist');
export const SCREENSHOT_DIR = resolve(__dirname, '../../test-output/screenshots');

export const VIEWPORTS = [
  { name: 'projector-1080p', width: 1920, height: 1080 },
  { name: 'projector-720p', width: 1280, height: 720 },
  { name: 'phone', width: 390, height: 844 },
] as const;

export interface Player {
  name: string;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen on this page. */
  errors: string[];
}

export class E2E {
  private app: App | null = null;
  private browser: Browser | null = null;
  private readonly players: Player[] = [];
  url = '';

  /**
   * Starts the server and the browser. `o.networkInterfaces`: the machine's interfaces as the
   * server reads them (default none: a test never sees the real network); `o.config`: settings
   * over the test's own (the server listens on 127.0.0.1 whatever `host` says).
   */
  async start(
    settings: Partial<GameSettings> = {},
    o: { networkInterfaces?: InterfaceSource; config?: Partial<Config> } = {},
  ): Promise<void> {
    if (!existsSync(join(CLIENT_DIR, 'index.html')))
      throw new Error('client/dist is missing: run `npm run build:client` (npm run test:e2e does it)');
    if (!existsSync(CHROMIUM))
      throw new Error(
        `${CHROMIUM} is missing: apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium`,
      );
    const config = {
      ...defaultConfig(),
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent' as const,
      clientDir: CLIENT_DIR,
      ...o.config,
      settings: { ...E2E_SETTINGS, ...settings },
    };
    this.app = createApp({
      config,
      clock: new RealClock(),
      stores: createMemoryStores(),
      logger: createLogger('silent'),
      networkInterfaces: o.networkInterfaces ?? (() => ({})),
    });
    const port = await this.app.listen(0, '127.0.0.1');
    this.url = `http://127.0.0.1:${port}/`;
    // chromium.launch gives every browser a fresh, temporary profile (user data dir)
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }

  /** A player: a new browser context with a language and a window size, on the home screen. */
  async player(
    name: string,
    locale: 'zh-CN' | 'en-US',
    viewport: { width: number; height: number } = { width: 1280, height: 720 },
    deviceScaleFactor = 1,
    /** Another page than home (a class's /host or /join/CODE), and what shows it is ready. */
    at: { path: string; ready: string } = {
      path: '',
      ready: 'body[data-screen="home"] [data-testid="quick-match"]',
    },
  ): Promise<Player> {
    if (!this.browser) throw new Error('start() first');
    const context = await this.browser.newContext({ locale, viewport, deviceScaleFactor });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    const p: Player = { name, context, page, errors };
    this.players.push(p);
    await page.goto(this.url + at.path.replace(/^\//, ''));
    await page.waitForSelector(at.ready);
    return p;
  }

  async close(): Promise<void> {
    for (const p of this.players.splice(0)) await p.context.close().catch(() => undefined);
    await this.browser?.close().catch(() => undefined);
    this.browser = null;
    await this.app?.close();
    this.app = null;
  }
}

/** Where the canvas sits against its stage: both boxes in CSS pixels, and the canvas's own pixels. */
export const CANVAS_FIT = `(() => {
  const s = document.getElementById('stage').getBoundingClientRect();
  const c = document.querySelector('#stage canvas');
  const b = c.getBoundingClientRect();
  const ratio = Math.min(2, Math.max(1, window.devicePixelRatio || 1));
  const fits = Math.abs(b.width - Math.floor(s.width)) <= 1 && Math.abs(b.height - Math.floor(s.height)) <= 1
    && Math.abs(c.width - Math.floor(s.width) * ratio) <= 2 && Math.abs(c.height - Math.floor(s.height) * ratio) <= 2;
  return { fits, stage: [s.width, s.height], css: [b.width, b.height], pixels: [c.width, c.height], ratio };
})()`;

/** Throws unless the canvas fills its stage at the screen's pixel density. */
export async function checkCanvasFits(p: Player): Promise<void> {
  const r = (await p.page.evaluate(CANVAS_FIT)) as { fits: boolean };
  if (!r.fits) throw new Error(`${p.name}: the canvas does not fit its stage: ${JSON.stringify(r)}`);
}

/**
 * Screenshots of what the player sees now at each of the three window sizes (and the whole page
 * on the phone), written to test-output/screenshots/<screen>-<size>.png; the window size is put back.
 */
export async function screenshots(p: Player, screen: string): Promise<void> {
  // E2E_SCREENSHOTS=0 skips them while iterating on a test
  if (process.env.E2E_SCREENSHOTS === '0') return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const before = p.page.viewportSize();
  for (const v of VIEWPORTS) {
    await p.page.setViewportSize({ width: v.width, height: v.height });
    // Phaser's scale manager picks the new size up on the resize event; let it draw a few frames
    await p.page.waitForTimeout(600);
    await checkCanvasFits(p);
    await p.page.screenshot({ path: join(SCREENSHOT_DIR, `${screen}-${v.name}.png`) });
    if (v.name === 'phone')
      await p.page.screenshot({ path: join(SCREENSHOT_DIR, `${screen}-${v.name}-full.png`), fullPage: true });
  }
  if (before) await p.page.setViewportSize(before);
  await p.page.waitForTimeout(300);
}
