import { beijingMinute } from '../../../shared/time.js';
import type { Refusal } from '../types.js';

/** What the rules need to know of the session asked for. */
export interface ScheduleFacts {
  status: string;
  releaseAt: number;
  closesAt: number;
  departmentId: string;
  date: string;
  period: string;
}

/** A request before the session's release time. */
export const notYetReleased = (releaseAt: number): Refusal => ({
  code: 'NOT_YET_RELEASED',
  message: `号源将于 ${beijingMinute(releaseAt)} 开放预约`,
  details: { releaseAt: new Date(releaseAt).toISOString() },
});

/** The session is open (not stopped), released, and its booking window not yet closed. */
export function checkSchedule(s: ScheduleFacts, now: number): Refusal | null {
  if (s.status !== 'open') return { code: 'SCHEDULE_STOPPED' };
  if (now < s.releaseAt) return notYetReleased(s.releaseAt);
  if (now >= s.closesAt) return { code: 'BOOKING_WINDOW_CLOSED' };
  return null;
}

/** A slot chosen by id is still free (and not taken earlier in the same batch) and its visit is still ahead. */
export function checkChosenSlot(
  slot: { status: string; startsAt: number },
  takenInBatch: boolean,
  now: number,
): Refusal | null {
  if (slot.status !== 'free' || takenInBatch) return { code: 'SLOT_GONE', message: '该号源已被预约，请选择其他号源' };
  if (slot.startsAt <= now) return { code: 'BOOKING_WINDOW_CLOSED', message: '该号源的就诊时间已过' };
  return null;
}
