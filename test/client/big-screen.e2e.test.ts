/**
 * The big screen and the misconception slides, in Chromium. A class of five socket students (two
 * pairs and one student with the bot) plays client-closes-first; the teacher opens the big screen
 * from the console: every pair with both states and its textbook ladder, updated live as a pair
 * plays, a pair that finished shown with its goal met and counted in the tally; a pair opened on
 * the projector from there and closed back to the big screen. Two students' mistakes (ack = x
 * instead of x+1, a seq already used) make two slides: stepped with the arrow keys, left
 * with Escape, reached from the big screen and from the console. At 1920x1080 and 1280x720 in
 * English and Chinese, no text under 24 px / 18 px; screenshots.
 */
import type { Page } from 'playwright-core';
import { movesFromView } from '../../shared/game/game-view';
import { misconceptionText } from '../../shared/i18n/class-texts';
import type { JudgeErrorCode } from '../../shared/tcp/codes';
import { toMovePayload } from '../../server/games/move-payload';
import { leftovers, switchLang } from '../helpers/browser-ui';
import { checkSizes, playToEnd, ProjectorClass } from '../helpers/projector-page';
import type { TestClient } from '../helpers/server-harness';

const room = new ProjectorClass();
/** The two refusals made, by code. */
const mistakes: JudgeErrorCode[] = [];
const SCREEN = '[data-testid="big-screen"]';
const SLIDES = '[data-testid="slides"]';

beforeAll(() => room.start());
afterAll(() => room.close());

/** Plays `c`'s first correct segment with a number changed, and answers the refusal's code. */
async function wrongSegment(c: TestClient, change: { seq?: number; ack?: number }): Promise<string | null> {
  const m = movesFromView(c.view!)[0];
  if (m?.kind !== 'segment') throw new Error('no segment to send');
  const s = m.segment;
  const r = await c.request('game:move', {
    move: toMovePayload({
      kind: 'segment',
      segment: { ...s, seq: s.seq + (change.seq ?? 0), ack: s.ack + (change.ack ?? 0) },
    }),
    basedOn: c.view!.version,
  });
  return r.ok ? null : r.error.code;
}

function card(page: Page, pairId: string) {
  return page.locator(`${SCREEN} [data-testid="screen-pair"][data-pair="${pairId}"]`);
}

