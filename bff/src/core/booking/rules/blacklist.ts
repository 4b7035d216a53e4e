import type { BookingRules } from '../../../config/config.js';
import { DAY_MS, shanghaiDate } from '../../../shared/time.js';
import type { Refusal } from '../types.js';

/** A person suspended after repeated no-shows may not book until the suspension ends. */
export function checkBlacklist(blacklistedUntil: number | null, now: number): Refusal | null {
  if (blacklistedUntil === null || blacklistedUntil <= now) return null;
  const until = shanghaiDate(blacklistedUntil);
  return { code: 'BLACKLISTED', message: `因多次爽约，${until} 前暂停预约`, details: { blacklistedUntil: until } };
}

/** The no-shows that count: visits from this instant on. */
export function noShowWindowStart(rules: BookingRules, now: number): number {
  return now - rules.noShowWindowDays * DAY_MS;
}

/** After a no-show: the end of the suspension the person earns with `noShows` in the window, or null. */
export function noShowSuspension(noShows: number, rules: BookingRules, now: number): number | null {
  return noShows < rules.noShowThreshold ? null : now + rules.blacklistDays * DAY_MS;
}
