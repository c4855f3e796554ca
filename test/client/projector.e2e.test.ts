/**
 * Projector mode, in Chromium: the teacher watches a pair and opens the projector (the ladder with
 * both timelines, labelled arrows and states, both hosts' states); freezes the pair once the SYN
 * has arrived (the students' games pause), the big screen asks what the server should send now,
 * the reveal shows SYN,ACK and why; unfrozen, the pair plays the game to its end (TIME_WAIT's 2MSL
 * bracket) and the teacher replays it step by step. At 1920x1080 and 1280x720 in English and
 * Chinese, no text of the projector is smaller than 24 px / 18 px. Screenshots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { io as connectClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events';
import { E2E, SCREENSHOT_DIR, type Player } from '../helpers/browser-harness';
import { leftovers, switchLang } from '../helpers/browser-ui';
import { TestClient, waitUntil } from '../helpers/server-harness';

const SIZES = [
  { name: '1080p', width: 1920, height: 1080, min: 24 },
  { name: '720p', width: 1280, height: 720, min: 18 },
] as const;

const e2e = new E2E();
let teacher: Player;
const sockets: TestClient[] = [];
let code = '';
let ann: TestClient;
let bo: TestClient;

beforeAll(async () => {
  await e2e.start();
  teacher = await e2e.player('teacher', 'en-US', { width: 1920, height: 1080 }, 1, {
    path: '/host',
    ready: '[data-testid="create-class"]',
  });
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await e2e.close();
});

async function socketStudent(nickname: string): Promise<TestClient> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectClient(e2e.url, {
    auth: { lang: 'en' },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const c = new TestClient(socket);
  sockets.push(c);
  await waitUntil(() => c.session !== null, 'session:ready');
  await c.must('class:join', { code, nickname });
  return c;
}

/** Every visible text in the projector whose computed font size is under `min` px. */
async function smallTexts(page: Page, min: number): Promise<string[]> {
  // a string: the test's TypeScript knows no DOM
  const script = `(() => {
    const root = document.querySelector('[data-testid="projector"]');
    if (!root) return ['no projector'];
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

/** At both projector sizes: no small text, and a screenshot. */
async function checkSizes(page: Page, shot: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const s of SIZES) {
    await page.setViewportSize({ width: s.width, height: s.height });
    await page.waitForTimeout(300);
    expect({ size: s.name, small: await smallTexts(page, s.min) }).toEqual({ size: s.name, small: [] });
    if (process.env.E2E_SCREENSHOTS !== '0')
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${shot}-${s.name}.png`) });
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
}

async function openProjector(page: Page): Promise<void> {
  await page.locator('[data-testid="pair-card"][data-pair="pair-1"] [data-testid="watch"]').click();
  await page.locator('[data-testid="projector-open"]').click();
  await page.locator('[data-testid="projector"] [data-testid="projector-segment"]').first().waitFor();
}

async function closeAll(page: Page): Promise<void> {
  await page.locator('[data-testid="projector-close"]').click();
  await page.locator('[data-testid="spectator-close"]').click();
  await page.locator('[data-testid="spectator"]').waitFor({ state: 'detached' });
}

