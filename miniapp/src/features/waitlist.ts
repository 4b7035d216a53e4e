import type { BookingRulesView, ScheduleSummary } from '@cityhealth/shared-types';
import { addDays } from '../utils/time';

type Session = Pick<ScheduleSummary, 'status' | 'freeCount' | 'releaseAt' | 'date' | 'bookingClosesAt'>;

/** When a session's waitlist closes: the rule book's evening before the visit, never after booking closes. */
export function waitlistClosesAt(s: Pick<Session, 'date' | 'bookingClosesAt'>, rules: BookingRulesView): number {
  const { daysBefore, time } = rules.waitlist.closes;
  const byRule = Date.parse(`${addDays(s.date, -daysBefore)}T${time}:00+08:00`);
  return Math.min(byRule, Date.parse(s.bookingClosesAt));
}

/**
 * A released, open session with no slot left offers its waitlist (候补) until the waitlist closes;
 * freed slots (a session may show one for a moment while the queue takes it) go to the queue.
 */
export function offersWaitlist(s: Session, rules: BookingRulesView, now = Date.now()): boolean {
  return s.status === 'open' && s.freeCount <= 0 && Date.parse(s.releaseAt) <= now && now < waitlistClosesAt(s, rules);
}
