/**
 * The summary's "download for Wireshark" button in the browser: a practice handshake against the
 * bot, in Chinese, ends on the summary; the button saves the game as a pcapng file named after the
 * scenario and the date, which the shared reader reads as the game's three segments, the replay
 * judges with no refusal, and whose comments are in Chinese. Then a teacher, in English, saves the
 * game a student is playing from the spectator view.
 */
import { readFileSync } from 'node:fs';
import { readCapture } from '../../shared/trace/pcap-reader';
import { replayTrace } from '../../shared/trace/replay';
import { E2E, type Player } from '../helpers/browser-harness';
import { leftovers, play, record, waitCanAct, waitScreen, waitState } from '../helpers/browser-ui';

/** The downloaded file's bytes, read as captures: one connection, nothing skipped. */
async function capturedTrace(bytes: Buffer, name: string) {
  const read = readCapture(new Uint8Array(bytes), name);
  expect(read.skipped).toEqual([]);
  expect(read.streams).toHaveLength(1);
  return read.streams[0]!.trace;
}

const e2e = new E2E();
let mei: Player;

beforeAll(async () => {
  await e2e.start({ botDelayMs: 200 });
  mei = await e2e.player('mei', 'zh-CN');
});

afterAll(async () => {
  await e2e.close();
});

test('a finished game downloads as pcapng from the summary, its comments in the player language', async () => {
  const page = mei.page;
  await page.locator('[data-testid="practice-scenario"]').selectOption('three-way-handshake');
  await page.locator('[data-testid="practice-role"]').selectOption('client');
  await page.locator('[data-testid="start-practice"]').click();
  await waitScreen(page, 'game');
  // a SYN reaching a server that is not listening yet is refused: wait until the bot listens
  await page
    .locator('[data-testid="record"] tr[data-field="peerState"] td[data-state="LISTEN"]')
    .waitFor({ state: 'attached' });
  await play(page, { flags: ['SYN'], seq: 1000 });
  await waitState(page, 'ESTABLISHED');
  await waitCanAct(page);
  await play(page, { flags: ['ACK'], seq: 1001, ack: (await record(page)).rcvNxt });
  await waitScreen(page, 'summary');

  const button = page.locator('[data-testid="capture-download"]');
  expect(await button.textContent()).toBe('下载 Wireshark 抓包');
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const name = download.suggestedFilename();
  expect(name).toMatch(/^handshake-arena-three-way-handshake-\d{4}-\d{2}-\d{2}\.pcapng$/);
  await page.locator('[data-testid="summary-message"]', { hasText: name }).waitFor();
  const bytes = readFileSync(await download.path());
  const trace = await capturedTrace(bytes, name);
  expect(trace.segments.map((s) => [s.from, s.flags.join(','), s.seq])).toEqual([
    ['client', 'SYN', 1000],
    ['server', 'SYN,ACK', trace.segments[1]!.seq],
    ['client', 'ACK', 1001],
  ]);
  const r = replayTrace(trace);
  expect(r.firstRejected).toBeNull();
  expect([r.clientFinal, r.serverFinal]).toEqual(['ESTABLISHED', 'ESTABLISHED']);
  expect(bytes.toString('utf8')).toContain('#1 客户端 → 服务器 SYN seq=1000');
  expect(await leftovers(page, 'zh-CN')).toEqual([]);
  expect(mei.errors).toEqual([]);
});

test("the teacher saves a pair's game from the spectator view", async () => {
  const teacher = await e2e.player('teacher', 'en-US', { width: 1600, height: 1000 }, 1, {
    path: '/host',
    ready: '[data-testid="create-class"]',
  });
  await teacher.page.locator('[data-testid="create-class"]').click();
  const shown = teacher.page.locator('[data-testid="join-code-display"]');
  await shown.waitFor();
  const code = ((await shown.textContent()) ?? '').trim();
  const ann = await e2e.player('ann', 'en-US', { width: 1280, height: 720 }, 1, {
    path: `/join/${code}`,
    ready: '[data-testid="join-nickname"]',
  });
  await ann.page.locator('[data-testid="join-nickname"]').fill('Ann');
  await ann.page.locator('[data-testid="join-submit"]').click();
  await ann.page.locator('[data-testid="class-lobby"]').waitFor();
  await teacher.page.locator('[data-testid="roster"] li', { hasText: 'Ann' }).waitFor();
  await teacher.page.locator('[data-testid="auto-pair"]').click();
  await teacher.page.locator('[data-testid="planned-pairs"] li', { hasText: 'Ann' }).waitFor();
  await teacher.page.locator('[data-testid="round-start"]').click();
  await waitScreen(ann.page, 'game');
  // Ann plays her side of the handshake against the bot until a segment is on the wire
  await waitCanAct(ann.page);
  // her side, from the game screen's goal line
  if (!/client/.test((await ann.page.locator('.goal summary').textContent()) ?? '')) {
    await ann.page.locator('[data-testid="call-listen"]').click();
    await waitState(ann.page, 'SYN_RCVD');
  } else {
    await play(ann.page, { flags: ['SYN'], seq: 1000 });
  }
  await teacher.page.locator('[data-testid="pair-card"] [data-testid="watch"]').click();
  const spec = teacher.page.locator('[data-testid="spectator"]');
  await spec.waitFor();
  const button = spec.locator('[data-testid="capture-download"]');
  expect(await button.textContent()).toBe('Download for Wireshark');
  const [download] = await Promise.all([teacher.page.waitForEvent('download'), button.click()]);
  const name = download.suggestedFilename();
  expect(name).toMatch(/^handshake-arena-three-way-handshake-\d{4}-\d{2}-\d{2}\.pcapng$/);
  const bytes = readFileSync(await download.path());
  const trace = await capturedTrace(bytes, name);
  expect(trace.segments[0]).toMatchObject({ from: 'client', flags: ['SYN'] });
  // the comments are in the teacher's language
  expect(bytes.toString('utf8')).toContain('#1 client → server SYN');
  expect(teacher.errors).toEqual([]);
});
