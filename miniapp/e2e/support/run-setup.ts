import fs from 'node:fs';
import { HOOKS, missingHooks } from './app-hooks.js';
import { ARTIFACTS_DIR } from './paths.js';
import { browserRequired, findChromium, hasChineseFont, INSTALL_HINT, SKIP_REASON_VAR } from './chromium.js';
import { EDITIONS, h5Target } from './editions.js';
import { ensureConsoleBuild, ensureFreshBuild } from './fresh-build.js';
import { bffDataDirVar, bffUrlVar, startE2eBff, type E2eBff } from './real-bff.js';

/** What the teardown must stop (the global set-up and teardown share the jest parent process). */
export const RUNNING_KEY = Symbol.for('cityhealth.e2e.bffs');
type Holder = { [RUNNING_KEY]?: E2eBff[] };

/**
 * Once per run: Chromium found (or the reason the browser tests skip), every edition's H5 build
 * fresh (one Taro build at a time) and the staff console's, one real BFF per edition, an empty artifacts folder.
 */
export default async function globalSetup(): Promise<void> {
  if (!findChromium()) {
    const reason = `no Chromium found: ${INSTALL_HINT}`;
    if (browserRequired()) throw new Error(`E2E_REQUIRE_BROWSER is set but ${reason}`);
    process.env[SKIP_REASON_VAR] = reason;
    console.warn(`\n[e2e] SKIPPING the browser tests: ${reason}.\n`);
    return;
  }
  if (hasChineseFont() === false) {
    const problem =
      'no Chinese font installed: screenshots would show boxes instead of text (apt-get install -y fonts-noto-cjk)';
    if (browserRequired()) throw new Error(problem);
    console.warn(`\n[e2e] ${problem}\n`);
  }
  const missing = missingHooks(Object.values(HOOKS).flat());
  if (missing.length) {
    // Jest does not print skipped files: say here which journeys wait for which hooks.
    console.warn(
      [
        "\n[e2e] journeys waiting for the app's pages are SKIPPED: ",
        `miniapp/TESTIDS.md does not list ${missing.join(', ')}.\n`,
      ].join(''),
    );
  }
  fs.rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  for (const edition of EDITIONS) ensureFreshBuild(h5Target(edition));
  ensureConsoleBuild();
  const running: E2eBff[] = [];
  (globalThis as Holder)[RUNNING_KEY] = running;
  try {
    for (const edition of EDITIONS) {
      const bff = await startE2eBff(edition);
      running.push(bff);
      process.env[bffUrlVar(edition)] = bff.url;
      process.env[bffDataDirVar(edition)] = bff.dataDir;
    }
  } catch (e) {
    // Jest does not run the teardown when the set-up fails: stop what did start.
    await Promise.all(running.map((bff) => bff.stop()));
    throw e;
  }
}
