/**
 * The teacher's console on a projector, in Chromium: opened on 127.0.0.1 (where no phone could
 * follow the link), it shows a join link and QR code at the machine's LAN address (the server's
 * interface list is injected: the test never touches a real network) and lets the teacher pick
 * another; once a round runs, the dashboard comes first and fits a 1280x720 projector without
 * scrolling, the set-up folded away below it; a network action armed for the next segment of one
 * side of a pair shows as armed, and once that student sends the segment, as fired (the segment
 * dropped: the peer never gets it), while the students' pages show nothing of it; the same for
 * every pair at once, and a cancel. Screenshots at 1920x1080, 1280x720 and 390x844 in English and
 * Chinese.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { io as connectClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events';
import { E2E, SCREENSHOT_DIR, VIEWPORTS, type Player } from '../helpers/browser-harness';
import { leftovers, switchLang, visibleText, waitScreen } from '../helpers/browser-ui';
import { TestClient, waitUntil } from '../helpers/server-harness';
import { v4 } from '../helpers/network-interfaces';

const e2e = new E2E();
let teacher: Player;
let cy: Player; // a student in the browser, playing the bot
const sockets: TestClient[] = [];
let code = '';
let port = '';

beforeAll(async () => {
  await e2e.start(
    {},
    {
      // the server believes it listens on every interface (it listens on 127.0.0.1 only)
      config: { host: '0.0.0.0' },
      networkInterfaces: () => ({
        lo: [v4('127.0.0.1', true)],
        docker0: [v4('172.17.0.1')],
        wlan0: [v4('192.168.31.20')],
      }),
    },
  );
  port = new URL(e2e.url).port;
  teacher = await e2e.player('teacher', 'en-US', { width: 1280, height: 720 }, 1, {
    path: '/host',
    ready: '[data-testid="create-class"]',
  });
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await e2e.close();
});

/** A student that is a socket.io client (it joins and plays through the protocol, no page). */
async function socketStudent(nickname: string, lang: 'en' | 'zh-CN'): Promise<TestClient> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectClient(e2e.url, {
    auth: { lang },
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

/** Screenshots of a page at the three sizes (no canvas on the console), the window size put back. */
async function shots(page: Page, name: string, full = false): Promise<void> {
  if (process.env.E2E_SCREENSHOTS === '0') return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const before = page.viewportSize();
  for (const v of VIEWPORTS) {
    await page.setViewportSize({ width: v.width, height: v.height });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${v.name}.png`) });
    if (full && v.name === 'phone')
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${v.name}-full.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
  await page.waitForTimeout(200);
}

/** The box of an element in the window, or null when it has none (hidden). */
async function box(page: Page, selector: string) {
  return page.locator(selector).first().boundingBox();
}

const card = (pair: string) => `[data-testid="pair-card"][data-pair="${pair}"]`;
const net = (pair: string, side: string) => `${card(pair)} .seat-net[data-side="${side}"]`;

test('opened on 127.0.0.1, the join link and QR code use the LAN address; the teacher may pick another', async () => {
  const page = teacher.page;
  expect(new URL(page.url()).hostname).toBe('127.0.0.1');
  await page.locator('[data-testid="class-title"]').fill('TCP 101');
  // pairs in the order students join: Ann with Bo, Cy with the bot
  await page.locator('[data-testid="create-rotate"]').uncheck();
  await page.locator('[data-testid="create-class"]').click();
  const shown = page.locator('[data-testid="join-code-display"]');
  await shown.waitFor();
  code = ((await shown.textContent()) ?? '').trim();
  const link = page.locator('[data-testid="join-link"]');
  const lanLink = `http://192.168.31.20:${port}/join/${code}`;
  await page.locator('[data-testid="join-link"]', { hasText: lanLink }).waitFor();
  expect(await link.getAttribute('href')).toBe(lanLink);
  expect(await page.locator('[data-testid="join-qr"] svg').getAttribute('data-text')).toBe(lanLink);
  await page.locator('[data-testid="lan-note"]', { hasText: '127.0.0.1' }).waitFor();
  expect(await page.locator('[data-testid="lan-warning"]').count()).toBe(0);
  // the Wi-Fi first; Docker's bridge offered, marked as virtual
  const pick = page.locator('[data-testid="lan-address"]');
  expect(await pick.locator('option').allTextContents()).toEqual([
    '192.168.31.20 (wlan0)',
    '172.17.0.1 (docker0, virtual: phones seldom reach it)',
  ]);
  await pick.selectOption('172.17.0.1');
  await page
    .locator('[data-testid="join-link"]', { hasText: `http://172.17.0.1:${port}/join/${code}` })
    .waitFor();
  expect(await page.locator('[data-testid="join-qr"] svg').getAttribute('data-text')).toBe(
    `http://172.17.0.1:${port}/join/${code}`,
  );
  // the choice is remembered across a reload
  await page.reload();
  await page.locator('[data-testid="join-link"]', { hasText: '172.17.0.1' }).waitFor();
  await page.locator('[data-testid="lan-address"]').selectOption('192.168.31.20');
  await page.locator('[data-testid="join-link"]', { hasText: lanLink }).waitFor();
  // before any round: the set-up comes first, open; the dashboard is empty below it
  expect(await page.locator('[data-testid="setup"]').getAttribute('open')).not.toBeNull();
  expect(await leftovers(page, 'en')).toEqual([]);
  await shots(page, 'host-lan-en');
  await switchLang(page, 'zh-CN');
  await page.locator('[data-testid="lan-note"]', { hasText: '局域网' }).waitFor();
  expect(await leftovers(page, 'zh-CN')).toEqual([]);
  await shots(page, 'host-lan-zh');
  await switchLang(page, 'en');
});

test('a round runs: the dashboard comes first and fits a 1280x720 projector, the set-up folded away', async () => {
  const page = teacher.page;
  const ann = await socketStudent('Ann', 'zh-CN');
  const bo = await socketStudent('Bo', 'en');
  // a student in the browser, on a phone, in Chinese: it plays the bot
  cy = await e2e.player('cy', 'zh-CN', { width: 390, height: 844 }, 2, {
    path: `/join/${code}`,
    ready: '[data-testid="join-nickname"]',
  });
  await cy.page.locator('[data-testid="join-nickname"]').fill('Cy');
  await cy.page.locator('[data-testid="join-submit"]').click();
  await cy.page.locator('[data-testid="class-lobby"]').waitFor();
  await page.locator('[data-testid="roster"] li', { hasText: 'Cy' }).waitFor();

  await page.locator('[data-testid="round-start"]').click();
  await page.locator(card('pair-2')).waitFor();
  await waitScreen(cy.page, 'game');
  for (const s of [ann, bo]) await s.waitFor((c) => c.view !== null, 'the round game');
  await page.locator('[data-testid="round-countdown"]', { hasText: /^\d+:\d\d$/ }).waitFor();
  // folded: the QR code and the round's form are out of sight; the bar and the dashboard are first
  expect(await page.locator('[data-testid="setup"]').getAttribute('open')).toBeNull();
  expect(await page.locator('[data-testid="join-qr"]').isVisible()).toBe(false);
  expect(await page.locator('[data-testid="bar-join-code"]').textContent()).toBe(code);
  expect(await page.evaluate('window.scrollY')).toBe(0);
  for (const sel of [
    '[data-testid="round-countdown"]',
    '[data-testid="round-end"]',
    '[data-testid="all-next-drop"]',
    `${card('pair-1')} h3`,
    `${card('pair-1')} .seat-box[data-side="client"] .seat-state`,
    `${card('pair-1')} .seat-box[data-side="server"] .seat-state`,
    `${net('pair-1', 'client')} [data-testid="arm-drop"]`,
    `${card('pair-2')} .seat-box[data-side="server"] .seat-state`,
  ]) {
    // the dashboard is live (every update redraws the cards): measured again until it settles
    let b = await box(page, sel);
    for (let i = 0; i < 20 && !(b !== null && b.y >= 0 && b.y + b.height <= 720); i++) {
      await page.waitForTimeout(150);
      b = await box(page, sel);
    }
    expect({ sel, inView: b !== null && b.y >= 0 && b.y + b.height <= 720, b }).toEqual({
      sel,
      inView: true,
      b,
    });
  }
  // legible from the back: the states are large
  const size = Number(
    await page.evaluate(
      `parseFloat(getComputedStyle(document.querySelector('${card('pair-1')} .seat-state .state-code')).fontSize)`,
    ),
  );
  expect(size).toBeGreaterThanOrEqual(20);
  // the set-up unfolds on demand
  await page.locator('[data-testid="setup-toggle"]').click();
  await page.locator('[data-testid="join-qr"]').waitFor({ state: 'visible' });
  await page.locator('[data-testid="setup-toggle"]').click();
  await page.locator('[data-testid="join-qr"]').waitFor({ state: 'hidden' });
  expect(await leftovers(page, 'en')).toEqual([]);
});

test("armed: drop the next segment of pair-1's client; shown armed, then fired on its SYN, which never arrives", async () => {
  const page = teacher.page;
  const [ann, bo] = sockets as [TestClient, TestClient];
  const client = ann.view!.role === 'client' ? ann : bo;
  const server = client === ann ? bo : ann;
  expect(server.view!.role).toBe('server');
  await page.locator(`${net('pair-1', 'client')} [data-testid="arm-drop"]`).click();
  const armed = page.locator(`${net('pair-1', 'client')} [data-testid="armed"]`);
  await armed.and(page.locator('[data-fired="false"][data-action="drop"]')).waitFor();
  expect(await armed.textContent()).toBe('Armed: its next segment will be dropped');
  expect(await page.locator(net('pair-1', 'server')).getAttribute('data-armed')).toBe('');
  expect(await page.locator(net('pair-2', 'client')).getAttribute('data-armed')).toBe('');
  await shots(page, 'host-armed-en', true);

  // the server listens, the client connects: its SYN is dropped
  expect((await server.playCorrect()).ok).toBe(true);
  await client.waitFor((c) => c.view!.you.canAct, 'the client may connect');
  const sent = await client.playCorrect(1000);
  expect(sent.ok).toBe(true);
  const fired = page.locator(`${net('pair-1', 'client')} [data-testid="armed"][data-fired="true"]`);
  await fired.waitFor();
  expect(await fired.textContent()).toBe('Dropped: SYN seq=1000');
  // the arm buttons are back, for the next one
  await page.locator(`${net('pair-1', 'client')} [data-testid="arm-drop"]`).waitFor();
  // the SYN falls off the wire: the server stays in LISTEN, both players see it lost
  await client.waitFor((c) => c.view!.log.some((e) => e.type === 'lost'), 'the SYN lost');
  await server.waitFor((c) => c.view!.log.some((e) => e.type === 'lost'), 'the SYN lost');
  expect(server.view!.you.record.state).toBe('LISTEN');
  await page.locator(`${card('pair-1')} .seat-box[data-side="server"][data-state="LISTEN"]`).waitFor();
  expect(JSON.stringify(client.view)).not.toMatch(/armed/);
  await shots(page, 'host-fired-en');
});

test("armed for every pair: the servers' next segments; the student on the game screen sees none of it; cancel", async () => {
  const page = teacher.page;
  await page.locator('[data-testid="all-next-side"]').selectOption('server');
  await page.locator('[data-testid="all-next-delay"]').click();
  await page.locator('[data-testid="host-message"]', { hasText: 'Armed for 2 pairs.' }).waitFor();
  for (const pair of ['pair-1', 'pair-2'])
    await page.locator(`${net(pair, 'server')}[data-armed="delay"] [data-testid="armed"]`).waitFor();
  const text = await visibleText(cy.page);
  expect(text).not.toMatch(/已设好|延迟|Armed|delay/);
  expect(await leftovers(cy.page, 'zh-CN')).toEqual([]);

  await switchLang(page, 'zh-CN');
  await page.locator(`${net('pair-1', 'server')} [data-testid="armed"]`, { hasText: '已设好' }).waitFor();
  expect(await leftovers(page, 'zh-CN')).toEqual([]);
  await shots(page, 'host-armed-zh', true);

  await page.locator('[data-testid="all-next-cancel"]').click();
  await page.locator('[data-testid="host-message"]', { hasText: '已为 2 组取消。' }).waitFor();
  // the side chosen survives the language switch's re-render
  expect(await page.locator('[data-testid="all-next-side"]').inputValue()).toBe('server');
  for (const pair of ['pair-1', 'pair-2'])
    await page.locator(`${net(pair, 'server')}[data-armed=""] [data-testid="arm-delay"]`).waitFor();
  await switchLang(page, 'en');
});

test('no console errors on any page', () => {
  expect(teacher.errors).toEqual([]);
  expect(cy.errors).toEqual([]);
});

test('a machine with no LAN address: the link stays local and a warning says what to do', async () => {
  const alone = new E2E();
  try {
    await alone.start(
      {},
      { config: { host: '0.0.0.0' }, networkInterfaces: () => ({ lo: [v4('127.0.0.1', true)] }) },
    );
    const t = await alone.player('teacher-alone', 'zh-CN', { width: 1280, height: 720 }, 1, {
      path: '/host',
      ready: '[data-testid="create-class"]',
    });
    await t.page.locator('[data-testid="create-class"]').click();
    const warning = t.page.locator('[data-testid="lan-warning"]');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/PUBLIC_URL/);
    expect(await warning.textContent()).toMatch(/学校的网络/);
    const c = ((await t.page.locator('[data-testid="join-code-display"]').textContent()) ?? '').trim();
    expect(await t.page.locator('[data-testid="join-link"]').textContent()).toBe(`${alone.url}join/${c}`);
    expect(await leftovers(t.page, 'zh-CN')).toEqual([]);
    await shots(t.page, 'host-lan-warning-zh');
    await switchLang(t.page, 'en');
    expect(await warning.textContent()).toMatch(/school network/);
    expect(t.errors).toEqual([]);
  } finally {
    await alone.close();
  }
});
