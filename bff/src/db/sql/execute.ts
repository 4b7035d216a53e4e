import type { EntityManager } from 'typeorm';
import type { Dialect } from '../database.js';

/** Runs a write statement and returns how many rows it changed (both dialects). */
export async function execute(tx: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const runner = tx.queryRunner;
  if (!runner) throw new Error('execute() needs a transactional entity manager');
  const result = await runner.query(sql, params, true);
  return Number(result.affected ?? 0);
}

/** `FOR UPDATE` where the database has row locks; SQLite serialises writers instead. */
export const forUpdate = (dialect: Dialect): string => (dialect === 'mysql' ? ' FOR UPDATE' : '');

export const placeholders = (n: number): string => Array(n).fill('?').join(',');

/** Deadlocks and lock-wait timeouts (MariaDB), busy database (SQLite): safe to run again. */
export function isRetryable(e: unknown): boolean {
  const err = e as { errno?: number; code?: string; driverError?: { errno?: number; code?: string } };
  const errno = err.errno ?? err.driverError?.errno;
  const code = err.code ?? err.driverError?.code;
  return (
    errno === 1213 ||
    errno === 1205 ||
    code === 'SQLITE_BUSY' ||
    code === 'ER_LOCK_DEADLOCK' ||
    code === 'ER_LOCK_WAIT_TIMEOUT'
  );
}

export function isUniqueViolation(e: unknown): boolean {
  const err = e as { errno?: number; code?: string; driverError?: { errno?: number; code?: string } };
  const code = err.code ?? err.driverError?.code;
  return (
    (err.errno ?? err.driverError?.errno) === 1062 || code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}
