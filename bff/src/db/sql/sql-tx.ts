import type { EntityManager } from 'typeorm';
import type { Dialect } from '../database.js';
import type { Statement } from './bulk-insert.js';
import { execute } from './execute.js';

/** The few operations a hand-written transaction needs, on either database. */
export interface SqlTx {
  readonly dialect: Dialect;
  /**
   * Row locks taken here hold on this database node only (Galera): a decision read under a lock
   * must also write the locked row, so that a conflicting transaction on another node fails
   * certification instead of committing beside it.
   */
  readonly nodeLocalLocks: boolean;
  query<T>(sql: string, params: unknown[]): Promise<T[]>;
  /** Runs statements in order (on MariaDB in one round trip); resolves to each one's rows. */
  queryAll(statements: Statement[]): Promise<unknown[][]>;
  /** Runs write statements in order (on MariaDB in one round trip); resolves to each one's changed rows. */
  runAll(statements: Statement[]): Promise<number[]>;
}

export function typeormSqlTx(tx: EntityManager, dialect: Dialect): SqlTx {
  const run = (sql: string, params: unknown[]) => execute(tx, sql, params);
  return {
    dialect,
    nodeLocalLocks: false,
    query: (sql, params) => tx.query(sql, params),
    queryAll: async (statements) => {
      const results: unknown[][] = [];
      for (const s of statements) results.push(await tx.query(s.sql, s.params));
      return results;
    },
    runAll: async (statements) => {
      const changed: number[] = [];
      for (const s of statements) changed.push(await run(s.sql, s.params));
      return changed;
    },
  };
}
