import { browserSkipReason } from './browser.js';
import { missingHooks } from './app-hooks.js';

/**
 * `describe` for a journey through the app: skipped, saying why, while there is no browser or
 * while miniapp/TESTIDS.md does not yet list every hook the journey drives.
 */
export function describeJourney(title: string, hooks: readonly string[], body: () => void): void {
  const noBrowser = browserSkipReason();
  const missing = missingHooks(hooks);
  const reason =
    noBrowser ??
    (missing.length ? `the app's pages are not ready: miniapp/TESTIDS.md does not list ${missing.join(', ')}` : null);
  if (reason) describe.skip(`${title} (skipped: ${reason})`, body);
  else describe(title, body);
}
