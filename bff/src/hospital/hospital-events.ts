import type { HospitalEvent, HospitalEventPage } from '@cityhealth/shared-types';
import type { Database } from '../db/database.js';
import type { HospitalEventRow } from '../db/entities/index.js';
import { placeholders } from '../db/sql/execute.js';
import { iso } from '../shared/time.js';
import { hospitalOrders } from './hospital-order-view.js';

export const EVENT_COLUMNS = `id, hospital_id AS hospitalId, seq, topic, order_id AS orderId, detail, at, pending,
  attempts, delivered_at AS deliveredAt, last_error AS lastError`;

/** A hospital's event stream as it reads it: the same events, in the same words, whether pushed or pulled. */
export class HospitalEventFeed {
  constructor(private readonly db: Database) {}

  /** The events after stream number `after`, `limit` at a time. */
  async page(hospitalId: string, q: { after: number; limit: number }): Promise<HospitalEventPage> {
    const rows = await this.db.query<HospitalEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM hospital_event WHERE hospital_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
      [hospitalId, q.after, q.limit],
    );
    const items = await this.compose(hospitalId, rows);
    return { items, next: items.at(-1)?.seq ?? q.after };
  }

  /** The events of these rows, each with its order as the hospital sees it now. */
  async compose(hospitalId: string, rows: readonly HospitalEventRow[]): Promise<HospitalEvent[]> {
    if (!rows.length) return [];
    const ids = [...new Set(rows.map((r) => r.orderId))];
    const orders = new Map(
      (
        await hospitalOrders(this.db, `s.hospital_id = ? AND o.id IN (${placeholders(ids.length)})`, [
          hospitalId,
          ...ids,
        ])
      ).map((o) => [o.orderId, o]),
    );
    return rows.flatMap((r) => {
      const order = orders.get(r.orderId);
      if (!order) return [];
      return [
        {
          eventId: r.id,
          seq: Number(r.seq),
          type: r.topic,
          occurredAt: iso(Number(r.at)),
          reason: r.detail,
          order,
        },
      ];
    });
  }
}
