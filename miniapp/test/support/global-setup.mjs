// Starts one real BFF (sandbox emulators, fresh SQLite, demo data) for the page tests. Loaded
// outside the test transform, so the TypeScript helper is loaded through tsx, like the BFF itself.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const { startPageTestBff } = await tsImport('./page-test-bff.ts', import.meta.url);
  const bff = await startPageTestBff();
  process.env.PAGE_TEST_BFF_URL = bff.url;
  globalThis.__pageTestBff = bff;
}
