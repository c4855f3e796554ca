/**
 * Two projects in one run (`npm test`): `memory` runs every test; `redis` runs the server tests
 * that go through the test harness a second time, with TEST_STORE=redis, so every game and teacher
 * test also passes on the Redis stores (a real redis-server per test file, see test/helpers/
 * test-redis.ts). The Redis-only tests (stores, scheduler, several nodes) are in `memory` already.
 */
const { readdirSync, readFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }],
};

/** The server test files that start servers through the harness (and so take TEST_STORE). */
function harnessTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // these already run against Redis (or are about it): once is enough
      if (!['redis', 'scale', 'stores'].includes(entry.name)) found.push(...harnessTests(path));
    } else if (entry.name.endsWith('.test.ts') && !entry.name.endsWith('.e2e.test.ts')) {
      if (/helpers\/server-harness['"]/.test(readFileSync(path, 'utf8'))) found.push(path);
    }
  }
  return found;
}

const common = {
  testEnvironment: 'node',
  transform,
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'memory',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      // browser tests run with jest.e2e.config.js (npm run test:e2e)
      testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.test\\.ts$'],
    },
    {
      ...common,
      displayName: 'redis',
      roots: ['<rootDir>/test/server'],
      testMatch: harnessTests(join(__dirname, 'test/server')).map(
        (p) => `<rootDir>/${relative(__dirname, p).split('\\').join('/')}`,
      ),
      setupFilesAfterEnv: ['<rootDir>/test/helpers/redis-store-setup.ts'],
    },
  ],
  reporters: ['default', '<rootDir>/test/helpers/summary-reporter.js'],
};