test('the big screen: every pair, both states and the textbook ladder, live; neutral and large', async () => {
  const page = room.teacher.page;
  await room.create();
  const joined = [];
  for (const n of ['Ann', 'Bo', 'Cy', 'Di', 'Ed']) joined.push(await room.student(n));
  await page.locator('[data-testid="roster"] li', { hasText: 'Ed' }).waitFor();
  await room.startRound();
  await page.locator('[data-testid="pair-card"][data-pair="pair-2"]').waitFor();
  for (const s of joined) await s.waitFor((c) => c.view !== null, 'the round game');
  // pairs in the order students joined: Ann and Bo, Cy and Di; Ed plays the bot
  const [ann, bo, cy, di] = joined as [TestClient, TestClient, TestClient, TestClient];
  const byRole = (a: TestClient, b: TestClient) =>
    a.view!.role === 'client' ? { client: a, server: b } : { client: b, server: a };
  const p1 = byRole(ann, bo);
  const p2 = byRole(cy, di);

  await page.locator('[data-testid="screen-open"]').click();
  const screen = page.locator(SCREEN);
  await screen.waitFor();
  for (const id of ['pair-1', 'pair-2', 'pair-3']) await card(page, id).waitFor();
  await card(page, 'pair-1').locator('[data-testid="screen-state-client"]', { hasText: 'CLOSED' }).waitFor();
  await card(page, 'pair-3').locator('.screen-names', { hasText: 'Bot' }).waitFor();

  // live: pair-1's handshake shows on the big screen as it happens
  expect((await p1.server.playCorrect()).ok).toBe(true);
  expect((await p1.client.playCorrect()).ok).toBe(true);
  await card(page, 'pair-1')
    .locator('[data-testid="screen-state-client"]', { hasText: 'SYN_SENT' })
    .waitFor();
  await p1.server.waitFor((c) => c.view?.you.record.owed !== 'none', 'the SYN arrived');
  await card(page, 'pair-1')
    .locator('[data-testid="screen-state-server"]', { hasText: 'SYN_RCVD' })
    .waitFor();
  await card(page, 'pair-1')
    .locator('[data-testid="screen-stage"]', { hasText: 'Handshake: 1/3 segments arrived' })
    .waitFor();
  await card(page, 'pair-1').locator('line[data-step="0"][data-fate="done"]').waitFor({ state: 'attached' });

  // pair-2: the server answers the SYN with ack = x, a mistake the class will see on a slide;
  // then the client's last ACK of the handshake reuses seq = x: a second kind of mistake
  expect((await p2.server.playCorrect()).ok).toBe(true);
  expect((await p2.client.playCorrect()).ok).toBe(true);
  await p2.server.waitFor((c) => c.view?.you.record.owed !== 'none', 'the SYN arrived');
  expect(await wrongSegment(p2.server, { ack: -1 })).toBe('ACK_OFF_BY_ONE');
  expect((await p2.server.playCorrect()).ok).toBe(true);
  await p2.client.waitFor((c) => c.view?.you.record.owed !== 'none', 'the SYN,ACK arrived');
  mistakes.push('ACK_OFF_BY_ONE', (await wrongSegment(p2.client, { seq: -1 })) as JudgeErrorCode);
  expect(mistakes[1]).toMatch(/^SEQ_/);

  const text = (await screen.textContent()) ?? '';
  expect(text).not.toMatch(/your turn|the peer|\byou\b/i);
  await checkSizes(page, SCREEN, 'big-screen-live-en');

  // pair-1 plays to the end: its card says the goal was met, the tally counts it
  await playToEnd([p1.client, p1.server]);
  await card(page, 'pair-1').locator('[data-testid="screen-status"]', { hasText: 'Goal met' }).waitFor({
    timeout: 30_000,
  });
  await screen
    .locator('[data-testid="screen-tally"]', { hasText: 'Finished: 1 of 3 · goal met: 1' })
    .waitFor();
  expect(await card(page, 'pair-1').getAttribute('data-done')).toBe('7');
  await checkSizes(page, SCREEN, 'big-screen-finished-en');

  // one pair on the projector, from the big screen, and back
  await card(page, 'pair-2').locator('[data-testid="screen-project"]').click();
  const proj = page.locator('[data-testid="projector"]');
  await proj.locator('[data-testid="projector-segment"]', { hasText: 'SYN seq=x' }).waitFor();
  expect(await proj.getAttribute('data-pair')).toBe('pair-2');
  await page.locator('[data-testid="projector-close"]').click();
  await page.locator('[data-testid="spectator"]').waitFor({ state: 'detached' });
  await proj.waitFor({ state: 'detached' });
  expect(await screen.isVisible()).toBe(true);
});

