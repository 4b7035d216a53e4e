import type { Database } from '../src/db/database.js';
import { placeholders } from '../src/db/sql/execute.js';
import { findInconsistencies } from '../src/ops/consistency.js';

/** Counts, from the database itself, what a release storm must never produce. */
export async function verifyRelease(db: Database, scheduleIds: string[]) {
  const [sold] = await db.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM booking_order WHERE live = 1 AND schedule_id IN (${placeholders(scheduleIds.length)})`,
    scheduleIds,
  );
  const found = await findInconsistencies(db, scheduleIds);
  return {
    sold: Number(sold!.n),
    oversold: found.oversold,
    doubleBooked: found.doubleBooked,
    freeCountMismatches: found.freeCountMismatches,
  };
}
