import type { Database } from '../db/database.js';
import { addDays, shanghaiDate, shanghaiInstant } from '../shared/time.js';
import type { NoticeSettings } from './notice-settings.js';
import { NOTICE_ORDER_SELECT, noticeOrderOf, type NoticeOrderRow } from './notice-order.js';
import { queueNotices } from './notice-queue.js';

const BATCH = 200;

/**
 * The notices no booking event causes, found by scanning the orders: "payment about to expire"
 * (unpaid orders whose deadline is within the lead) and the visit reminder (from the configured
 * evening time on, for tomorrow's booked visits). Each is queued once per order, however often
 * the scan runs.
 */
export class TimedNotices {
  constructor(
    private readonly db: Database,
    private readonly settings: NoticeSettings,
  ) {}

  /** Queues what is due at `now`; returns how many notices it added. */
  async run(now: number): Promise<number> {
    return (await this.expiring(now)) + (await this.reminders(now));
  }

  private async expiring(now: number): Promise<number> {
    const rows = await this.db.query<NoticeOrderRow>(
      `${NOTICE_ORDER_SELECT}
       WHERE o.status = 'pending' AND o.pay_deadline > ? AND o.pay_deadline <= ? AND ${this.notQueued('expiring')}
       ORDER BY o.pay_deadline LIMIT ${BATCH}`,
      [now, now + this.settings.expiryLeadMs],
    );
    return this.queue(rows, 'expiring', now);
  }

  private async reminders(now: number): Promise<number> {
    const today = shanghaiDate(now);
    if (now < shanghaiInstant(today, this.settings.reminderTime)) return 0;
    const rows = await this.db.query<NoticeOrderRow>(
      // Through tomorrow's sessions (a short scan) to their live bookings (an index), not every booking.
      `${NOTICE_ORDER_SELECT}
       JOIN schedule s ON s.id = o.schedule_id
       WHERE s.date = ? AND o.live = 1 AND o.status = 'booked' AND ${this.notQueued('reminder')}
       ORDER BY o.starts_at LIMIT ${BATCH}`,
      [addDays(today, 1)],
    );
    return this.queue(rows, 'reminder', now);
  }

  private notQueued(kind: 'expiring' | 'reminder'): string {
    const source = this.db.dialect === 'mysql' ? `CONCAT('${kind}:', o.id)` : `'${kind}:' || o.id`;
    return `NOT EXISTS (SELECT 1 FROM notice n WHERE n.source = ${source} AND n.kind = '${kind}')`;
  }

  private async queue(rows: NoticeOrderRow[], kind: 'expiring' | 'reminder', now: number): Promise<number> {
    if (!rows.length) return 0;
    const causes = rows.map((row) => {
      const order = noticeOrderOf(row);
      return { source: `${kind}:${order.id}`, kind, order };
    });
    return this.db.write((tx) => queueNotices(tx, this.settings, causes, now));
  }
}
