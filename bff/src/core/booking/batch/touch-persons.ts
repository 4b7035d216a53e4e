import type { Statement } from '../../../db/sql/bulk-insert.js';
import { placeholders } from '../../../db/sql/execute.js';

/**
 * Writes the persons' rows, always changing them (a row left as it was adds nothing to a Galera
 * write set): where row locks hold on one node only, this makes two transactions that decided
 * per-person limits for the same person on different nodes conflict, so one of them runs again.
 */
export function touchPersonsStatement(personIds: string[], now: number): Statement {
  return {
    sql: `UPDATE person SET updated_at = CASE WHEN updated_at < ? THEN ? ELSE updated_at + 1 END
      WHERE id IN (${placeholders(personIds.length)})`,
    params: [now, now, ...personIds],
  };
}
