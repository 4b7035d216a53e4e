import type { AttendanceResult, HospitalOrder } from '@cityhealth/shared-types';
import type { BookingCore } from '../core/booking/booking-core.js';
import type { Actor } from '../core/booking/types.js';
import type { Database } from '../db/database.js';
import { AppError } from '../shared/errors.js';
import { shanghaiDate } from '../shared/time.js';
import { hospitalOrders } from './hospital-order-view.js';

/** What a hospital reads of its bookings and marks on them, each call confined to its own. */
export class HospitalOrders {
  constructor(
    private readonly db: Database,
    private readonly booking: BookingCore,
  ) {}

  /**
   * 已就诊 or 爽约; a third no-show within the window suspends the patient (the rule book's no-show
   * rule). The hospital's system marks it, or a staff member in the console (`actor`).
   */
  async markAttendance(
    hospitalId: string,
    orderId: string,
    status: 'arrived' | 'noshow',
    actor: Actor = { type: 'hospital', id: hospitalId },
  ): Promise<AttendanceResult> {
    await this.ownOrder(hospitalId, orderId);
    const r = await this.booking.recordAttendance(orderId, status, actor);
    return {
      orderId,
      status,
      changed: r.changed,
      blacklistedUntil: r.blacklistedUntil === undefined ? null : shanghaiDate(r.blacklistedUntil),
    };
  }

  /**
   * A visit date's bookings in booking order (ids are time-ordered), `limit` at a time. Read through
   * the sessions of that date, so no index beyond those booking already keeps is needed.
   */
  async list(
    hospitalId: string,
    q: { date: string; after?: string; limit: number },
  ): Promise<{ items: HospitalOrder[]; next: string | null }> {
    const rows = await hospitalOrders(this.db, 's.hospital_id = ? AND s.date = ? AND o.id > ? ORDER BY o.id LIMIT ?', [
      hospitalId,
      q.date,
      q.after ?? '',
      q.limit + 1,
    ]);
    const page = rows.slice(0, q.limit);
    return { items: page, next: rows.length > q.limit ? page.at(-1)!.orderId : null };
  }

  /** Another hospital's booking is, to this one, a booking that does not exist. */
  private async ownOrder(hospitalId: string, orderId: string): Promise<void> {
    const [row] = await this.db.query<{ hospital_id: string }>('SELECT hospital_id FROM booking_order WHERE id = ?', [
      orderId,
    ]);
    if (row?.hospital_id !== hospitalId) throw new AppError('NOT_FOUND', '预约不存在');
  }
}
