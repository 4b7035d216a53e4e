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

export type RetryReason = 'deadlock' | 'lock_wait_timeout' | 'busy';

/** Deadlocks and lock-wait timeouts (MariaDB), busy database (SQLite): safe to run again. */
export function isRetryable(e: unknown): boolean {
  return retryReasonOf(e) !== null;
}

/** Why a failed transaction may run again, or null when it may not. */
export function retryReasonOf(e: unknown): RetryReason | null {
  const err = e as { errno?: number; code?: string; driverError?: { errno?: number; code?: string } };
  const errno = err.errno ?? err.driverError?.errno;
  const code = err.code ?? err.driverError?.code;
  if (errno === 1213 || code === 'ER_LOCK_DEADLOCK') return 'deadlock';
  if (errno === 1205 || code === 'ER_LOCK_WAIT_TIMEOUT') return 'lock_wait_timeout';
  if (code === 'SQLITE_BUSY') return 'busy';
  return null;
}

export function isUniqueViolation(e: unknown): boolean {
  const err = e as { errno?: number; code?: string; driverError?: { errno?: number; code?: string } };
  const code = err.code ?? err.driverError?.code;
  return (
    (err.errno ?? err.driverError?.errno) === 1062 || code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}
