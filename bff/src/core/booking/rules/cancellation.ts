import type { BookingRules } from '../../../config/config.js';
import { beijingMinute, DAY_MS, shanghaiInstant } from '../../../shared/time.js';
import type { Refusal } from '../types.js';

/** Until when a booking for a visit date may be cancelled (e.g. 15:00 the day before). */
export function cancelDeadline(visitDate: string, rules: BookingRules): number {
  return shanghaiInstant(visitDate, rules.cancelDeadlineTime) - rules.cancelDeadlineDaysBefore * DAY_MS;
}

/** Whether the patient may still cancel: a booking awaiting payment always, a booked one until its deadline. */
export function patientMayCancel(o: { status: string; cancelDeadline: number }, now: number): boolean {
  return o.status === 'pending' || (o.status === 'booked' && now <= o.cancelDeadline);
}

/** The refusal of a patient's cancellation of a booked visit after its deadline. */
export function checkCancelDeadline(o: { status: string; cancelDeadline: number }, now: number): Refusal | null {
  if (o.status !== 'booked' || now <= o.cancelDeadline) return null;
  return { code: 'CANCEL_DEADLINE_PASSED', message: `已过取消截止时间（${beijingMinute(o.cancelDeadline)}）` };
}
