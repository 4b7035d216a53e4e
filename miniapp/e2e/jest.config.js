/**
 * Browser tests of the H5 app. Jest runs the TypeScript sources as native ES modules, like the
 * BFF's suites. The global set-up builds what is stale, starts one real BFF per edition and finds
 * Chromium; the tests run one file at a time (one browser, two shared cores).
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } },
    ],
  },
  moduleNameMapper: {
    '^@cityhealth/shared-types$': '<rootDir>/../../shared-types/src/index.ts',
    '^@cityhealth/shared-types/id-number$': '<rootDir>/../../shared-types/src/id-number.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/**/*.e2e.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/artifacts/'],
  globalSetup: '<rootDir>/support/global-setup.mjs',
  globalTeardown: '<rootDir>/support/global-teardown.mjs',
  testTimeout: 120_000,
  maxWorkers: 1,
  // Lists every test, so a skipped block shows its reason in its title.
  verbose: true,
};
