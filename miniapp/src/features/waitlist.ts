import type { ScheduleSummary } from '@cityhealth/shared-types';

/** A released, open session with no slot left offers its waitlist (候补). */
export function offersWaitlist(
  s: Pick<ScheduleSummary, 'status' | 'freeCount' | 'releaseAt'>,
  now = Date.now(),
): boolean {
  return s.status === 'open' && s.freeCount <= 0 && Date.parse(s.releaseAt) <= now;
}
