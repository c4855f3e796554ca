/**
 * The console's join link on a LAN (client/src/class/lan-link.ts): which page addresses no phone
 * can open, which address is used (the teacher's pick while it is still offered, else the
 * likeliest), and the link made with the page's own protocol and port.
 */
import type { LanAddress } from '../../shared/protocol/events';
import { isLoopbackHostname, lanJoinLink, pickAddress } from '../../client/src/class/lan-link';

const WIFI: LanAddress = { name: 'wlan0', address: '192.168.31.20', virtual: false };
const DOCKER: LanAddress = { name: 'docker0', address: '172.17.0.1', virtual: true };

test.each([
  ['localhost', true],
  ['LOCALHOST', true],
  ['app.localhost', true],
  ['127.0.0.1', true],
  ['127.1.2.3', true],
  ['[::1]', true],
  ['::1', true],
  ['192.168.31.20', false],
  ['arena.school.example', false],
  ['127.example.org', false],
  ['0.0.0.0', false],
])('isLoopbackHostname(%s) is %s', (host, loopback) => {
  expect(isLoopbackHostname(host)).toBe(loopback);
});

test('the address picked: the remembered one while offered, else the first; none without addresses', () => {
  expect(pickAddress([WIFI, DOCKER], null)).toBe(WIFI);
  expect(pickAddress([WIFI, DOCKER], '172.17.0.1')).toBe(DOCKER);
  expect(pickAddress([WIFI, DOCKER], '10.0.0.9')).toBe(WIFI);
  expect(pickAddress([], '172.17.0.1')).toBeNull();
});

test("the link keeps the page's protocol and port", () => {
  expect(lanJoinLink({ protocol: 'http:', port: '3000' }, '192.168.31.20', 'AB7K9X')).toBe(
    'http://192.168.31.20:3000/join/AB7K9X',
  );
  expect(lanJoinLink({ protocol: 'https:', port: '' }, '10.0.0.5', 'AB7K9X')).toBe(
    'https://10.0.0.5/join/AB7K9X',
  );
});
