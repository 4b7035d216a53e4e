import type { Database } from '../src/db/database.js';
import { placeholders } from '../src/db/sql/execute.js';

/** Counts, from the database itself, what a release storm must never produce. */
export async function verifyRelease(db: Database, scheduleIds: string[]) {
  const ids = placeholders(scheduleIds.length);
  const [sold] = await db.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM booking_order WHERE live = 1 AND schedule_id IN (${ids})`,
    scheduleIds,
  );
  const oversold = await db.query<{ n: number }>(
    `SELECT COALESCE(SUM(o.n - s.capacity), 0) AS n FROM schedule s JOIN (SELECT schedule_id, COUNT(*) AS n
      FROM booking_order WHERE live = 1 GROUP BY schedule_id) o ON o.schedule_id = s.id WHERE o.n > s.capacity
      AND s.id IN (${ids})`,
    scheduleIds,
  );
  const doubleSlots = await db.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM (SELECT slot_id FROM booking_order WHERE live = 1 GROUP BY slot_id
      HAVING COUNT(*) > 1) x`,
  );
  const doublePersons = await db.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM (SELECT person_id FROM booking_order WHERE live = 1
      GROUP BY person_id, department_id, visit_date, period HAVING COUNT(*) > 1) x`,
  );
  const mismatches = await db.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM schedule s LEFT JOIN (SELECT schedule_id, COUNT(*) AS n FROM booking_order WHERE live = 1
      GROUP BY schedule_id) o ON o.schedule_id = s.id WHERE s.free_count <> s.capacity - COALESCE(o.n, 0)
      AND s.id IN (${ids})`,
    scheduleIds,
  );
  return {
    sold: Number(sold!.n),
    oversold: Number(oversold[0]!.n),
    doubleBooked: Number(doubleSlots[0]!.n) + Number(doublePersons[0]!.n),
    freeCountMismatches: Number(mismatches[0]!.n),
  };
}
