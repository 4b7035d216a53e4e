import { AppError } from '../../shared/errors.js';
import { addDays, DAY_MS } from '../../shared/time.js';

/** The longest range a department's sessions can be asked for, in calendar days (inclusive). */
export const MAX_RANGE_DAYS = 31;

export interface DateRange {
  from: string;
  to: string;
}

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * The dates a department view covers: by default from today to today + the hospital's
 * days-ahead (Asia/Shanghai), never more than 31 days.
 */
export function resolveRange(query: { from?: string; to?: string }, today: string, daysAhead: number): DateRange {
  const ahead = Math.min(Math.max(daysAhead, 0), MAX_RANGE_DAYS - 1);
  const from = query.from ?? (query.to && query.to < today ? query.to : today);
  const to = query.to ?? addDays(from, ahead);
  if (from > to)
    throw new AppError('VALIDATION_FAILED', '开始日期不能晚于结束日期', [
      { path: 'query.to', message: '开始日期不能晚于结束日期' },
    ]);
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) {
    const message = `查询范围不能超过 ${MAX_RANGE_DAYS} 天`;
    throw new AppError('VALIDATION_FAILED', message, [{ path: 'query.to', message }]);
  }
  return { from, to };
}
