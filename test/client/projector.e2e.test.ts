/**
 * Projector mode, in Chromium: the teacher watches a pair and opens the projector (the ladder with
 * both timelines, labelled arrows and states, both hosts' states); freezes the pair once the SYN
 * has arrived (the students' games pause), the big screen asks what the server should send now,
 * the reveal shows SYN,ACK and why; unfrozen, the pair plays the game to its end (TIME_WAIT's 2MSL
 * bracket) and the teacher replays it step by step. At 1920x1080 and 1280x720 in English and
 * Chinese, no text of the projector is smaller than 24 px / 18 px. Screenshots.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { readCapture } from '../../shared/trace/pcap-reader';
import { replayTrace } from '../../shared/trace/replay';
import {
  checkSizes as checkProjectorSizes,
  overlappingLabels,
  playToEnd,
  ProjectorClass,
} from '../helpers/projector-page';
import { leftovers, switchLang } from '../helpers/browser-ui';
import type { TestClient } from '../helpers/server-harness';

const room = new ProjectorClass();
let ann: TestClient;
let bo: TestClient;

beforeAll(() => room.start());
afterAll(() => room.close());

/** At both projector sizes: no small text in the projector, no label over another, and a screenshot. */
async function checkSizes(page: Page, shot: string): Promise<void> {
  await checkProjectorSizes(page, '[data-testid="projector"]', shot, async (size) => {
    expect({ size, overlaps: await overlappingLabels(page) }).toEqual({ size, overlaps: [] });
  });
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
  const page = room.teacher.page;
  await room.create();
  ann = await room.student('Ann');
  bo = await room.student('Bo');
  // a third student plays the bot and never moves: the round runs on once Ann and Bo are done
  await room.student('Cy');
  await page.locator('[data-testid="roster"] li', { hasText: 'Cy' }).waitFor();
  await room.startRound();
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
  const page = room.teacher.page;
  const proj = page.locator('[data-testid="projector"]');
  // a busy ladder: the network copies the client's next segment and holds the server's, so
  // arrows cross and their labels crowd together
  await closeAll(page);
  const card = page.locator('[data-testid="pair-card"][data-pair="pair-1"]');
  for (const [side, action] of [
    ['client', 'duplicate'],
    ['server', 'delay'],
  ] as const) {
    const net = card.locator(`[data-testid="seat-net"][data-side="${side}"]`);
    await net.locator(`[data-testid="arm-${action}"]`).click();
    await net.locator('[data-testid="armed"][data-fired="false"]').waitFor();
  }
  await openProjector(page);
  await playToEnd([ann, bo]);
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
  // the finished game downloads for Wireshark from the projector too: the pair's whole game
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    proj.locator('[data-testid="capture-download"]').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^handshake-arena-.+\.pcapng$/);
  const read = readCapture(new Uint8Array(readFileSync((await download.path())!)), 'projector');
  expect(read.skipped).toEqual([]);
  expect(read.streams).toHaveLength(1);
  expect(replayTrace(read.streams[0]!.trace).firstRejected).toBeNull();
  expect(room.teacher.errors).toEqual([]);
});
