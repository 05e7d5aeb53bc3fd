import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const shellModules = ['botbuilder', 'botbuilder-*', 'restify', 'lowdb', 'lowdb/*', 'pino', 'node:fs', 'node:fs/*', 'fs', 'fs/*'];
const pure = shellModules.map((group) => ({
  group: [group],
  message: 'Pure modules take plain data: no SDK, server or file system here.',
}));

/**
 * The folders of src/ and what each may import from the others (docs/architecture.md draws it):
 * a relative import that leaves the folder must go to one of `allowed` (folders, or files at the
 * root of src/ such as config.js).
 */
function layer(folder, allowed, { isPure = false } = {}) {
  const folders = allowed.filter((target) => !target.endsWith('.js')).map((target) => `${target}/`);
  const files = allowed.filter((target) => target.endsWith('.js')).map((target) => `${target.replace('.', '\\.')}$`);
  // From src/<folder>/: "../x" is another folder of src/, "../../x" the project root (dialogs/).
  const leaving = `^\\.\\./(?!${['\\.\\./', ...folders, ...files].join('|')})|^\\.\\./\\.\\./(?!${folders.includes('dialogs/') ? 'dialogs/' : '$^'})`;
  return {
    files: [`${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(isPure ? pure : []),
            { regex: leaving, message: `${folder} may import only from: ${allowed.join(', ') || 'nothing else'} (docs/architecture.md).` },
          ],
        },
      ],
    },
  };
}

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
  // The functional core stays free of the bot SDK, the web server and I/O.
  layer('src/domain', [], { isPure: true }),
  layer('src/texts', ['domain'], { isPure: true }),
  layer('src/cards', ['domain', 'texts'], { isPure: true }),
  layer('src/common', []),
  layer('src/storage', ['domain', 'texts', 'common', 'config.js']),
  layer('src/http', ['domain', 'cards', 'texts', 'common']),
  layer('src/notifications', ['domain', 'cards', 'texts', 'common', 'storage']),
  layer('src/bot', ['domain', 'cards', 'texts', 'common', 'storage', 'dialogs', 'config.js']),
  layer('src/cli', ['domain', 'texts', 'common', 'storage', 'notifications', 'config.js']),
  {
    files: ['dialogs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!src/(domain|cards|texts)/)',
              message: 'dialogs may import only from src/domain, src/cards and src/texts (docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'bench/**/*.ts', 'test/eval/report.ts', 'test/eval/rankingReport.ts'],
    rules: { 'no-console': 'off' },
  },
);
