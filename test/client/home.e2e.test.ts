/**
 * The home page in Chromium, in English and Chinese: what the game is and "practice against the
 * bot" are in view without scrolling at 1920x1080 and 1280x720, and near the top on a 390x844
 * phone; "how to play" opens one screen (roles, turns, a segment's flags and numbers, the judge,
 * relative numbers, the goal) that fits without scrolling at every size and closes again.
 * Screenshots of both at the three sizes.
 */
import type { Page } from 'playwright-core';
import { E2E, screenshots, VIEWPORTS, type Player } from '../helpers/browser-harness';
import { leftovers } from '../helpers/browser-ui';

const e2e = new E2E();
const players: Player[] = [];

beforeAll(async () => {
  await e2e.start();
});

afterAll(async () => {
  await e2e.close();
});

/** The box of the first element matching, in the window's coordinates. */
async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} has no box`);
  return b;
}

describe.each([
  ['en-US', 'en', /practi[sc]e/i, 'How to play'],
  ['zh-CN', 'zh-CN', /机器人/, '怎么玩'],
] as const)('%s', (locale, lang, practiceWord, howToTitle) => {
  let p: Player;

  test('what the game is and practice against the bot, without scrolling', async () => {
    p = await e2e.player(`home-${lang}`, locale, { width: 1280, height: 720 });
    players.push(p);
    const page = p.page;
    for (const v of VIEWPORTS) {
      await page.setViewportSize({ width: v.width, height: v.height });
      await page.waitForTimeout(300);
      const intro = await box(page, '.intro');
      const title = await box(page, '.card-practice h2');
      const start = await box(page, '[data-testid="start-practice"]');
      const howTo = await box(page, '[data-testid="how-to-open"]');
      // on a projector all of it in the first screen; on the phone, the practice card's title too,
      // its button just below
      const limit = v.height;
      expect({ v: v.name, intro: intro.y + intro.height <= limit }).toEqual({ v: v.name, intro: true });
      expect({ v: v.name, howTo: howTo.y + howTo.height <= limit }).toEqual({ v: v.name, howTo: true });
      expect({ v: v.name, title: title.y + title.height <= limit }).toEqual({ v: v.name, title: true });
      if (v.name !== 'phone')
        expect({ v: v.name, start: start.y + start.height <= limit }).toEqual({ v: v.name, start: true });
      else expect(start.y).toBeLessThan(v.height * 1.1);
      expect(await page.locator('.card-practice h2').textContent()).toMatch(practiceWord);
    }
    await page.setViewportSize({ width: 1280, height: 720 });
    expect(await leftovers(page, lang)).toEqual([]);
    await screenshots(p, `home-top-${lang}`);
  });

  test('how to play: one screen, both languages, closes again', async () => {
    const page = p.page;
    await page.locator('[data-testid="how-to-open"]').click();
    const dialog = page.locator('[data-testid="how-to"]');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.locator('h2').textContent()).toBe(howToTitle);
    const items = await dialog.locator('li').allTextContents();
    expect(items).toHaveLength(6);
    const all = items.join(' ');
    for (const word of ['SYN', 'ACK', 'FIN', 'seq', 'ack', 'x+1']) expect(all).toContain(word);
    for (const v of VIEWPORTS) {
      await page.setViewportSize({ width: v.width, height: v.height });
      await page.waitForTimeout(200);
      // one screen: the dialog does not scroll, and its close button is in view
      const fits = await dialog.evaluate((d) => d.scrollHeight <= d.clientHeight + 1);
      const close = await box(page, '[data-testid="how-to-close"]');
      expect({ v: v.name, fits, closeInView: close.y + close.height <= v.height }).toEqual({
        v: v.name,
        fits: true,
        closeInView: true,
      });
    }
    await page.setViewportSize({ width: 1280, height: 720 });
    expect(await leftovers(page, lang)).toEqual([]);
    await screenshots(p, `how-to-${lang}`);
    await page.locator('[data-testid="how-to-close"]').click();
    await dialog.waitFor({ state: 'hidden' });
    // Escape closes it too
    await page.locator('[data-testid="how-to-open"]').click();
    await dialog.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });
});

test('no console errors', () => {
  for (const p of players) expect(p.errors).toEqual([]);
});
