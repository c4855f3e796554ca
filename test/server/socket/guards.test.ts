import { ManualClock } from '../../../server/clock';
import { newCode, CODE_ALPHABET } from '../../../server/match/private-codes';
import { payloadSize } from '../../../server/socket/payload-size';
import { originAllowed } from '../../../server/socket/origins';
import { TokenBucket } from '../../../server/socket/rate-limit';
import { PROTOCOL_TEXTS } from '../../../shared/i18n/protocol-texts';
import { SERVER_ERROR_CODES } from '../../../shared/protocol/events';

test('token bucket: a burst, then the refill rate', () => {
  const clock = new ManualClock(0);
  const b = new TokenBucket(clock, 10, 3);
  expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
  clock.advanceBy(99);
  expect(b.take()).toBe(false);
  clock.advanceBy(1);
  expect(b.take()).toBe(true);
  clock.advanceBy(10_000);
  expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
});

test('payload size is the JSON length, callbacks left out', () => {
  expect(payloadSize([{ a: 1 }, () => undefined])).toBe(7);
  expect(payloadSize([() => undefined])).toBe(0);
  expect(payloadSize(['x', 'y'])).toBe(9);
});

test.each([
  [undefined, 'a:1', null, true],
  ['http://localhost:5173', 'a:1', null, true],
  ['http://127.0.0.1', 'a:1', null, true],
  ['https://localhost:5173', 'a:1', null, false],
  ['http://localhost.evil.example', 'a:1', null, false],
  ['http://game.example:3000', 'game.example:3000', null, true],
  ['http://game.example:3000', 'game.example:3000', ['https://x.example'], true],
  ['https://x.example', 'a:1', ['https://x.example'], true],
  ['http://localhost:5173', 'a:1', ['https://x.example'], false],
  ['http://anything.example', 'a:1', ['*'], true],
  ['not a url', 'a:1', null, false],
])('origin %p with host %p and list %p: %p', (origin, host, list, expected) => {
  expect(originAllowed(origin, host, list)).toBe(expected);
});

test('private codes use only the alphabet without look-alikes', () => {
  expect(CODE_ALPHABET).not.toMatch(/[01IOL]/);
  for (let i = 0; i < 200; i++) expect(newCode()).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
});

test('every server error code has its texts', () => {
  for (const code of SERVER_ERROR_CODES) {
    for (const lang of ['zh-CN', 'en'] as const) expect(PROTOCOL_TEXTS[lang][code].length).toBeGreaterThan(0);
  }
});
