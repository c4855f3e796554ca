/**
 * One player practises against the bot with hints on, start to finish, in the browser: the preview
 * refuses a wrong segment before it is sent (the shared judge in the page), each move is taken from
 * the hint and sent from the composer, and the round ends on the summary with the goal met.
 */
import { E2E, type Player } from '../helpers/browser-harness';
import { canAct, compose, leftovers, waitScreen, waitState, waitVerdict } from '../helpers/browser-ui';

const e2e = new E2E();
let pat: Player;

beforeAll(async () => {
  // the bot waits a little before each segment, so a hint is not overtaken by the next arrival
  // while the test is still typing it in
  await e2e.start({ botDelayMs: 1200 });
  // a phone: small, upright, three device pixels per CSS pixel
  pat = await e2e.player('pat', 'en-US', { width: 390, height: 844 }, 3);
});

afterAll(async () => {
  await e2e.close();
});

test('a practice game against the bot, played from the hints to the end', async () => {
  const page = pat.page;
  await page.locator('[data-testid="practice-scenario"]').selectOption('client-closes-first');
  await page.locator('[data-testid="practice-role"]').selectOption('client');
  await page.locator('[data-testid="practice-level"]').selectOption('partner');
  await page.locator('[data-testid="practice-hints"]').check();
  await page.locator('[data-testid="start-practice"]').click();
  await waitScreen(page, 'game');
  expect(await leftovers(page, 'en')).toEqual([]);
  // a SYN reaching a server that is not listening yet is refused: wait until the bot listens
  await page
    .locator('[data-testid="record"] tr[data-field="peerState"] td[data-state="LISTEN"]')
    .waitFor({ state: 'attached' });

  // the preview judges what is being typed: a SYN carrying ACK is refused before it is sent
  await page.locator('[data-testid="composer"] input[data-flag="SYN"]').click();
  await page.locator('[data-testid="composer"] input[data-flag="ACK"]').click();
  await page.locator('[data-testid="composer-seq"]').fill('1000');
  await page.locator('[data-testid="composer-ack"]').fill('1');
  await page.locator('[data-testid="preview"][data-kind="refused"]').waitFor();
  expect(await page.locator('[data-testid="preview"]').textContent()).toMatch(/refused because/);
  await page.locator('[data-testid="composer"] input[data-flag="ACK"]').click();
  await page.locator('[data-testid="composer-ack"]').fill('');
  await page.locator('[data-testid="preview"][data-kind="right"]').waitFor();

  // then every move from the hint, until the round is over
  const end = Date.now() + 90000;
  let moves = 0;
  while ((await page.locator('body').getAttribute('data-screen')) === 'game') {
    if (Date.now() > end) {
      const log = await page.locator('[data-testid="log"] li .line').allTextContents();
      const status = await page.locator('[data-testid="turn-status"]').textContent();
      throw new Error(`the practice game did not end: ${status}\n${log.slice(-12).join('\n')}`);
    }
    if (!(await canAct(page))) {
      await page.waitForTimeout(150);
      continue;
    }
    await page.locator('[data-testid="hint-button"]').click();
    const use = page.locator('[data-testid="hint"] [data-testid="use-hint"]').first();
    await use.waitFor();
    const move = ((await page.locator('[data-testid="hint"] li code').first().textContent()) ?? '').trim();
    await use.click();
    if (move.endsWith('()')) {
      // an application call: the hint points at its button
      await page.locator(`[data-testid="call-${move.slice(0, -2)}"]`).click();
      await waitVerdict(page, 'ok', move);
    } else {
      await page
        .locator('[data-testid="preview"][data-kind="right"]')
        .waitFor({ timeout: 5000 })
        .catch(async (e: unknown) => {
          const log = await page.locator('[data-testid="log"] li .line').allTextContents();
          throw new Error(
            `hint ${move}: preview "${await page.locator('[data-testid="preview"]').textContent()}"\n${log.slice(-8).join('\n')}`,
            { cause: e },
          );
        });
      await page.locator('[data-testid="send"]').click();
      await waitVerdict(page, 'ok', move);
    }
    moves++;
    if (moves === 1) {
      // a reload resumes the session (its token is in localStorage) and the game with it
      await waitState(page, 'SYN_SENT');
      await page.reload();
      await waitScreen(page, 'game');
      await page.locator('[data-testid="log"] li').first().waitFor({ state: 'attached' });
      expect(await page.locator('[data-testid="log"]').textContent()).toContain('SYN seq=');
    }
  }
  await waitScreen(page, 'summary');
  expect(await page.locator('[data-testid="goal-result"]').getAttribute('data-met')).toBe('true');
  expect(Number(await page.locator('[data-testid="stat-mistakes"] dd').textContent())).toBe(0);
  expect(moves).toBeGreaterThanOrEqual(4);
  expect(await leftovers(page, 'en')).toEqual([]);
  expect(pat.errors).toEqual([]);
});

test('a wrong move is refused with its explanation, and the log keeps it', async () => {
  const page = pat.page;
  await page.locator('[data-testid="home"]').click();
  await waitScreen(page, 'home');
  await page.locator('[data-testid="practice-scenario"]').selectOption('three-way-handshake');
  await page.locator('[data-testid="practice-role"]').selectOption('server');
  await page.locator('[data-testid="start-practice"]').click();
  await waitScreen(page, 'game');
  await page.locator('[data-testid="call-listen"]').click();
  await waitState(page, 'SYN_RCVD');
  // the SYN,ACK must acknowledge the SYN's number plus one: answering with IRS itself is refused
  const irs = Number(
    await page.locator('[data-testid="record"] tr[data-field="irs"] td').getAttribute('data-value'),
  );
  await compose(page, { flags: ['SYN', 'ACK'], seq: 7000, ack: irs });
  const text = await waitVerdict(page, 'refused');
  expect(text).toContain(String(irs + 1));
  const why = (await page.locator('[data-testid="verdict-explain"]').textContent()) ?? '';
  expect(why).toMatch(/^Why: .{40,}/);
  const logged = page.locator('[data-testid="log"] li[data-tone="refused"]');
  await logged.first().waitFor({ state: 'attached' });
  expect(await logged.first().locator('details .explain').textContent()).toBe(why.replace(/^Why: /, ''));
  expect(pat.errors).toEqual([]);
});
