/**
 * Two players in two browser pages play a whole connection through the interface: a private room
 * (created in Chinese, joined in English), the handshake, the client closing first, the server's
 * last 7 bytes in CLOSE_WAIT, both FINs, TIME_WAIT's 2MSL, and the round summary. On the way: a wrong
 * move shows its explanation, each screen speaks only the chosen language (also after switching in
 * the middle of the game), screenshots of every screen at three window sizes, no console errors.
 * Then a rematch with the roles swapped, and a quick match.
 */
import { E2E, screenshots, type Player } from '../helpers/browser-harness';
import {
  compose,
  leftovers,
  play,
  record,
  switchLang,
  waitCanAct,
  waitScreen,
  waitState,
  waitVerdict,
} from '../helpers/browser-ui';

const e2e = new E2E();
let alice: Player; // the client, in Chinese
let bob: Player; // the server, in English

beforeAll(async () => {
  await e2e.start();
  alice = await e2e.player('alice', 'zh-CN');
  bob = await e2e.player('bob', 'en-US');
});

afterAll(async () => {
  await e2e.close();
});

test('the home screen speaks the browser language, and the switch changes every word', async () => {
  expect(await leftovers(alice.page, 'zh-CN')).toEqual([]);
  expect(await leftovers(bob.page, 'en')).toEqual([]);
  await switchLang(alice.page, 'en');
  expect(await leftovers(alice.page, 'en')).toEqual([]);
  await switchLang(alice.page, 'zh-CN');
  expect(await leftovers(alice.page, 'zh-CN')).toEqual([]);
  // the class card asks for the code before anything else (class.e2e.test.ts joins classes)
  await alice.page.locator('[data-testid="join-class"]').click();
  await alice.page.locator('[data-testid="class-message"]', { hasText: /请输入班级码/ }).waitFor();
  await screenshots(alice, 'home');
  await screenshots(bob, 'home-en');
});

