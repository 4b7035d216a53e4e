import type { Dialect } from '../db/database.js';
import { addDays, DAY_MS, SHANGHAI_OFFSET_MS, shanghaiInstant } from '../shared/time.js';

/** A range of Asia/Shanghai calendar dates (both ends included) as the instants the data is stored in. */
export interface DateRange {
  from: string;
  to: string;
  /** The first instant of `from` and the first instant after `to` (UTC ms). */
  startMs: number;
  endMs: number;
  days: string[];
}

export function dateRange(from: string, to: string): DateRange {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return { from, to, startMs: shanghaiInstant(from, '00:00'), endMs: shanghaiInstant(addDays(to, 1), '00:00'), days };
}

/** The first and last date of a month (YYYY-MM). */
export function monthRange(month: string): DateRange {
  const from = `${month}-01`;
  const next = new Date(Date.parse(`${from}T00:00:00Z`));
  next.setUTCMonth(next.getUTCMonth() + 1);
  return dateRange(from, addDays(next.toISOString().slice(0, 10), -1));
}

/**
 * The Asia/Shanghai day number (days since 1970-01-01 there) of an instant column, computed in
 * SQL. Shanghai keeps a fixed UTC+8 with no daylight saving, so a shift and an integer division
 * buckets exactly; only the integer-division operator differs between the dialects.
 */
export function shanghaiDayNumberSql(dialect: Dialect, column: string): string {
  const shifted = `(${column} + ${SHANGHAI_OFFSET_MS})`;
  return dialect === 'mysql' ? `${shifted} DIV ${DAY_MS}` : `${shifted} / ${DAY_MS}`;
}

export const dateOfDayNumber = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