test('the projector: the ladder in large type; freeze and ask, the reveal; the students paused', async () => {
  const page = teacher.page;
  await page.locator('[data-testid="create-rotate"]').uncheck();
  await page.locator('[data-testid="create-class"]').click();
  const shown = page.locator('[data-testid="join-code-display"]');
  await shown.waitFor();
  code = ((await shown.textContent()) ?? '').trim();
  ann = await socketStudent('Ann');
  bo = await socketStudent('Bo');
  // a third student plays the bot and never moves: the round runs on once Ann and Bo are done
  await socketStudent('Cy');
  await page.locator('[data-testid="roster"] li', { hasText: 'Cy' }).waitFor();
  // one scenario with a handshake and a teardown (TIME_WAIT's 2MSL, halved)
  await page.locator('[data-testid="round-scenario"]').selectOption('client-closes-first');
  await page.locator('[data-testid="add-scenario"]').click();
  await page.locator('[data-testid="scenario-order"] li[data-scenario="three-way-handshake"] button').click();
  await page.locator('[data-testid="msl-scale"]').fill('0.5');
  await page.locator('[data-testid="msl-scale"]').dispatchEvent('change');
  await page.locator('[data-testid="round-start"]').click();
  await page.locator('[data-testid="pair-card"][data-pair="pair-1"]').waitFor();
  for (const s of [ann, bo]) await s.waitFor((c) => c.view !== null, 'the round game');
  const client = ann.view!.role === 'client' ? ann : bo;
  const server = client === ann ? bo : ann;
  // the server listens, the client connects: the SYN arrives and the server owes SYN,ACK
  expect((await server.playCorrect()).ok).toBe(true);
  expect((await client.playCorrect()).ok).toBe(true);
  await server.waitFor((c) => c.view?.you.record.owed !== 'none', 'the SYN arrived');

  await openProjector(page);
  const proj = page.locator('[data-testid="projector"]');
  await proj.locator('[data-testid="projector-segment"]', { hasText: 'SYN seq=x' }).waitFor();
  await proj.locator('[data-testid="projector-state-client"]', { hasText: 'SYN_SENT' }).waitFor();
  await proj.locator('[data-testid="projector-state-server"]', { hasText: 'SYN_RCVD' }).waitFor();
  await proj.locator('[data-testid="projector-st-client"]', { hasText: 'SYN_SENT' }).waitFor();
  const text = (await proj.textContent()) ?? '';
  expect(text).not.toMatch(/your turn|the peer/i);
  await checkSizes(page, 'projector-live-en');

  await proj.locator('[data-testid="projector-freeze"]').click();
  await proj
    .locator('[data-testid="projector-question"]', { hasText: 'What should the server send now?' })
    .waitFor();
  expect(await proj.locator('[data-testid="projector-question"]').getAttribute('data-side')).toBe('server');
  for (const s of [ann, bo]) await s.waitFor((c) => c.view?.paused === true, 'the students see it paused');
  const refused = await server.playCorrect();
  expect(refused.ok).toBe(false);
  await checkSizes(page, 'projector-ask-en');
  await proj.locator('[data-testid="projector-reveal"]').click();
  await proj
    .locator('[data-testid="projector-answer"]', { hasText: 'the server sends SYN,ACK seq=y ack=x+1' })
    .waitFor();
  await checkSizes(page, 'projector-reveal-en');

  // in Chinese
  await closeAll(page);
  await switchLang(page, 'zh-CN');
  await openProjector(page);
  await proj.locator('[data-testid="projector-freeze"]', { hasText: '解除冻结' }).waitFor();
  await proj.locator('[data-testid="projector-question"]', { hasText: '服务器现在应该发送什么？' }).waitFor();
  await proj.locator('[data-testid="projector-reveal"]').click();
  await proj.locator('[data-testid="projector-answer"]', { hasText: 'SYN,ACK' }).waitFor();
  expect(await leftovers(page, 'zh-CN')).toEqual([]);
  await checkSizes(page, 'projector-reveal-zh');

  // unfrozen: the students play on
  await proj.locator('[data-testid="projector-freeze"]').click();
  await proj.locator('[data-testid="projector-question"]').waitFor({ state: 'detached' });
  for (const s of [ann, bo]) await s.waitFor((c) => c.view?.paused === false, 'resumed');
  expect((await server.playCorrect()).ok).toBe(true);
});

test('a finished game replayed step by step, with the states beside each segment', async () => {
  const page = teacher.page;
  const proj = page.locator('[data-testid="projector"]');
  const players = [ann, bo];
  // play every correct move until the game is over
  for (let i = 0; i < 60; i++) {
    const v = ann.view!;
    if (v.phase === 'finished') break;
    let moved = false;
    for (const p of players)
      if (p.view?.you.canAct && p.view.phase === 'playing' && !p.view.paused) {
        const r = await p.playCorrect();
        moved = moved || r.ok;
      }
    if (!moved) await new Promise((res) => setTimeout(res, 200));
  }
  await proj.locator('[data-testid="projector-replay"]').waitFor({ timeout: 30_000 });
  await proj.locator('[data-testid="projector-replay"]').click();
  await proj.locator('[data-testid="projector-step"]', { hasText: 'CLOSED' }).waitFor();
  expect(await proj.locator('[data-testid="projector-segment"]').count()).toBe(0);
  await proj.locator('[data-testid="projector-next"]').click();
  await proj.locator('[data-testid="projector-next"]').click();
  await proj.locator('[data-testid="projector-segment"]').first().waitFor();
  await checkSizes(page, 'projector-replay-zh');
  await closeAll(page);
  await switchLang(page, 'en');
  await openProjector(page);
  await proj.locator('[data-testid="projector-replay"]').click();
  for (let i = 0; i < 3; i++) await proj.locator('[data-testid="projector-next"]').click();
  await proj.locator('[data-testid="projector-step"]', { hasText: 'Step 3 of' }).waitFor();
  await proj.locator('.proj-change').first().waitFor();
  await checkSizes(page, 'projector-replay-en');
  await proj.locator('[data-testid="projector-all"]').click();
  await proj.locator('[data-testid="projector-msl"]').waitFor();
  await checkSizes(page, 'projector-finished-en');
  expect(teacher.errors).toEqual([]);
});
