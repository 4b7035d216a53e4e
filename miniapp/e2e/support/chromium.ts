import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * The system Chromium (Debian package `chromium`; Playwright's own browser downloads are not
 * reachable here). CHROMIUM_PATH overrides the search.
 */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const INSTALL_HINT = 'install it with `apt-get install -y chromium fonts-noto-cjk` (or set CHROMIUM_PATH)';

export function findChromium(): string | null {
  const override = process.env.CHROMIUM_PATH;
  if (override) return fs.existsSync(override) ? override : null;
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

/** CI sets E2E_REQUIRE_BROWSER=1: there a missing browser fails the run instead of skipping the browser tests. */
export const browserRequired = (): boolean => ['1', 'true', 'yes'].includes(process.env.E2E_REQUIRE_BROWSER ?? '');

/** Environment variable through which the global set-up tells the test files why they skip. */
export const SKIP_REASON_VAR = 'E2E_SKIP_REASON';

/** Whether fontconfig knows a Chinese font (without one, Chinese renders as boxes); null when fc-list is not there. */
export function hasChineseFont(): boolean | null {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (r.error) return null;
  return r.stdout.trim().length > 0;
}
