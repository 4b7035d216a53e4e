import type { Order } from '@cityhealth/shared-types';
import { dayLabel, timeWindow } from '../utils/time';

/** 11月23日 周一 08:30–08:40: a booking's visit time as the patient reads it. */
export function visitTime(o: Pick<Order, 'schedule' | 'slot'>): string {
  return `${dayLabel(o.schedule.date)} ${timeWindow(o.slot.startsAt, o.slot.endsAt)}`;
}
