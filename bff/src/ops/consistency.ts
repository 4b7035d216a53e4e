import type { Database } from '../db/database.js';
import { placeholders } from '../db/sql/execute.js';

/** What a consistent booking database never holds: every count is 0. */
export interface Inconsistencies {
  /** Live bookings beyond their session's capacity, summed. */
  oversold: number;
  /** Slots with two live bookings, and persons with two live bookings in one department and session. */
  doubleBooked: number;
  /** Open sessions whose free count is not the number of their free slots. */
  freeCountMismatches: number;
  /** Live bookings awaiting payment or booked whose slot is not held for them. */
  bookingsOnUnheldSlots: number;
  /** Bookings without a history, or whose latest history entry names another status. */
  historyDisagrees: number;
  /** Payments of bookings that do not exist. */
  paymentsWithoutBooking: number;
  /** Slots held (busy, or held for payment) that no live booking holds: a claim that outlived its booking. */
  slotsTakenWithoutBooking: number;
  /** History entries and hospital notices of bookings that do not exist. */
  eventsWithoutBooking: number;
}

/** A consistent database's answer. */
export const NO_INCONSISTENCIES: Inconsistencies = {
  oversold: 0,
  doubleBooked: 0,
  freeCountMismatches: 0,
  bookingsOnUnheldSlots: 0,
  historyDisagrees: 0,
  paymentsWithoutBooking: 0,
  slotsTakenWithoutBooking: 0,
  eventsWithoutBooking: 0,
};

/**
 * Counts, from the database itself, what the booking core must never leave behind (after a
 * release storm, or in a restored backup). `scheduleIds` limits the session checks to those.
 */
export async function findInconsistencies(db: Database, scheduleIds?: string[]): Promise<Inconsistencies> {
  const scope = (column: string) => (scheduleIds ? ` AND ${column} IN (${placeholders(scheduleIds.length)})` : '');
  const params = scheduleIds ?? [];
  const count = async (sql: string, p: unknown[] = []) => Number((await db.query<{ n: unknown }>(sql, p))[0]?.n ?? 0);
  const withoutBooking = (table: 'order_event' | 'outbox') =>
    count(
      `SELECT COUNT(*) AS n FROM ${table} x WHERE NOT EXISTS (SELECT 1 FROM booking_order o WHERE o.id = x.order_id)`,
    );
  const [oversold, slots, persons, freeCounts, unheld, noHistory, lastEvent, payments, heldSlots, events, notices] =
    await Promise.all([
      count(
        `SELECT COALESCE(SUM(o.n - s.capacity), 0) AS n FROM schedule s JOIN (SELECT schedule_id, COUNT(*) AS n
        FROM booking_order WHERE live = 1 GROUP BY schedule_id) o ON o.schedule_id = s.id WHERE o.n > s.capacity
        ${scope('s.id')}`,
        params,
      ),
      count(
        `SELECT COUNT(*) AS n FROM (SELECT slot_id FROM booking_order WHERE live = 1${scope('schedule_id')}
        GROUP BY slot_id HAVING COUNT(*) > 1) x`,
        params,
      ),
      count(
        `SELECT COUNT(*) AS n FROM (SELECT person_id FROM booking_order WHERE live = 1${scope('schedule_id')}
        GROUP BY person_id, department_id, visit_date, period HAVING COUNT(*) > 1) x`,
        params,
      ),
      count(
        `SELECT COUNT(*) AS n FROM schedule s LEFT JOIN (SELECT schedule_id, COUNT(*) AS n FROM slot
        WHERE status = 'free' GROUP BY schedule_id) f ON f.schedule_id = s.id
        WHERE s.status = 'open' AND s.free_count <> COALESCE(f.n, 0)${scope('s.id')}`,
        params,
      ),
      count(
        `SELECT COUNT(*) AS n FROM booking_order o JOIN slot sl ON sl.id = o.slot_id
        WHERE o.live = 1 AND o.status IN ('pending', 'booked') AND sl.status NOT IN ('busy', 'busy-tentative')
        ${scope('o.schedule_id')}`,
        params,
      ),
      count(
        `SELECT COUNT(*) AS n FROM booking_order o
        WHERE NOT EXISTS (SELECT 1 FROM order_event e WHERE e.order_id = o.id)${scope('o.schedule_id')}`,
        params,
      ),
      // the latest entry: none later, and of those at the same instant the greatest id (ids are time-ordered)
      count(
        `SELECT COUNT(*) AS n FROM booking_order o JOIN order_event e ON e.order_id = o.id
        WHERE e.to_status <> o.status AND NOT EXISTS (SELECT 1 FROM order_event l WHERE l.order_id = o.id
          AND (l.at > e.at OR (l.at = e.at AND l.id > e.id)))${scope('o.schedule_id')}`,
        params,
      ),
      count(
        'SELECT COUNT(*) AS n FROM payment p WHERE NOT EXISTS (SELECT 1 FROM booking_order o WHERE o.id = p.order_id)',
      ),
      count(
        `SELECT COUNT(*) AS n FROM slot sl WHERE sl.status IN ('busy', 'busy-tentative')${scope('sl.schedule_id')}
        AND NOT EXISTS (SELECT 1 FROM booking_order o WHERE o.slot_id = sl.id AND o.live = 1)`,
        params,
      ),
      withoutBooking('order_event'),
      withoutBooking('outbox'),
    ]);
  return {
    oversold,
    doubleBooked: slots + persons,
    freeCountMismatches: freeCounts,
    bookingsOnUnheldSlots: unheld,
    historyDisagrees: noHistory + lastEvent,
    paymentsWithoutBooking: payments,
    slotsTakenWithoutBooking: heldSlots,
    eventsWithoutBooking: events + notices,
  };
}
