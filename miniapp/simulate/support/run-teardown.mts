import type { E2eBff } from '../../e2e/support/real-bff.js';
import { RUNNING_KEY } from './run-setup.mjs';

export default async function teardown(): Promise<void> {
  const holder = globalThis as { [RUNNING_KEY]?: E2eBff };
  await holder[RUNNING_KEY]?.stop();
  delete holder[RUNNING_KEY];
}
