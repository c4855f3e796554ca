import { DEFAULT_SETTINGS } from '../../shared/game/game-types';
import { defaultConfig, loadConfig } from '../../server/config';

describe('loadConfig', () => {
  test('every variable unset gives the defaults', () => {
    const c = defaultConfig();
    expect(c).toMatchObject({
      port: 3000,
      logLevel: 'info',
      rateLimitPerSec: 20,
      rateLimitBurst: 40,
      maxPayloadBytes: 4096,
      allowedOrigins: null,
      sessionGraceMs: 120_000,
      settings: DEFAULT_SETTINGS,
    });
    // Socket.IO's own limit is above the per-event one, so a too large event is answered, not cut off
    expect(c.maxHttpBufferSize).toBeGreaterThan(c.maxPayloadBytes);
  });

  test('values are read and converted; empty means unset', () => {
    const r = loadConfig({
      PORT: ' 8080 ',
      LOG_LEVEL: 'silent',
      ALLOWED_ORIGINS: 'https://a.example, http://b.example:8080/ ,',
      FLIGHT_MS: '500',
      BOT_DELAY_MS: '0',
      RATE_LIMIT_BURST: '',
    });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.config).toMatchObject({
      port: 8080,
      logLevel: 'silent',
      allowedOrigins: ['https://a.example', 'http://b.example:8080'],
      rateLimitBurst: 40,
    });
    expect(r.config.settings).toMatchObject({ flightMs: 500, botDelayMs: 0 });
  });

  test.each([
    [{ PORT: 'abc' }, /^PORT must be a whole number from 0 to 65535 \(got "abc"\)$/],
    [{ PORT: '70000' }, /^PORT must be a whole number from 0 to 65535 \(got "70000"\)$/],
    [{ PORT: '3000.5' }, /^PORT /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of fatal, error/],
    [{ RATE_LIMIT_PER_SEC: '0' }, /^RATE_LIMIT_PER_SEC /],
    [{ MAX_PAYLOAD_BYTES: '-1' }, /^MAX_PAYLOAD_BYTES /],
    [{ ALLOWED_ORIGINS: 'localhost:3000' }, /^ALLOWED_ORIGINS must be a comma-separated list of origins/],
    [{ TURN_MS: 'soon' }, /^TURN_MS /],
    [{ FLIGHT_MS: '4000' }, /RTO_MS must be longer than a round trip \(2 x FLIGHT_MS\)/],
    [{ MSL_MS: '100' }, /TIME_WAIT \(2 x MSL_MS\) must outlast a retransmission/],
  ])('%p is refused with a message naming the variable', (env, message) => {
    const r = loadConfig(env);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.some((e) => message.test(e))).toBe(true);
  });

  test('REDIS_URL and REDIS_PREFIX: unset means one node in memory; set, they are checked', () => {
    expect(defaultConfig()).toMatchObject({ redisUrl: null, redisPrefix: 'ha:v1:' });
    const r = loadConfig({ REDIS_URL: ' redis://:pw@redis:6379/0 ', REDIS_PREFIX: 'school-a:' });
    expect(r.ok && [r.config.redisUrl, r.config.redisPrefix]).toEqual([
      'redis://:pw@redis:6379/0',
      'school-a:',
    ]);
    expect(loadConfig({ REDIS_URL: 'rediss://cache.example:6380' }).ok).toBe(true);
  });

  test('NODE_TIMEOUT_MS: 10 s unless set, from 1 s to 10 min', () => {
    expect(defaultConfig().nodeTimeoutMs).toBe(10_000);
    const r = loadConfig({ NODE_TIMEOUT_MS: '1500' });
    expect(r.ok && r.config.nodeTimeoutMs).toBe(1500);
  });

  test.each([
    ['REDIS_URL', 'http://redis:6379'],
    ['REDIS_URL', 'redis-host:6379'],
    ['REDIS_PREFIX', 'has space'],
    ['REDIS_PREFIX', 'x'.repeat(65)],
    ['NODE_TIMEOUT_MS', '999'],
    ['NODE_TIMEOUT_MS', '600001'],
    ['NODE_TIMEOUT_MS', '5s'],
  ])('%s=%p is refused, naming the variable', (name, value) => {
    const r = loadConfig({ [name]: value });
    expect(r.ok ? [] : r.errors).toEqual([expect.stringMatching(new RegExp(`^${name} must be`))]);
  });

  test('a refused REDIS_URL is shown without its password', () => {
    const r = loadConfig({ REDIS_URL: 'http://user:s3cret@redis:6379' });
    expect(r.ok ? '' : r.errors.join()).toContain('user:***@');
    expect(r.ok ? '' : r.errors.join()).not.toContain('s3cret');
  });

  test('TRUST_PROXY: off unless set to true or 1; anything else is refused', () => {
    expect(defaultConfig().trustProxy).toBe(false);
    for (const [v, want] of [
      ['true', true],
      ['1', true],
      ['false', false],
      ['0', false],
    ] as const) {
      const r = loadConfig({ TRUST_PROXY: v });
      expect([v, r.ok && r.config.trustProxy]).toEqual([v, want]);
    }
    const bad = loadConfig({ TRUST_PROXY: 'yes' });
    expect(bad.ok ? [] : bad.errors).toEqual([expect.stringMatching(/^TRUST_PROXY must be true or false/)]);
  });

  test('every problem is reported, not just the first', () => {
    const r = loadConfig({ PORT: 'x', LOG_LEVEL: 'y' });
    expect(r.ok ? [] : r.errors.map((e) => e.split(' ')[0])).toEqual(['PORT', 'LOG_LEVEL']);
  });
});
