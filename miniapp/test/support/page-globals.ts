// Build-time constants of the app (config/index.ts defineConstants) for page tests: the H5 shape,
// talking to the BFF the global set-up started.
const g = globalThis as Record<string, unknown>;
g.__EDITION__ = 'standard';
g.__API_BASE__ = process.env.PAGE_TEST_BFF_URL ?? '';
g.defineAppConfig = (c: unknown) => c;
g.definePageConfig = (c: unknown) => c;
process.env.TARO_ENV = 'h5';
// React's act() environment flag, as @testing-library/react expects under jest.
g.IS_REACT_ACT_ENVIRONMENT = true;
