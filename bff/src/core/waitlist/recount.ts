import type { EntityManager } from 'typeorm';
import type { Dialect } from '../../db/database.js';
import type { Statement } from '../../db/sql/bulk-insert.js';
import { forUpdate, placeholders } from '../../db/sql/execute.js';

/** Locks the sessions' rows in id order, the booking batches' order: a queue's places change only under them. */
export async function lockSessions(tx: EntityManager, dialect: Dialect, scheduleIds: string[]): Promise<void> {
  const ids = [...new Set(scheduleIds)].sort();
  await tx.query(
    `SELECT id FROM schedule WHERE id IN (${placeholders(ids.length)}) ORDER BY id${forUpdate(dialect)}`,
    ids,
  );
}

/**
 * Sets the sessions' counts of places waiting to what the queue holds. Run under the sessions'
 * row locks: a count runs high for a while only when a waitlist was booked in a sibling session
 * (its other places end under their own lock), and this puts it right.
 */
export function recountWaitingStatement(scheduleIds: string[]): Statement {
  return {
    sql: `UPDATE schedule SET waiting_count = (SELECT COUNT(*) FROM waitlist_entry w WHERE w.schedule_id = schedule.id
      AND w.status = 'waiting') WHERE id IN (${placeholders(scheduleIds.length)})`,
    params: scheduleIds,
  };
}
