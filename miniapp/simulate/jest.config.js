/**
 * miniprogram-simulate runs the compiled WeChat build in jsdom (CommonJS, like the build). The
 * toolchain (jest, @swc/jest) is the repository root's; this package adds only what must stay out
 * of the app's dependency tree. The global set-up builds dist/weapp when stale and starts a real BFF.
 */
module.exports = {
  testEnvironment: 'jsdom',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/**/*.sim.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/support/global-setup.mjs',
  globalTeardown: '<rootDir>/support/global-teardown.mjs',
  testTimeout: 60_000,
  maxWorkers: 1,
};
