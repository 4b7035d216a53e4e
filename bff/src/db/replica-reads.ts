import { ConsecutiveBreaker, circuitBreaker, handleAll, type CircuitBreakerPolicy } from 'cockatiel';
import mysql, { type Pool } from 'mysql2';
import { MYSQL_ROW_OPTIONS } from './mysql-row-options.js';

/**
 * Reads that tolerate a moment's staleness (the catalogue, the schedule views) on a standby, to
 * spare the primary. A standby that fails is left alone for 5 s (circuit breaker) and the read goes
 * to the primary meanwhile; the caller's `primary` runs it there.
 */
export class ReplicaReads {
  private readonly pool: Pool;
  private readonly breaker: CircuitBreakerPolicy = circuitBreaker(handleAll, {
    halfOpenAfter: 5_000,
    breaker: new ConsecutiveBreaker(1),
  });

  constructor(
    readonly url: string,
    poolSize: number,
  ) {
    this.pool = mysql.createPool({
      uri: url,
      ...MYSQL_ROW_OPTIONS,
      connectionLimit: poolSize,
      connectTimeout: 1_000,
    });
  }

  async query<T>(sql: string, params: unknown[], primary: () => Promise<T[]>): Promise<T[]> {
    try {
      return await this.breaker.execute(
        () =>
          new Promise<T[]>((resolve, reject) =>
            this.pool.query(sql, params, (e, rows) => (e ? reject(e) : resolve(rows as T[]))),
          ),
      );
    } catch {
      return primary();
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.pool.end(() => resolve()));
  }
}