test('the misconception slides: one mistake each, arrow keys, Escape; from the big screen and the console', async () => {
  const page = room.teacher.page;
  const slides = page.locator(SLIDES);
  await page.locator(`${SCREEN} [data-testid="screen-slides"]`).click();
  await slides.locator('[data-testid="slide-number"]', { hasText: 'Common mistake 1 of 2' }).waitFor();
  const titles = new Set<string>();
  titles.add(((await slides.locator('[data-testid="slide-title"]').textContent()) ?? '').trim());
  await checkSizes(page, SLIDES, 'slides-1-en');
  await page.keyboard.press('ArrowRight');
  await slides.locator('[data-testid="slide-number"]', { hasText: 'Common mistake 2 of 2' }).waitFor();
  titles.add(((await slides.locator('[data-testid="slide-title"]').textContent()) ?? '').trim());
  expect(titles).toContain('ack = y instead of y+1');
  expect([...titles].sort()).toEqual(mistakes.map((m) => misconceptionText('en', m)).sort());
  await page.keyboard.press('ArrowRight');
  await slides.locator('[data-testid="slide-number"]', { hasText: '2 of 2' }).waitFor();
  await page.keyboard.press('ArrowLeft');
  await slides.locator('[data-testid="slide-number"]', { hasText: '1 of 2' }).waitFor();
  // the off-by-one's slide explains the rule as the textbook does
  if ((await slides.locator('[data-testid="slide-title"]').textContent())?.includes('ack'))
    await slides
      .locator('[data-testid="slide-explain"]', { hasText: 'SYN and FIN each occupy one sequence number' })
      .waitFor();
  await slides.locator('[data-testid="slide-count"]', { hasText: /1 time, 1 student/ }).waitFor();
  await page.keyboard.press('Escape');
  await slides.waitFor({ state: 'detached' });
  // Escape left the slides only: the big screen is still there
  expect(await page.locator(SCREEN).isVisible()).toBe(true);
  await page.locator(`${SCREEN} [data-testid="screen-close"]`).click();
  await page.locator(SCREEN).waitFor({ state: 'detached' });

  // in Chinese, from the console's bar
  await switchLang(page, 'zh-CN');
  await page.locator('[data-testid="slides-open"]').click();
  await slides.locator('[data-testid="slide-number"]', { hasText: '常见错误 1 / 2' }).waitFor();
  const zhTitles = new Set<string>();
  for (let i = 0; i < 2; i++) {
    zhTitles.add(((await slides.locator('[data-testid="slide-title"]').textContent()) ?? '').trim());
    await checkSizes(page, SLIDES, `slides-${i + 1}-zh`);
    await page.keyboard.press('ArrowRight');
  }
  expect([...zhTitles].sort()).toEqual(mistakes.map((m) => misconceptionText('zh-CN', m)).sort());
  expect(zhTitles).toContain('ack 写成了 y，应为 y+1');
  expect(await leftovers(page, 'zh-CN')).toEqual([]);
  await page.keyboard.press('Escape');
  await slides.waitFor({ state: 'detached' });
  // the console's list follows the language at once, not only at the server's next update
  await page
    .locator('[data-testid="misconceptions"] .mis-text', { hasText: 'ack 写成了 y，应为 y+1' })
    .waitFor();

  await page.locator('[data-testid="screen-open"]').click();
  const screen = page.locator(SCREEN);
  await card(page, 'pair-1').locator('[data-testid="screen-status"]', { hasText: '达成目标 ✓' }).waitFor();
  await screen.locator('[data-testid="screen-tally"]', { hasText: '已完成：1 / 3 组' }).waitFor();
  await card(page, 'pair-2').locator('[data-testid="screen-stage"]', { hasText: '三次握手' }).waitFor();
  expect(await leftovers(page, 'zh-CN')).toEqual([]);
  await checkSizes(page, SCREEN, 'big-screen-zh');
  expect(room.teacher.errors).toEqual([]);
});

test('a class of 40: twenty pairs on one screen at 1920x1080, every text still large; a reload keeps the big screen', async () => {
  const page = room.teacher.page;
  await page.locator(`${SCREEN} [data-testid="screen-close"]`).click();
  // a new class: the old one closed (two clicks)
  await page.locator('[data-testid="close-class"]').click();
  await page.locator('[data-testid="close-class"]').click();
  await page.locator('[data-testid="create-class"]').waitFor();
  await room.create();
  const names = Array.from({ length: 40 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`);
  for (const n of names) await room.student(n);
  await page.locator('[data-testid="roster"] li', { hasText: 'S40' }).waitFor();
  // the console keeps the round's choices (client-closes-first) from the class before
  await page.locator('[data-testid="round-start"]').click();
  await page.locator('[data-testid="pair-card"][data-pair="pair-20"]').waitFor();
  await page.locator('[data-testid="screen-open"]').click();
  const cards = page.locator(`${SCREEN} [data-testid="screen-pair"]`);
  await card(page, 'pair-20').waitFor();
  expect(await cards.count()).toBe(20);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.waitForTimeout(300);
  // every card whole on the screen, without scrolling
  const below: string[] = [];
  for (let i = 0; i < 20; i++) {
    const box = (await cards.nth(i).boundingBox())!;
    if (box.y + box.height > 1080) below.push(`pair-${i + 1}: ${Math.round(box.y + box.height)}`);
  }
  expect(below).toEqual([]);
  await checkSizes(page, SCREEN, 'big-screen-class40-zh');

  // a reload of the big screen comes back to it; Escape leaves it for the console
  expect(new URL(page.url()).hash).toBe('#screen');
  await page.reload();
  await card(page, 'pair-20').waitFor();
  expect(await cards.count()).toBe(20);
  await page.keyboard.press('Escape');
  await page.locator(SCREEN).waitFor({ state: 'detached' });
  expect(new URL(page.url()).hash).toBe('');
  await page.locator('[data-testid="pair-card"][data-pair="pair-20"]').waitFor();
  expect(room.teacher.errors).toEqual([]);
});
