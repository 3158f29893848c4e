// Lint rules that guard the architecture, not only style: domain code may not import a
// platform SDK, and nothing may read identity from the event.
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  {
    ignores: ['dist/**', '.deploy/**', 'node_modules/**', 'miniprogram/miniprogram_npm/**', 'miniprogram/vendor/**', 'coverage/**', '.data/**', 'bench/results/**'],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name=/^(event|rawEvent)$/][property.name=/^(openid|openId|OPENID|userInfo|role|roles|memberId)$/]",
          message: 'Identity comes from the platform context, never from the event.',
        },
      ],
    },
  },
  {
    files: ['cloudfunctions/lib/features/**/*.ts', 'cloudfunctions/lib/kernel/**/*.ts', 'miniprogram/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@cloudbase/*', 'wx-server-sdk', 'better-sqlite3', 'node:fs', 'fs', 'http', 'node:http'], message: 'Domain code reaches the platform only through ports.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    // Tests load modules fresh per case (jest.isolateModules), which needs require().
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