test('a private room, a whole handshake and teardown, and the summary', async () => {
  // Alice creates a room for "client closes first" and plays the client
  await alice.page.locator('[data-testid="private-scenario"]').selectOption('client-closes-first');
  await alice.page.locator('[data-testid="private-role"]').selectOption('client');
  await alice.page.locator('[data-testid="create-room"]').click();
  await waitScreen(alice.page, 'waiting');
  const code = ((await alice.page.locator('[data-testid="room-code-display"]').textContent()) ?? '').trim();
  expect(code).toMatch(/^[A-Z0-9]{4,12}$/);
  expect(await leftovers(alice.page, 'zh-CN')).toEqual([]);
  await screenshots(alice, 'waiting');

  // Bob joins with the code
  await bob.page.locator('[data-testid="room-code"]').fill(code);
  await bob.page.locator('[data-testid="join-room"]').click();
  await waitScreen(bob.page, 'game');
  await waitScreen(alice.page, 'game');
  expect(await leftovers(alice.page, 'zh-CN')).toEqual([]);
  expect(await leftovers(bob.page, 'en')).toEqual([]);

  // the server listens (an application call)
  await waitCanAct(bob.page);
  await bob.page.locator('[data-testid="call-listen"]').click();
  await waitState(bob.page, 'LISTEN');

  // the client's SYN, composed with the keyboard only: Alt+S, the number, Enter
  await waitCanAct(alice.page);
  await play(alice.page, { flags: ['SYN'], seq: 1000 }, 'keyboard');
  await waitState(alice.page, 'SYN_SENT');

  // a wrong SYN,ACK (ack one short) is refused with its explanation
  await waitState(bob.page, 'SYN_RCVD');
  await waitCanAct(bob.page);
  await compose(bob.page, { flags: ['SYN', 'ACK'], seq: 5000, ack: 1000 });
  const refusal = await waitVerdict(bob.page, 'refused');
  expect(refusal).toMatch(/1001/);
  const explain = (await bob.page.locator('[data-testid="verdict-explain"]').textContent()) ?? '';
  expect(explain.length).toBeGreaterThan(40);
  expect(await bob.page.locator('[data-testid="composer-ack"]').getAttribute('aria-invalid')).toBe('true');
  // then the right one, with the numbers from the record
  const b1 = await record(bob.page);
  expect(b1.rcvNxt).toBe(1001);
  await play(bob.page, { flags: ['SYN', 'ACK'], seq: 5000, ack: b1.rcvNxt });

  // the client completes the handshake, then closes
  await waitState(alice.page, 'ESTABLISHED');
  await waitCanAct(alice.page);
  let a = await record(alice.page);
  await play(alice.page, { flags: ['ACK'], seq: a.sndNxt, ack: a.rcvNxt });
  await screenshots(alice, 'game');
  await screenshots(bob, 'game-en');

  // switching language in the middle of the game changes every word and keeps the game going
  await switchLang(alice.page, 'en');
  expect(await leftovers(alice.page, 'en')).toEqual([]);
  await switchLang(alice.page, 'zh-CN');
  expect(await leftovers(alice.page, 'zh-CN')).toEqual([]);
  await waitCanAct(alice.page);
  a = await record(alice.page);
  await play(alice.page, { flags: ['FIN', 'ACK'], seq: a.sndNxt, ack: a.rcvNxt });
  await waitState(alice.page, 'FIN_WAIT_1');

  // the server: ACK of the FIN (CLOSE_WAIT), 7 more bytes, then its own FIN
  await waitState(bob.page, 'CLOSE_WAIT');
  await waitCanAct(bob.page);
  let b = await record(bob.page);
  await play(bob.page, { flags: ['ACK'], seq: b.sndNxt, ack: b.rcvNxt });
  await waitCanAct(bob.page);
  b = await record(bob.page);
  await play(bob.page, { flags: ['PSH', 'ACK'], seq: b.sndNxt, ack: b.rcvNxt, len: 7 }, 'keyboard');
  await waitCanAct(bob.page);
  b = await record(bob.page);
  await play(bob.page, { flags: ['FIN', 'ACK'], seq: b.sndNxt, ack: b.rcvNxt });
  await waitState(bob.page, 'LAST_ACK');

  // the client waits for the server's FIN (after the data), acknowledges both at once, and waits out 2MSL
  await waitState(alice.page, 'TIME_WAIT');
  await waitCanAct(alice.page);
  a = await record(alice.page);
  expect(a.rcvNxt).toBe(5009);
  await play(alice.page, { flags: ['ACK'], seq: a.sndNxt, ack: a.rcvNxt });
  await screenshots(alice, 'game-time-wait');
  await waitState(bob.page, 'CLOSED');

  // a second tab of Alice's, drawn from the whole view, lists the same log as her first tab, which
  // put together the new entries every update carried
  const tab = await alice.context.newPage();
  await tab.goto(alice.page.url());
  await waitScreen(tab, 'game');
  const log = async (page: typeof tab) => {
    const list = page.locator('[data-testid="log"]');
    return { lines: await list.locator('li').count(), text: await list.innerText() };
  };
  let first = await log(alice.page);
  let second = await log(tab);
  // an update may land on one tab before the other: look again until both have it
  for (let i = 0; i < 50 && first.text !== second.text; i++) {
    await tab.waitForTimeout(100);
    [first, second] = [await log(alice.page), await log(tab)];
  }
  expect(first.lines).toBeGreaterThan(10);
  expect(second).toEqual(first);
  await tab.close();

  // the summary: goal met for both; Bob's one mistake is explained
  await waitScreen(alice.page, 'summary');
  await waitScreen(bob.page, 'summary');
  expect(await alice.page.locator('[data-testid="goal-result"]').getAttribute('data-met')).toBe('true');
  expect(await bob.page.locator('[data-testid="goal-result"]').getAttribute('data-met')).toBe('true');
  await expect(alice.page.locator('[data-testid="no-mistakes"]').count()).resolves.toBe(1);
  const mistakes = bob.page.locator('[data-testid="mistakes"] li');
  await expect(mistakes.count()).resolves.toBe(1);
  expect(await mistakes.first().textContent()).toMatch(/1001/);
  expect(await leftovers(alice.page, 'zh-CN')).toEqual([]);
  expect(await leftovers(bob.page, 'en')).toEqual([]);
  await screenshots(alice, 'summary');
  await screenshots(bob, 'summary-en');

  // a rematch, once both ask for it, swaps the roles
  await alice.page.locator('[data-testid="rematch"]').click();
  await alice.page.locator('[data-testid="summary-message"]', { hasText: /再来一局/ }).waitFor();
  await bob.page.locator('[data-testid="rematch"]').click();
  await waitScreen(alice.page, 'game');
  await waitScreen(bob.page, 'game');
  expect(await alice.page.locator('.goal summary').textContent()).toContain('服务器');
  expect(await bob.page.locator('.goal summary').textContent()).toContain('client');

  // and leaving brings both home
  await alice.page.locator('[data-testid="leave"]').click();
  await waitScreen(alice.page, 'home');
  await bob.page.locator('[data-testid="leave"]').click();
  await waitScreen(bob.page, 'home');
});

test('quick match: the first waits, the second is paired with it, and both can leave', async () => {
  await alice.page.locator('[data-testid="quick-match"]').click();
  await waitScreen(alice.page, 'waiting');
  expect(await leftovers(alice.page, 'zh-CN')).toEqual([]);
  await bob.page.locator('[data-testid="quick-match"]').click();
  await waitScreen(bob.page, 'game');
  await waitScreen(alice.page, 'game');
  // both start CLOSED, one as the client and one as the server
  expect((await record(alice.page)).state).toBe('CLOSED');
  expect((await record(bob.page)).state).toBe('CLOSED');
  const aliceIsClient = ((await alice.page.locator('.goal summary').textContent()) ?? '').includes('客户端');
  const bobIsClient = ((await bob.page.locator('.goal summary').textContent()) ?? '').includes('client');
  expect(aliceIsClient).not.toBe(bobIsClient);
  await alice.page.locator('[data-testid="leave"]').click();
  await waitScreen(alice.page, 'home');
  await bob.page.locator('[data-testid="leave"]').click();
  await waitScreen(bob.page, 'home');
});

test('no console errors on either page', () => {
  expect(alice.errors).toEqual([]);
  expect(bob.errors).toEqual([]);
});
