import { ensureFreshBuild } from '../../e2e/support/fresh-build.js';
import { startE2eBff, type E2eBff } from '../../e2e/support/real-bff.js';

export const RUNNING_KEY = Symbol.for('cityhealth.simulate.bff');

/** Once per run: dist/weapp fresh (built with Taro when missing or stale), one real BFF on a fresh SQLite database. */
export default async function setup(): Promise<void> {
  ensureFreshBuild('weapp');
  const bff: E2eBff = await startE2eBff('standard');
  (globalThis as { [RUNNING_KEY]?: E2eBff })[RUNNING_KEY] = bff;
  process.env.SIMULATE_BFF_URL = bff.url;
}
