import { z } from 'zod';
import { CalendarDate, Id, Instant } from './common.js';

const Count = z.number().int().min(0);
const Named = { id: Id, name: z.string() };

export const DrawStatisticsQuery = z
  .object({ from: CalendarDate, to: CalendarDate, hospitalId: Id.optional() })
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 365 * 86_400_000, {
    message: '一次最多统计 366 天',
    path: ['to'],
  });
export type DrawStatisticsQuery = z.output<typeof DrawStatisticsQuery>;

/** One release's draw (公平放号): who entered it, who won a place, and what replays it. */
export const ReleaseDrawFigures = z.object({
  scheduleId: Id,
  hospital: z.object(Named),
  department: z.object(Named),
  date: CalendarDate,
  period: z.string(),
  releaseAt: Instant,
  windowEndsAt: Instant,
  state: z.enum(['open', 'deciding', 'decided']),
  /** Persons with a ticket (one each, however many requests). */
  entered: Count,
  /** Tickets that booked a place; 0 until decided. */
  won: Count,
  decidedAt: Instant.nullable(),
  /** The seed of the recorded shuffle (HMAC-SHA256 of each person id, ascending); null until decided. */
  seed: z.string().nullable(),
});

export const DrawStatistics = z
  .object({
    from: CalendarDate,
    to: CalendarDate,
    totals: z.object({ draws: Count, entered: Count, won: Count }),
    /** The releases with a draw in the range (by release time), latest first, at most 500. */
    draws: z.array(ReleaseDrawFigures),
  })
  .meta({ id: 'DrawStatistics' });
export type DrawStatistics = z.infer<typeof DrawStatistics>;
