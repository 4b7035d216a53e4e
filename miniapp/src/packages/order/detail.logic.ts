import type { Order } from '@cityhealth/shared-types';
import { ORDER_STATUS_LABELS } from '@cityhealth/shared-types/labels';

export type PayStep = { kind: 'none' } | { kind: 'pay'; deadline: string | null } | { kind: 'elsewhere'; deadline: string | null };

/** Whether the detail shows a pay button (a cashier exists in this build) or says where to pay. */
export function payStep(o: Pick<Order, 'status' | 'payment'>, channelAvailable: boolean): PayStep {
  if (o.status !== 'pending' || o.payment.status !== 'unpaid') return { kind: 'none' };
  return channelAvailable ? { kind: 'pay', deadline: o.payment.deadline } : { kind: 'elsewhere', deadline: o.payment.deadline };
}

/** The note about money after a cancellation, or null when there is none to make. */
export function refundNote(o: Pick<Order, 'status' | 'payment'>): string | null {
  if (o.status !== 'cancelled') return null;
  if (o.payment.status === 'refunding') return '挂号费正在原路退回，一般 1–3 个工作日到账。';
  if (o.payment.status === 'refunded') return '挂号费已原路退回。';
  return null;
}

/** One line of the order history: 预约成功 · 患者 · reason. */
export function historyLine(e: Order['history'][number]): string {
  const who: Record<string, string> = { patient: '本人操作', system: '系统', hospital: '医院', admin: '管理员' };
  return [ORDER_STATUS_LABELS[e.status], who[e.actor] ?? e.actor, e.reason].filter(Boolean).join(' · ');
}
