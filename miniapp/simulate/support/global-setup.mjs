// Jest loads its global set-up outside the test transform; the TypeScript set-up (which shares the
// browser tests' helpers, ES modules) is loaded through tsx, like the BFF itself.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const { default: setup } = await tsImport('./run-setup.mts', import.meta.url);
  await setup();
}
