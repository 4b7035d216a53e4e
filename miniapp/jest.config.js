/**
 * Two kinds of unit tests, run as native ES modules (node --experimental-vm-modules) like the
 * BFF's suites:
 * - logic: the pages' logic files, the API client helpers and formatting, in node;
 * - pages: pages rendered with React in jsdom against a real BFF (sandbox, fresh SQLite) the
 *   global set-up starts; Taro's components and API are replaced by DOM/HTTP equivalents, and
 *   the browser's address (jsdom cannot leave a page) by a recording (test/support). The browser
 *   journeys in e2e/ cover Taro's own rendering.
 */
const swc = (tsx) => [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx }, target: 'es2022', transform: { react: { runtime: 'automatic' } } },
    module: { type: 'es6' },
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.ts$': swc(false), '^.+\\.tsx$': swc(true) },
  moduleNameMapper: {
    '^@cityhealth/shared-types/labels$': '<rootDir>/../shared-types/src/labels.ts',
    '^@cityhealth/shared-types/id-number$': '<rootDir>/../shared-types/src/id-number.ts',
    '^@cityhealth/shared-types/field-rules$': '<rootDir>/../shared-types/src/field-rules.ts',
    '^@cityhealth/shared-types/routes$': '<rootDir>/../shared-types/src/routes.ts',
    // The whole contract (zod schemas) for tests only: the app imports
    // only its types (test/api/contract-imports.test.ts holds that).
    '^@cityhealth/shared-types$': '<rootDir>/../shared-types/src/index.ts',
    '^@tarojs/taro$': '<rootDir>/test/support/taro-api.ts',
    '^@tarojs/components$': '<rootDir>/test/support/taro-components.tsx',
    '/browser-location$': '<rootDir>/test/support/browser-location.ts',
    '\\.(scss|css)$': '<rootDir>/test/support/style-stub.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'logic',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.bff\\.test\\.ts$'],
    },
    {
      ...common,
      displayName: 'pages',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/**/*.page.test.tsx', '<rootDir>/test/**/*.bff.test.ts'],
      setupFiles: ['<rootDir>/test/support/page-globals.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
  ],
  maxWorkers: 2,
  testTimeout: 30_000,
};
