/**
 * Redis commands per move from INFO commandstats: the parser against a real redis-server's reply,
 * and the arithmetic on hand-made counts.
 */
import {
  commandsPerMove,
  formatCommandsPerMove,
  parseCommandStats,
  readCommandCounts,
} from '../../bench/load/redis-commands';
import { closeTestRedis, freshPrefix, testRedisConnection, testRedisServer } from '../helpers/test-redis';

afterAll(closeTestRedis);

test('the counts of a real redis-server grow by the commands sent', async () => {
  const server = await testRedisServer();
  const redis = await testRedisConnection();
  const key = `${freshPrefix()}k`;
  const before = await readCommandCounts(server.url);
  await redis.set(key, '1');
  await Promise.all([redis.get(key), redis.get(key), redis.hgetall(key + 'h')]);
  const after = await readCommandCounts(server.url);
  const per = commandsPerMove(before, after, 1)!;
  expect(per.byCommand.get).toBe(2);
  expect(per.byCommand.set).toBe(1);
  expect(per.byCommand.hgetall).toBe(1);
  // the reading itself (INFO) is counted as well: one between the two readings
  expect(per.byCommand.info).toBe(1);
  expect(per.total).toBe(5);
});

test('per move, most frequent first; nothing without moves', () => {
  const before = parseCommandStats(
    '# Commandstats\r\ncmdstat_get:calls=10,usec=5\r\ncmdstat_publish:calls=4,usec=1\r\n',
  );
  const after = parseCommandStats(
    '# Commandstats\r\ncmdstat_get:calls=14,usec=9\r\ncmdstat_publish:calls=12,usec=3\r\ncmdstat_evalsha:calls=2,usec=3\r\n',
  );
  const per = commandsPerMove(before, after, 4)!;
  expect(per.total).toBe(3.5);
  expect(Object.keys(per.byCommand)).toEqual(['publish', 'get', 'evalsha']);
  expect(formatCommandsPerMove(per)).toBe('3.50 (publish 2.00, get 1.00, evalsha 0.50)');
  expect(commandsPerMove(before, after, 0)).toBeNull();
});
