import type { EntityManager } from 'typeorm';
import { execute } from '../../db/sql/execute.js';

/** One row's new values, written only if the row still holds the values they were made from. */
export interface RowUpdate {
  table: string;
  id: string;
  set: Record<string, string>;
  was: Record<string, string | null>;
  /** Done already when it no longer applies (another row re-indexed the same person). */
  optional?: boolean;
}

/**
 * Applies the updates of one source row in the caller's transaction, each under the condition
 * that its columns are unchanged: a concurrent write (a new phone, a deletion) wins, and this row
 * is left for the next run. Returns false (the caller rolls back) when one no longer applies.
 */
export async function applyUpdates(tx: EntityManager, updates: readonly RowUpdate[]): Promise<boolean> {
  for (const u of updates) {
    const sets = Object.keys(u.set).map((c) => `${c} = ?`);
    const conditions = Object.entries(u.was).map(([c, v]) => (v === null ? `${c} IS NULL` : `${c} = ?`));
    const params = [...Object.values(u.set), u.id, ...Object.values(u.was).filter((v): v is string => v !== null)];
    const sql = `UPDATE ${u.table} SET ${sets.join(', ')} WHERE id = ? AND ${conditions.join(' AND ')}`;
    if ((await execute(tx, sql, params)) !== 1 && !u.optional) return false;
  }
  return true;
}
