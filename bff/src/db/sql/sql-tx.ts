import type { EntityManager } from 'typeorm';
import type { Dialect } from '../database.js';

/** The few operations a hand-written transaction needs, on either database. */
export interface SqlTx {
  readonly dialect: Dialect;
  query<T>(sql: string, params: unknown[]): Promise<T[]>;
  /** Runs a write statement; resolves to the number of rows it changed. */
  run(sql: string, params: unknown[]): Promise<number>;
}

export function typeormSqlTx(tx: EntityManager, dialect: Dialect): SqlTx {
  return {
    dialect,
    query: (sql, params) => tx.query(sql, params),
    run: async (sql, params) => {
      const result = await tx.queryRunner!.query(sql, params, true);
      return Number(result.affected ?? 0);
    },
  };
}
