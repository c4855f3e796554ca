/**
 * End-to-end tests of the browser client: real headless Chromium (Debian's /usr/bin/chromium) driven
 * by playwright-core, against a real game server started in the test process. `npm run test:e2e`
 * builds the client first. One file at a time: each opens a browser and a server.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/client'],
  testMatch: ['**/*.e2e.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  maxWorkers: 1,
  testTimeout: 180000,
  reporters: ['default', '<rootDir>/test/helpers/summary-reporter.js'],
};
