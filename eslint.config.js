import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const shellModules = ['botbuilder', 'botbuilder-*', 'restify', 'lowdb', 'lowdb/*', 'pino', 'node:fs', 'node:fs/*', 'fs', 'fs/*'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The functional core stays free of the bot SDK, the web server and I/O.
    files: ['src/domain/**/*.ts', 'src/cards/**/*.ts', 'src/texts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: shellModules.map((group) => ({
            group: [group],
            message: 'Pure modules take plain data: no SDK, server or file system here.',
          })),
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'bench/**/*.ts', 'test/eval/report.ts'],
    rules: { 'no-console': 'off' },
  },
);
