/**
 * Two projects: backend and shared core run under Node; pages run under jsdom with
 * miniprogram-simulate. ts-jest only transpiles (isolatedModules); `npm run typecheck`
 * is the type gate, which keeps the suite fast.
 */
const tsTransform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
};

module.exports = {
  projects: [
    {
      displayName: 'backend',
      testEnvironment: 'node',
      transform: tsTransform,
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['<rootDir>/test/miniprogram/pages/', '<rootDir>/test/miniprogram/components/', '<rootDir>/test/miniprogram/app'],
    },
    {
      displayName: 'pages',
      testEnvironment: 'jsdom',
      transform: tsTransform,
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: [
        '<rootDir>/test/miniprogram/pages/**/*.test.ts',
        '<rootDir>/test/miniprogram/components/**/*.test.ts',
        '<rootDir>/test/miniprogram/app*.test.ts',
      ],
      setupFiles: ['<rootDir>/test/miniprogram/setup.ts'],
    },
  ],
};
