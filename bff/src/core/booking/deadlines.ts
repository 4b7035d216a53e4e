import type { BookingRules } from '../../config/config.js';
import { DAY_MS, shanghaiInstant } from '../../shared/time.js';

/** Until when a booking for a visit date may be cancelled (e.g. 15:00 the day before). */
export function cancelDeadline(visitDate: string, rules: BookingRules): number {
  return shanghaiInstant(visitDate, rules.cancelDeadlineTime) - rules.cancelDeadlineDaysBefore * DAY_MS;
}
