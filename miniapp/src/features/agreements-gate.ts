import { api, currentSession } from '../api';
import { consentRoute } from './agreements';
import { open } from './navigation';

let asked = false;

/**
 * Once per app start, from the first tab page shown: a logged-in account that has not accepted the
 * agreements' versions in force (one was published since) is asked before it continues there.
 */
export async function askForPendingAgreementsOnce(here: string): Promise<void> {
  if (asked || !currentSession()) return;
  asked = true;
  const account = await api.me().catch(() => null);
  if (account?.pendingAgreements.length) open(consentRoute(here));
}
