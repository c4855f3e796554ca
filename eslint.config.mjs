import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'test-output/', 'client/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The rules are shared by the browser and the server: keep them free of platform code.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'fs',
            'path',
            'os',
            'net',
            'http',
            'https',
            'crypto',
            'events',
            'child_process',
            'stream',
            'util',
          ].map((name) => ({ name, message: 'shared/ must not import Node modules' })),
          patterns: [
            { group: ['node:*'], message: 'shared/ must not import Node modules' },
            {
              group: ['socket.io*', 'ioredis', 'express', 'phaser', 'pino*'],
              message: 'shared/ must not import transport, storage or rendering libraries',
            },
            {
              group: ['**/server/**', '**/client/**'],
              message: 'shared/ must not import server or client code',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
