import { RUNNING_KEY } from './run-setup.js';
import type { E2eBff } from './real-bff.js';

export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { [RUNNING_KEY]?: E2eBff[] };
  await Promise.all((holder[RUNNING_KEY] ?? []).map((bff) => bff.stop()));
  holder[RUNNING_KEY] = [];
}
