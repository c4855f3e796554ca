/**
 * A teacher pauses a class round in the browser: the student's composer is locked (every field and
 * button disabled) and the status line says the game is paused, in its own colour rather than the
 * green of "your move"; resumed, the composer works again and the move is played, its points in the
 * log. The teacher then ends the round early: the student's summary says the goal was not met and
 * praises nothing. One student (in Chinese) plays the bot; screenshots of the paused game and of
 * the summary.
 */
import type { Page } from 'playwright-core';
import { UI_TEXTS } from '../../client/src/i18n/ui-texts';
import { E2E, screenshots, type Player } from '../helpers/browser-harness';
import { leftovers, play, waitCanAct, waitScreen, waitState } from '../helpers/browser-ui';

const ZH = UI_TEXTS['zh-CN'];
const e2e = new E2E();
let teacher: Player;
let mei: Player;

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

/** Every control of the composer: the flag boxes, the numbers, send and the application calls. */
const CONTROLS = '[data-testid="composer"] input, [data-testid="composer"] button';

/** How many of the composer's controls are disabled, and how many there are. */
async function disabledControls(page: Page): Promise<{ disabled: number; all: number }> {
  const all = page.locator(CONTROLS);
  const n = await all.count();
  let disabled = 0;
  for (let i = 0; i < n; i++) if (await all.nth(i).isDisabled()) disabled++;
  return { disabled, all: n };
}

/** The status line's background colour. */
async function statusColour(page: Page): Promise<string> {
  return (await page.evaluate(
    `getComputedStyle(document.querySelector('[data-testid="turn-status"]')).backgroundColor`,
  )) as string;
}

test('a student joins the class and the round starts against the bot', async () => {
  await teacher.page.locator('[data-testid="create-class"]').click();
  const shown = teacher.page.locator('[data-testid="join-code-display"]');
  await shown.waitFor();
  const code = ((await shown.textContent()) ?? '').trim();
  mei = await e2e.player('mei', 'zh-CN', { width: 1280, height: 720 }, 1, {
    path: `/join/${code}`,
    ready: '[data-testid="join-nickname"]',
  });
  await mei.page.locator('[data-testid="join-nickname"]').fill('Mei');
  await mei.page.locator('[data-testid="join-submit"]').click();
  await mei.page.locator('[data-testid="class-lobby"]').waitFor();
  await teacher.page.locator('[data-testid="roster"] li', { hasText: 'Mei' }).waitFor();
  await teacher.page.locator('[data-testid="round-start"]').click();
  await waitScreen(mei.page, 'game');
});

test('paused: the composer is locked and the status says so, in its own colour; resumed: unlocked', async () => {
  const page = mei.page;
  const isClient = /客户端/.test((await page.locator('.goal summary').textContent()) ?? '');
  // the student's first move: connect() once the bot listens, or listen() as the server
  await waitCanAct(page);
  const status = page.locator('[data-testid="turn-status"]');
  expect(await status.getAttribute('data-duty')).toBe('plan');
  const yourMove = await statusColour(page);
  expect(await disabledControls(page)).toEqual({ disabled: 0, all: expect.any(Number) });

  await teacher.page.locator('[data-testid="round-pause"]').click();
  await teacher.page.locator('.host-round[data-phase="paused"]').waitFor();
  await page.locator('[data-testid="turn-status"][data-duty="paused"]').waitFor();
  expect(await status.textContent()).toBe(ZH.statusPaused);
  expect(await status.getAttribute('data-can-act')).toBe('false');
  expect(await statusColour(page)).not.toBe(yourMove);
  await page.locator('[data-testid="composer"][data-locked="true"]').waitFor();
  const locked = await disabledControls(page);
  // five flags, seq, ack, length, send and the three application calls
  expect(locked.all).toBeGreaterThanOrEqual(12);
  expect(locked.disabled).toBe(locked.all);
  expect(await page.locator('[data-testid="send"]').isDisabled()).toBe(true);
  expect(await page.locator('[data-testid="composer-seq"]').isDisabled()).toBe(true);
  expect(
    await page
      .locator(isClient ? '[data-testid="call-connect"]' : '[data-testid="call-listen"]')
      .isDisabled(),
  ).toBe(true);
  // a flag's keyboard shortcut does nothing either
  await page.keyboard.press('Alt+S');
  expect(await page.locator('[data-testid="composer"] input[data-flag="SYN"]').isChecked()).toBe(false);
  expect(await leftovers(page, 'zh-CN')).toEqual([]);
  await screenshots(mei, 'game-paused');

  await teacher.page.locator('[data-testid="round-resume"]').click();
  await page.locator('[data-testid="composer"][data-locked="false"]').waitFor();
  await waitCanAct(page);
  expect(await status.getAttribute('data-duty')).toBe('plan');
  expect(await status.textContent()).toMatch(/^轮到你了。/);
  expect(await statusColour(page)).toBe(yourMove);
  expect((await disabledControls(page)).disabled).toBe(0);

  // the game goes on: the move is accepted and its log line says what it earned
  if (isClient) {
    await play(page, { flags: ['SYN'], seq: 1000 });
    await waitState(page, 'SYN_SENT');
  } else {
    await page.locator('[data-testid="call-listen"]').click();
    await waitState(page, 'LISTEN');
  }
  await page.locator('[data-testid="log"] li[data-tone="you"]', { hasText: '（+10 分）' }).waitFor();
});

test('the teacher ends the round early: goal not met, and no praise beside it', async () => {
  await teacher.page.locator('[data-testid="round-end"]').click();
  await waitScreen(mei.page, 'summary');
  const page = mei.page;
  expect(await page.locator('[data-testid="goal-result"]').getAttribute('data-met')).toBe('false');
  expect(await page.locator('[data-testid="no-mistakes"]').count()).toBe(0);
  expect(await page.locator('[data-testid="no-mistakes-goal-not-met"]').textContent()).toBe(
    ZH.noMistakesGoalNotMet,
  );
  expect(await page.locator('body').innerText()).not.toContain(ZH.noMistakes);
  expect(await leftovers(page, 'zh-CN')).toEqual([]);
  await screenshots(mei, 'summary-goal-not-met');
});

test('no console errors on any page', () => {
  expect(teacher.errors).toEqual([]);
  expect(mei.errors).toEqual([]);
});
