/**
 * A class in the browser, end to end: the teacher's console (/host) opens a class and shows its
 * code, join link and QR code; one student joins through the link (/join/CODE, in Chinese, on a
 * phone-sized window), another through the home screen's form (in English, after a wrong code);
 * the teacher starts a round of the three-way handshake, watches the pair live (states on the
 * dashboard, the spectator view), both students play it through the game screen to its end, the
 * teacher ends the round (leaderboard; each student sees its standing) and downloads the CSV, then
 * takes the class back after losing the session (reclaim with the host token) and removes a student.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { E2E, type Player } from '../helpers/browser-harness';
import { leftovers, play, record, waitCanAct, waitScreen, waitState } from '../helpers/browser-ui';

const e2e = new E2E();
let teacher: Player;
let ann: Player; // joins through the link, in Chinese
let bo: Player; // joins through the home screen, in English
let code = '';

beforeAll(async () => {
  await e2e.start();
  teacher = await e2e.player('teacher', 'en-US', { width: 1600, height: 1000 }, 1, {
    path: '/host',
    ready: '[data-testid="create-class"]',
  });
});

afterAll(async () => {
  await e2e.close();
});

/** Which side a student plays, from the game screen's goal line. */
async function side(page: Page): Promise<'client' | 'server'> {
  const text = (await page.locator('.goal summary').textContent()) ?? '';
  return /客户端|client/.test(text) ? 'client' : 'server';
}

/** A seat of the dashboard's only pair card in a TCP state. */
function seat(s: 'client' | 'server', state: string) {
  return teacher.page.locator(`[data-testid="pair-card"] .seat-box[data-side="${s}"][data-state="${state}"]`);
}

test('the teacher opens a class: the code in large letters, the join link and its QR code', async () => {
  const page = teacher.page;
  await page.locator('[data-testid="class-title"]').fill('TCP 101');
  await page.locator('[data-testid="create-class"]').click();
  const shown = page.locator('[data-testid="join-code-display"]');
  await shown.waitFor();
  code = ((await shown.textContent()) ?? '').trim();
  expect(code).toMatch(/^[A-Z0-9]{4,12}$/);
  const link = (await page.locator('[data-testid="join-link"]').textContent()) ?? '';
  expect(link).toBe(`${e2e.url}join/${code}`);
  // the QR code is drawn (hundreds of dark modules) and encodes exactly the link
  const qr = page.locator('[data-testid="join-qr"] svg');
  expect(await qr.getAttribute('data-text')).toBe(link);
  expect(Number(await qr.getAttribute('data-modules'))).toBeGreaterThan(100);
  expect(((await qr.locator('path').getAttribute('d')) ?? '').length).toBeGreaterThan(200);
  const box = await qr.boundingBox();
  expect(box!.width).toBeGreaterThanOrEqual(200);
  expect(await leftovers(page, 'en')).toEqual([]);
});

test('one student joins through the link, another through the home screen', async () => {
  ann = await e2e.player('ann', 'zh-CN', { width: 390, height: 844 }, 2, {
    path: `/join/${code}`,
    ready: '[data-testid="join-nickname"]',
  });
  expect(await ann.page.locator('[data-testid="join-code"]').inputValue()).toBe(code);
  await ann.page.locator('[data-testid="join-nickname"]').fill('Ann');
  await ann.page.locator('[data-testid="join-submit"]').click();
  await ann.page.locator('[data-testid="class-lobby"]').waitFor();
  await ann.page.locator('[data-testid="class-status"][data-phase="none"]').waitFor();
  expect(await leftovers(ann.page, 'zh-CN')).toEqual([]);

  bo = await e2e.player('bo', 'en-US');
  // a wrong code first: refused, in the student's language
  await bo.page.locator('[data-testid="class-code"]').fill('zzzz99');
  await bo.page.locator('[data-testid="join-class"]').click();
  await waitScreen(bo.page, 'class');
  await bo.page.locator('[data-testid="join-nickname"]').fill('Bo');
  await bo.page.locator('[data-testid="join-submit"]').click();
  await bo.page
    .locator('[data-testid="join-message"][data-tone="error"]', { hasText: /join code/ })
    .waitFor();
  await bo.page.locator('[data-testid="join-code"]').fill(code.toLowerCase());
  await bo.page.locator('[data-testid="join-submit"]').click();
  await bo.page.locator('[data-testid="class-lobby"]').waitFor();
  expect(await leftovers(bo.page, 'en')).toEqual([]);

  // the roster on the console is live
  const roster = teacher.page.locator('[data-testid="roster"]');
  await roster.locator('li', { hasText: 'Ann' }).waitFor();
  await roster.locator('li', { hasText: 'Bo' }).waitFor();
  await teacher.page.locator('[data-testid="auto-pair"]').click();
  await teacher.page.locator('[data-testid="planned-pairs"] li', { hasText: 'Ann' }).waitFor();
});

