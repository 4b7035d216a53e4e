import type { BookingRules } from '../../config/config.js';
import { DAY_MS, shanghaiInstant } from '../../shared/time.js';

/** When a session's waitlist closes: the evening before the visit by the rule book, never after booking closes. */
export function waitlistClosesAt(session: { date: string; closesAt: number }, rules: BookingRules): number {
  const byRule = shanghaiInstant(session.date, rules.waitlistCloseTime) - rules.waitlistCloseDaysBefore * DAY_MS;
  return Math.min(byRule, session.closesAt);
}
