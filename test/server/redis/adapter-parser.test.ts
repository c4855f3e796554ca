/**
 * The Redis adapter's message format: JSON text, read back from the Buffer Redis delivers; binary
 * data (which JSON would mangle) fails under jest instead of going out.
 */
import { adapterJsonParser } from '../../../server/redis/adapter-parser';

test('a broadcast goes out as JSON text and comes back from a Buffer as it was', () => {
  const broadcast = [
    'uid123',
    {
      type: 2,
      data: ['game:update', { gameId: 'g1', log: [{ t: 1, type: 'send' }], note: '三次握手' }],
      nsp: '/',
    },
    { rooms: ['seat:g1:client'], except: ['sock1'], flags: {} },
  ];
  const text = adapterJsonParser.encode(broadcast);
  expect(text.startsWith('["uid123",')).toBe(true);
  expect(adapterJsonParser.decode(Buffer.from(text, 'utf8'))).toEqual(broadcast);
  expect(adapterJsonParser.decode(text)).toEqual(broadcast);
});

test('binary data is refused under jest (JSON would turn it into an object of numbers)', () => {
  expect(() => adapterJsonParser.encode(['uid', { data: ['x', Buffer.from([1, 2])] }, {}])).toThrow(
    /JSON only/,
  );
  expect(() => adapterJsonParser.encode(['uid', { data: ['x', new Uint8Array(2)] }, {}])).toThrow(
    /JSON only/,
  );
});

test('a message that is not JSON fails to decode', () => {
  expect(() => adapterJsonParser.decode(Buffer.from([0x93, 0xa1, 0x78]))).toThrow(SyntaxError);
});
