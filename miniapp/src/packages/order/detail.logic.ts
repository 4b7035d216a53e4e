import type { Order } from '@cityhealth/shared-types';
import { ORDER_ACTOR_LABELS, ORDER_EVENT_REASON_LABELS, ORDER_STATUS_LABELS } from '@cityhealth/shared-types/labels';
import { ROUTES, withQuery } from '../../routes';
import { dateTime } from '../../utils/time';

export type PayStep =
  | { kind: 'none' }
  | { kind: 'pay'; deadline: string | null }
  | { kind: 'elsewhere'; deadline: string | null };

/** Whether the detail shows a pay button (a cashier exists in this build) or says where to pay. */
export function payStep(o: Pick<Order, 'status' | 'payment'>, channelAvailable: boolean): PayStep {
  if (o.status !== 'pending' || o.payment.status !== 'unpaid') return { kind: 'none' };
  return channelAvailable
    ? { kind: 'pay', deadline: o.payment.deadline }
    : { kind: 'elsewhere', deadline: o.payment.deadline };
}

/** The note about money after a cancellation, or null when there is none to make. */
export function refundNote(
  o: Pick<Order, 'status' | 'payment'> & { history?: Pick<Order['history'][number], 'reason'>[] },
): string | null {
  if (o.status !== 'cancelled') return null;
  // A payment that completed after the window: the patient must learn why the money comes back.
  const why = o.history?.some((e) => e.reason === 'late-payment-refund')
    ? '您的支付完成时已超过支付时限，号源已释放，'
    : '';
  if (o.payment.status === 'refunding') return `${why}挂号费正在原路退回，一般 1–3 个工作日到账。`;
  if (o.payment.status === 'refunded') return `${why}挂号费已原路退回。`;
  return null;
}

/** One line of the order history, e.g. `已取消 · 本人操作 · 本人取消 · 行程有变`. */
export function historyLine(e: Order['history'][number]): string {
  const [code, ...noteParts] = (e.reason ?? '').split(': ');
  const note = noteParts.join(': ');
  const reason = code ? (ORDER_EVENT_REASON_LABELS[code] ?? code) : '';
  // "本人操作 · 本人取消" says the same twice; the patient's own cancellation shows only its note.
  const why = e.actor === 'patient' && code === 'patient' ? '' : reason;
  return [ORDER_STATUS_LABELS[e.status], ORDER_ACTOR_LABELS[e.actor] ?? e.actor, why, note].filter(Boolean).join(' · ');
}

/**
 * What the page says about cancelling: the deadline while it is ahead; once it has passed, an
 * unpaid booking may still be cancelled, but paying makes it final, and the patient is told before paying.
 */
export function cancelNote(
  o: Pick<Order, 'status' | 'payment' | 'cancelDeadline' | 'cancellable'>,
  now = Date.now(),
): { text: string; warnBeforePaying: string | null } | null {
  if (!o.cancellable) return null;
  const when = dateTime(o.cancelDeadline);
  if (Date.parse(o.cancelDeadline) > now) return { text: `可在 ${when} 前取消`, warnBeforePaying: null };
  const unpaid = o.status === 'pending' && o.payment.status === 'unpaid';
  return {
    text: unpaid ? `取消截止时间（${when}）已过：未支付前仍可取消，支付后将不能取消` : `可取消（截止时间 ${when}）`,
    warnBeforePaying: unpaid
      ? `取消截止时间（${when}）已过，支付后将不能取消。如不能按时就诊，请不要支付，直接取消即可。`
      : null,
  };
}

const PAST_STATUSES: ReadonlySet<Order['status']> = new Set(['fulfilled', 'cancelled', 'noshow']);

/**
 * 再次预约 from a booking that is over: the same department's sessions, the same doctor's first;
 * null while the booking still stands (it is the one to go to).
 */
export function rebookRoute(o: Pick<Order, 'status' | 'department' | 'doctor'>): string | null {
  if (!PAST_STATUSES.has(o.status)) return null;
  return withQuery(ROUTES.department, { id: o.department.id, doctorId: o.doctor?.id });
}
