import type { EntityManager } from 'typeorm';
import type { NoticeKind, OutboxRow } from '../db/entities/index.js';
import type { OutboxConsumer } from '../outbox/outbox-consumer.js';
import type { NoticeSettings } from './notice-settings.js';
import { loadNoticeOrders, type NoticeOrder } from './notice-order.js';
import { queueNotices, type NoticeCause } from './notice-queue.js';

/** The notice an outbox event tells the patient of, if any; a stop-clinic carries the hospital's reason. */
export function noticeOfEvent(event: OutboxRow, order: NoticeOrder): { kind: NoticeKind; reason?: string } | null {
  const detail = event.detail ?? '';
  switch (event.topic) {
    case 'booking.created':
      return { kind: order.status === 'pending' ? 'booked-unpaid' : 'booked' };
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
    const causes: NoticeCause[] = [];
    for (const event of events) {
      const order = orders.get(event.orderId);
      const notice = order && noticeOfEvent(event, order);
      if (order && notice) causes.push({ source: event.id, order, ...notice });
    }
    await queueNotices(tx, this.settings, causes, now);
  }
}
