import { UNKNOWN_ORIGIN, type ChannelKey, type EditionKey } from '@cityhealth/shared-types';

/** What the statistics of bookings may be narrowed to. */
export interface OrderFilter {
  hospitalId?: string;
  departmentId?: string;
  channel?: ChannelKey;
  edition?: EditionKey;
}

export interface SqlConditions {
  sql: string[];
  params: unknown[];
}

/** The WHERE conditions of a filter on booking_order under `alias` (unknown: not recorded, NULL). */
export function orderConditions(f: OrderFilter, alias = 'o'): SqlConditions {
  const sql: string[] = [];
  const params: unknown[] = [];
  const equal = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    if (value === UNKNOWN_ORIGIN) sql.push(`${alias}.${column} IS NULL`);
    else {
      sql.push(`${alias}.${column} = ?`);
      params.push(value);
    }
  };
  equal('hospital_id', f.hospitalId);
  equal('department_id', f.departmentId);
  equal('channel', f.channel);
  equal('edition', f.edition);
  return { sql, params };
}

export const andAll = (conditions: string[]): string => conditions.map((c) => ` AND ${c}`).join('');

/** Counts and sums come back as strings from MariaDB (DECIMAL, BIGINT): always numbers here. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
