import { CANCEL_KIND_LABELS, CANCEL_KINDS, type CancelKind, type Statistics } from '@cityhealth/shared-types';
import type { Database } from '../db/database.js';
import { DAY_MS } from '../shared/time.js';
import { andAll, num, orderConditions, type OrderFilter } from './order-filter.js';
import type { DateRange } from './range.js';

/** The booking core's cancellation codes (booking_order.cancel_reason) by the kind the statistics name. */
const KIND_OF_REASON: Record<string, CancelKind> = {
  patient: 'patient',
  'payment-timeout': 'timeout',
  'stop-clinic': 'stop-clinic',
  admin: 'staff',
};

/** Cancellations by the time they happened (order_event by to_status and time), of the filtered bookings. */
export async function cancellationFigures(
  db: Database,
  range: DateRange,
  filter: OrderFilter,
): Promise<Statistics['cancellations']> {
  const f = orderConditions(filter);
  const rows = await db.query<{ reason: string | null; n: unknown }>(
    `SELECT o.cancel_reason AS reason, COUNT(*) AS n FROM order_event e JOIN booking_order o ON o.id = e.order_id
      WHERE e.to_status = 'cancelled' AND e.at >= ? AND e.at < ?${andAll(f.sql)} GROUP BY o.cancel_reason`,
    [range.startMs, range.endMs, ...f.params],
  );
  const counts = new Map<CancelKind, number>();
  let total = 0;
  for (const r of rows) {
    total += num(r.n);
    const kind = KIND_OF_REASON[r.reason ?? ''];
    if (kind) counts.set(kind, (counts.get(kind) ?? 0) + num(r.n));
  }
  return {
    total,
    byKind: CANCEL_KINDS.map((kind) => ({ kind, label: CANCEL_KIND_LABELS[kind], count: counts.get(kind) ?? 0 })),
  };
}

/**
 * Arrivals and no-shows of the visits dated within the range (the hospitals mark them), through
 * the sessions of those dates (ix_schedule_date) and their bookings (ix_booking_order_schedule_live):
 * booking_order has no index on the visit date, which every booking would pay for. Every status is
 * counted and the outcomes picked here: a condition on the status would let the planner prefer
 * ix_booking_order_status_pay_deadline, which holds every arrival ever, over the dates.
 */
export async function attendanceFigures(
  db: Database,
  range: DateRange,
  filter: OrderFilter,
): Promise<Statistics['attendance']> {
  const f = orderConditions(filter);
  const rows = await db.query<{ status: string; n: unknown }>(
    `SELECT o.status, COUNT(*) AS n FROM schedule s JOIN booking_order o ON o.schedule_id = s.id
      WHERE s.date >= ? AND s.date <= ?${andAll(f.sql)} GROUP BY o.status`,
    [range.from, range.to, ...f.params],
  );
  const count = (status: string) => num(rows.find((r) => r.status === status)?.n);
  const arrivals = count('arrived') + count('fulfilled');
  const noShows = count('noshow');
  return { arrivals, noShows, noShowRate: arrivals + noShows === 0 ? null : noShows / (arrivals + noShows) };
}

/**
 * Persons suspended for no-shows, city-wide. A suspension is set to its start plus the
 * configured days, so one that began within the range ends within the range shifted by them.
 */
export async function blacklistFigures(
  db: Database,
  range: DateRange,
  now: number,
  blacklistDays: number,
): Promise<Statistics['blacklist']> {
  const shift = blacklistDays * DAY_MS;
  const [active, fresh] = await Promise.all([
    db.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM person WHERE blacklisted_until > ?', [now]),
    db.query<{ n: unknown }>(
      'SELECT COUNT(*) AS n FROM person WHERE blacklisted_until >= ? AND blacklisted_until < ?',
      [range.startMs + shift, range.endMs + shift],
    ),
  ]);
  return { activeNow: num(active[0]?.n), newInRange: num(fresh[0]?.n) };
}
