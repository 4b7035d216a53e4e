import type { EntityManager } from 'typeorm';
import { placeholders } from '../db/sql/execute.js';
import type { NoticeKind, OutboxRow } from '../db/entities/index.js';
import type { OutboxConsumer } from '../outbox/outbox-consumer.js';
import type { NoticeSettings } from './notice-settings.js';
import { loadNoticeOrders, type NoticeOrder } from './notice-order.js';
import { queueNotices, type NoticeCause } from './notice-queue.js';

/** The notice an outbox event tells the patient of, if any; a stop-clinic carries the hospital's reason. */
export function noticeOfEvent(
  event: OutboxRow,
  order: NoticeOrder,
  /** The order's status the event left it in (a booking awaiting payment may be paid by the time it is relayed). */
  statusThen: string = order.status,
): { kind: NoticeKind; reason?: string } | null {
  const detail = event.detail ?? '';
  switch (event.topic) {
    case 'booking.created':
      if (detail === 'waitlist') return { kind: 'waitlist-booked' };
      // the draw's decision tells it, in the transaction that decides the ticket (draw-notices.ts)
      if (detail === 'draw') return null;
      return { kind: statusThen === 'pending' ? 'booked-unpaid' : 'booked' };
    case 'payment.succeeded':
      return { kind: 'paid' };
    case 'refund.succeeded':
      return { kind: 'refunded' };
    case 'booking.cancelled':
      if (detail.startsWith('stop-clinic'))
        return { kind: 'stop-clinic', reason: detail.split(': ').slice(1).join(': ') };
      return { kind: detail.startsWith('payment-timeout') ? 'expired' : 'cancelled' };
    default:
      return null;
  }
}

/** Turns the outbox's booking events into queued notices, in the relay's transaction. */
export class NoticeConsumer implements OutboxConsumer {
  readonly name = 'patient-notices';

  constructor(private readonly settings: NoticeSettings) {}

  async consume(tx: EntityManager, events: readonly OutboxRow[], now: number): Promise<void> {
    const orders = await loadNoticeOrders(tx, [...new Set(events.map((e) => e.orderId))]);
    const created = events.filter((e) => e.topic === 'booking.created').map((e) => e.id);
    const statusThen = new Map(
      created.length
        ? (
            (await tx.query(
              `SELECT id, to_status FROM order_event WHERE id IN (${placeholders(created.length)})`,
              created,
            )) as {
              id: string;
              to_status: string;
            }[]
          ).map((r) => [r.id, r.to_status])
        : [],
    );
    const causes: NoticeCause[] = [];
    for (const event of events) {
      const order = orders.get(event.orderId);
      const notice = order && noticeOfEvent(event, order, statusThen.get(event.id));
      if (order && notice) causes.push({ source: event.id, order, ...notice });
    }
    await queueNotices(tx, this.settings, causes, now);
  }
}
