import type { BookingRules } from '../../../config/config.js';
import { DAY_MS } from '../../../shared/time.js';
import { SYSTEM_CANCEL_REASONS, type CancelReason, type Refusal } from '../types.js';
import type { ScheduleFacts } from './release-window.js';

/** What the rules need to know of one of the person's existing orders. */
export interface PersonOrder {
  id: string;
  accountId: string;
  orderNo: string;
  departmentId: string;
  visitDate: string;
  period: string;
  startsAt: number;
  endsAt: number;
  live: boolean;
  status: string;
  cancelReason: string | null;
  createdAt: number;
}

/** Counts toward the limit: every booking made in the window except those the system cancelled. */
function countsTowardLimit(o: PersonOrder, since: number): boolean {
  if (o.createdAt < since) return false;
  return !(o.status === 'cancelled' && SYSTEM_CANCEL_REASONS.includes(o.cancelReason as CancelReason));
}

/** The per-identity rules that do not depend on which slot is assigned. */
export function checkPersonLimits(
  orders: PersonOrder[],
  s: ScheduleFacts,
  rules: BookingRules,
  now: number,
  accountId: string,
): Refusal | null {
  const since = now - rules.windowDays * DAY_MS;
  const made = orders.filter((o) => countsTowardLimit(o, since)).length;
  if (made >= rules.maxPerWindow) {
    return {
      code: 'BOOKING_LIMIT_REACHED',
      message: `${rules.windowDays} 天内最多预约 ${rules.maxPerWindow} 次，已达上限`,
    };
  }
  const same = orders.find(
    (o) => o.live && o.departmentId === s.departmentId && o.visitDate === s.date && o.period === s.period,
  );
  if (same) return duplicateRefusal(same, accountId);
  return null;
}

/**
 * The one-per-department-and-session refusal names the booking that stands in the way, so the
 * patient can open (and pay) it; a booking of the same person under another account is only
 * mentioned, never shown.
 */
function duplicateRefusal(o: PersonOrder, accountId: string): Refusal {
  if (o.accountId !== accountId)
    return {
      code: 'DUPLICATE_DEPARTMENT_SESSION',
      message: '该就诊人在同一科室同一时段已在其他账号下预约，同一时段只能预约一个号',
    };
  const pending = o.status === 'pending';
  return {
    code: 'DUPLICATE_DEPARTMENT_SESSION',
    message: `该就诊人在同一科室同一时段已有预约（预约单号 ${o.orderNo}${pending ? '，待支付' : ''}），同一时段只能预约一个号`,
    details: { orderId: o.id, orderNo: o.orderNo, status: o.status },
  };
}