test('a round: both play the handshake to its end while the dashboard follows them', async () => {
  await teacher.page.locator('[data-testid="round-start"]').click();
  await waitScreen(ann.page, 'game');
  await waitScreen(bo.page, 'game');
  const card = teacher.page.locator('[data-testid="pair-card"]');
  await card.filter({ hasText: 'Ann' }).filter({ hasText: 'Bo' }).waitFor();
  await teacher.page.locator('[data-testid="round-countdown"]', { hasText: /^\d+:\d\d$/ }).waitFor();
  // the students play against the round's clock too
  await ann.page
    .locator('[data-testid="game-round-clock"]', { hasText: /第 1 轮进行中，还剩 \d+:\d\d/ })
    .waitFor();
  await bo.page
    .locator('[data-testid="game-round-clock"]', { hasText: /Round 1 is on: \d+:\d\d left/ })
    .waitFor();
  const client = (await side(ann.page)) === 'client' ? ann : bo;
  const server = client === ann ? bo : ann;
  expect(await side(server.page)).toBe('server');
  await seat('client', 'CLOSED').waitFor();

  // the server listens: the dashboard shows LISTEN
  await waitCanAct(server.page);
  await server.page.locator('[data-testid="call-listen"]').click();
  await waitState(server.page, 'LISTEN');
  await seat('server', 'LISTEN').waitFor();

  // the client's SYN: SYN_SENT on the dashboard and in the spectator view
  await waitCanAct(client.page);
  await play(client.page, { flags: ['SYN'], seq: 1000 });
  await seat('client', 'SYN_SENT').waitFor();
  await card.locator('[data-testid="watch"]').click();
  const spec = teacher.page.locator('[data-testid="spectator"]');
  await spec.locator('.spec-side[data-side="client"] .spec-state[data-state="SYN_SENT"]').waitFor();
  // numbered as the projector writes them: the client's ISN is x
  await spec.locator('.spec-lines li', { hasText: 'SYN seq=x' }).waitFor();
  expect(await spec.locator('.spec-head h2').textContent()).toMatch(/Ann|Bo/);

  // the server's SYN,ACK and the client's ACK
  await waitState(server.page, 'SYN_RCVD');
  await waitCanAct(server.page);
  const s = await record(server.page);
  await play(server.page, { flags: ['SYN', 'ACK'], seq: 5000, ack: s.rcvNxt });
  await seat('server', 'SYN_RCVD').waitFor();
  await waitState(client.page, 'ESTABLISHED');
  await waitCanAct(client.page);
  const c = await record(client.page);
  await play(client.page, { flags: ['ACK'], seq: c.sndNxt, ack: c.rcvNxt });
  await spec.locator('.spec-side[data-side="server"] .spec-state[data-state="ESTABLISHED"]').waitFor();
  await teacher.page.locator('[data-testid="spectator-close"]').click();
  await spec.waitFor({ state: 'detached' });

  // goal met: both see their summary, the dashboard both ESTABLISHED and the pair done
  await waitScreen(ann.page, 'summary');
  await waitScreen(bo.page, 'summary');
  expect(await ann.page.locator('[data-testid="goal-result"]').getAttribute('data-met')).toBe('true');
  await seat('client', 'ESTABLISHED').waitFor();
  await seat('server', 'ESTABLISHED').waitFor();
  await teacher.page.locator('[data-testid="pair-card"][data-phase="done"]').waitFor();
});

test('the round ends: leaderboard, standings, and the CSV download', async () => {
  // the round ends by itself once every pair is done; the teacher may also end it first
  const end = teacher.page.locator('[data-testid="round-end"]');
  if (await end.isEnabled()) await end.click();
  await teacher.page.locator('.host-round[data-phase="ended"]').waitFor();
  const board = teacher.page.locator('[data-testid="leaderboard"] [data-board="round"]');
  await board.locator('tr', { hasText: 'Ann' }).waitFor();
  await board.locator('tr', { hasText: 'Bo' }).waitFor();

  for (const p of [ann, bo]) {
    await p.page.locator('[data-testid="back-to-class"]').click();
    await p.page.locator('[data-testid="class-standing"]').waitFor();
  }
  expect(await ann.page.locator('[data-testid="class-standing"]').textContent()).toMatch(/第 [12] 名/);
  expect(await leftovers(ann.page, 'zh-CN')).toEqual([]);
  expect(await leftovers(bo.page, 'en')).toEqual([]);

  const [download] = await Promise.all([
    teacher.page.waitForEvent('download'),
    teacher.page.locator('[data-testid="export-csv"]').click(),
  ]);
  expect(download.suggestedFilename()).toBe(`class-${code}-results.csv`);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const rows = csv
    .slice(1)
    .trim()
    .split('\r\n')
    .map((l) => l.split(','));
  expect(rows[0]).toEqual([
    'nickname',
    'round',
    'scenario',
    'role',
    'partner',
    'points',
    'correct_moves',
    'mistakes',
    'mistakes_by_code',
    'goal_met',
    'time_s',
  ]);
  const body = rows.slice(1).sort((a, b) => a[0]!.localeCompare(b[0]!));
  expect(body.map((r) => [r[0], r[1], r[2], r[4], r[9]])).toEqual([
    ['Ann', '1', 'three-way-handshake', 'Bo', 'yes'],
    ['Bo', '1', 'three-way-handshake', 'Ann', 'yes'],
  ]);
  // the client sent SYN and ACK, the server listen() and SYN,ACK: two correct moves each
  for (const r of body) expect(Number(r[6])).toBeGreaterThanOrEqual(2);
});

test('a reload with a lost session takes the class back with the host token; a removed student is told', async () => {
  const page = teacher.page;
  await page.evaluate("window.localStorage.removeItem('handshake-arena.token')");
  await page.reload();
  await page.locator('[data-testid="join-code-display"]', { hasText: code }).waitFor();
  await page.locator('[data-testid="roster"] li', { hasText: 'Bo' }).waitFor();
  await page.locator('[data-testid="roster"] li', { hasText: 'Bo' }).locator('[data-testid="kick"]').click();
  await bo.page.locator('[data-testid="class-removed"][data-reason="kicked"]').waitFor();
  await page.locator('[data-testid="roster"] li', { hasText: 'Bo' }).waitFor({ state: 'detached' });
});

test('no console errors on any page', () => {
  expect(teacher.errors).toEqual([]);
  expect(ann.errors).toEqual([]);
  expect(bo.errors).toEqual([]);
});
