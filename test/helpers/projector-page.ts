/**
 * The teacher's projector pages in Chromium (the projector, the big screen, the slides): type large
 * enough for the back of a classroom (a test fails on any visible text under 24 px at 1920x1080 or
 * 18 px at 1280x720, and saves screenshots), and students played by plain socket.io clients.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { io as connectClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events';
import { E2E, SCREENSHOT_DIR, type Player } from './browser-harness';
import { TestClient, waitUntil } from './server-harness';

/** A student without a browser: a socket.io client that joined the class `code` (the caller closes it). */
export async function socketStudent(url: string, code: string, nickname: string): Promise<TestClient> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectClient(url, {
    auth: { lang: 'en' },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const c = new TestClient(socket);
  try {
    await waitUntil(() => c.session !== null, 'session:ready');
    await c.must('class:join', { code, nickname });
  } catch (e) {
    c.close();
    throw e;
  }
  return c;
}

export const PROJECTOR_SIZES = [
  { name: '1080p', width: 1920, height: 1080, min: 24 },
  { name: '720p', width: 1280, height: 720, min: 18 },
] as const;

/** Every visible text under `root` whose computed font size is under `min` px. */
export async function smallTexts(page: Page, root: string, min: number): Promise<string[]> {
  // a string: the test's TypeScript knows no DOM
  const script = `(() => {
    const root = document.querySelector(${JSON.stringify(root)});
    if (!root) return ['no ' + ${JSON.stringify(root)}];
    const out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent || '').trim();
      const parent = n.parentElement;
      if (!text || !parent) continue;
      const r = parent.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const size = parseFloat(getComputedStyle(parent).fontSize);
      if (size < ${min}) out.push(text + ' (' + size + 'px)');
    }
    return out;
  })()`;
  return (await page.evaluate(script)) as string[];
}

/** Pairs of the projector ladder's labels (segments, states, 2MSL) that cover each other, as drawn. */
export async function overlappingLabels(page: Page): Promise<string[]> {
  const script = `(() => {
    const labels = [...document.querySelectorAll('[data-testid="projector-ladder"] :is(.proj-seg, .proj-st, .proj-msl)')];
    const boxes = labels.map((l) => [l.textContent, l.getBoundingClientRect()]);
    const out = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [ta, a] = boxes[i];
        const [tb, b] = boxes[j];
        // a pixel of anti-aliasing is no overlap
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
          out.push(ta + ' / ' + tb);
      }
    return out;
  })()`;
  return (await page.evaluate(script)) as string[];
}

/** At both projector sizes: no small text under `root`, what `more` checks, and a screenshot of each; back to 1920x1080. */
export async function checkSizes(
  page: Page,
  root: string,
  shot: string,
  more?: (size: string) => Promise<void>,
): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const s of PROJECTOR_SIZES) {
    await page.setViewportSize({ width: s.width, height: s.height });
    await page.waitForTimeout(300);
    expect({ size: s.name, small: await smallTexts(page, root, s.min) }).toEqual({ size: s.name, small: [] });
    await more?.(s.name);
    if (process.env.E2E_SCREENSHOTS !== '0')
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${shot}-${s.name}.png`) });
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
}

/** Plays both students' correct moves until their game is over (a bounded number of rounds). */
export async function playToEnd(players: readonly TestClient[]): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (players[0]?.view?.phase === 'finished') return;
    let moved = false;
    for (const p of players)
      if (p.view?.you.canAct && p.view.phase === 'playing' && !p.view.paused)
        moved = (await p.playCorrect()).ok || moved;
    if (!moved) await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error('the game did not finish');
}

/**
 * A class on the real server for the projector's tests: the teacher's console in Chromium (English,
 * 1920x1080) and students as sockets; close() closes them all.
 */
export class ProjectorClass {
  readonly e2e = new E2E();
  private player: Player | null = null;
  private readonly sockets: TestClient[] = [];
  code = '';

  get teacher(): Player {
    if (!this.player) throw new Error('start() first');
    return this.player;
  }

  async start(): Promise<void> {
    await this.e2e.start();
    this.player = await this.e2e.player('teacher', 'en-US', { width: 1920, height: 1080 }, 1, {
      path: '/host',
      ready: '[data-testid="create-class"]',
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.close();
    await this.e2e.close();
  }

  /** The teacher opens a class (pairs kept from round to round) and reads its join code. */
  async create(): Promise<void> {
    const page = this.teacher.page;
    await page.locator('[data-testid="create-rotate"]').uncheck();
    await page.locator('[data-testid="create-class"]').click();
    const shown = page.locator('[data-testid="join-code-display"]');
    await shown.waitFor();
    this.code = ((await shown.textContent()) ?? '').trim();
  }

  /** A student joins the class as a socket and is closed with the class. */
  async student(nickname: string): Promise<TestClient> {
    const c = await socketStudent(this.e2e.url, this.code, nickname);
    this.sockets.push(c);
    return c;
  }

  /** One round of one scenario with a handshake and a teardown (TIME_WAIT's 2MSL halved). */
  async startRound(): Promise<void> {
    const page = this.teacher.page;
    await page.locator('[data-testid="round-scenario"]').selectOption('client-closes-first');
    await page.locator('[data-testid="add-scenario"]').click();
    await page
      .locator('[data-testid="scenario-order"] li[data-scenario="three-way-handshake"] button')
      .click();
    await page.locator('[data-testid="msl-scale"]').fill('0.5');
    await page.locator('[data-testid="msl-scale"]').dispatchEvent('change');
    await page.locator('[data-testid="round-start"]').click();
  }
}
