import type { EntityManager } from 'typeorm';
import type { Dialect } from '../db/database.js';
import { JobLease } from '../db/entities/index.js';
import { forUpdate, isUniqueViolation } from '../db/sql/execute.js';
import { insertRows } from '../db/sql/table.js';

/**
 * Makes the calling transaction the only one running the job `name` until it ends: the job's row
 * in job_lease, locked (created on first use). Another process's run waits for this one's commit.
 */
export async function holdLease(tx: EntityManager, dialect: Dialect, name: string): Promise<void> {
  const lock = () => tx.query(`SELECT name FROM job_lease WHERE name = ?${forUpdate(dialect)}`, [name]);
  if (((await lock()) as unknown[]).length) return;
  try {
    await insertRows(tx, JobLease, [{ name, owner: null, until: 0 }]);
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    await lock();
  }
}
