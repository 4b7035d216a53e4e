// Jest loads its global set-up outside the test transform (as CommonJS), so the TypeScript
// set-up is loaded through tsx, like the BFF itself.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const { default: setup } = await tsImport('./run-setup.ts', import.meta.url);
  await setup();
}
