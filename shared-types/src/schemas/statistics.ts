import { z } from 'zod';
import { CANCEL_KINDS, EDITIONS, ORDER_CHANNELS, UNKNOWN_ORIGIN } from '../labels.js';
import { CalendarDate, Id, Instant } from './common.js';

/** The longest range one statistics request may cover (a leap year). */
export const STATISTICS_MAX_DAYS = 366;

export const ChannelKey = z.enum([...ORDER_CHANNELS, UNKNOWN_ORIGIN]);
export const EditionKey = z.enum([...EDITIONS, UNKNOWN_ORIGIN]);
export type ChannelKey = z.infer<typeof ChannelKey>;
export type EditionKey = z.infer<typeof EditionKey>;

const dayCount = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

export const StatisticsQuery = z
  .object({
    from: CalendarDate,
    to: CalendarDate,
    hospitalId: Id.optional(),
    departmentId: Id.optional(),
    channel: ChannelKey.optional(),
    edition: EditionKey.optional(),
    /** How many departments the ranking lists. */
    top: z.coerce.number().int().min(1).max(100).default(10),
  })
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((q) => dayCount(q.from, q.to) <= STATISTICS_MAX_DAYS, {
    message: `一次最多统计 ${STATISTICS_MAX_DAYS} 天`,
    path: ['to'],
  });
export type StatisticsQuery = z.output<typeof StatisticsQuery>;

const Count = z.number().int().min(0);
const Fen = z.number().int();
/** Yuan with two decimals, as text ("1234.50"): money is integer fen in the data. */
const Yuan = z.string().regex(/^-?\d+\.\d{2}$/);
const Named = { id: Id, name: z.string() };

export const BookingTotals = z.object({
  bookings: Count,
  /** The registration fees of the bookings made (cancelled ones included). */
  feeFen: Fen,
  feeYuan: Yuan,
});

export const CancellationFigures = z.object({
  /** Cancelled within the range (by the time of the cancellation). */
  total: Count,
  byKind: z.array(z.object({ kind: z.enum(CANCEL_KINDS), label: z.string(), count: Count })),
});

export const AttendanceFigures = z.object({
  /** Visits dated within the range whose outcome is known. */
  arrivals: Count,
  noShows: Count,
  /** noShows / (arrivals + noShows); null without any. */
  noShowRate: z.number().min(0).max(1).nullable(),
});

export const BlacklistFigures = z.object({
  /** Persons suspended for no-shows at the time of the request (city-wide: a person is no hospital's). */
  activeNow: Count,
  /** Persons whose suspension began within the range (city-wide). */
  newInRange: Count,
});

export const SellOutSession = z.object({
  scheduleId: Id,
  hospital: z.object(Named),
  department: z.object(Named),
  date: CalendarDate,
  period: z.string(),
  capacity: Count,
  releaseAt: Instant,
  soldOutAfterMs: Count,
});

export const SellOutFigures = z
  .object({
    /** Sessions released within the range (by their release time, up to now). */
    released: Count,
    /** Of those, the ones whose every place is taken (open sessions with no free slot). */
    soldOut: Count,
    soldOutShare: z.number().min(0).max(1).nullable(),
    /** From the release to the last free place taken (nearest rank); null when none sold out. */
    p50Ms: Count.nullable(),
    p90Ms: Count.nullable(),
    fastest: SellOutSession.nullable(),
    slowest: SellOutSession.nullable(),
    /** How many sold-out sessions took up to each bound (the last bucket has none). */
    distribution: z.array(z.object({ label: z.string(), upToMs: Count.nullable(), sessions: Count })),
    byHospital: z.array(
      z.object({
        hospital: z.object(Named),
        released: Count,
        soldOut: Count,
        averageMs: Count.nullable(),
        fastestMs: Count.nullable(),
        slowestMs: Count.nullable(),
      }),
    ),
  })
  .meta({ description: 'Sessions have no channel or edition: those two filters do not apply here' });

export const Statistics = z
  .object({
    from: CalendarDate,
    to: CalendarDate,
    days: Count,
    filters: z.object({
      hospitalId: Id.nullable(),
      departmentId: Id.nullable(),
      channel: ChannelKey.nullable(),
      edition: EditionKey.nullable(),
    }),
    generatedAt: Instant,
    totals: BookingTotals,
    byDay: z.array(BookingTotals.extend({ date: CalendarDate })),
    byHospital: z.array(BookingTotals.extend({ hospital: z.object(Named) })),
    byDepartment: z.array(BookingTotals.extend({ department: z.object(Named), hospital: z.object(Named) })),
    byChannel: z.array(z.object({ channel: ChannelKey, label: z.string(), bookings: Count })),
    byEdition: z.array(z.object({ edition: EditionKey, label: z.string(), bookings: Count })),
    cancellations: CancellationFigures,
    attendance: AttendanceFigures,
    blacklist: BlacklistFigures,
    sellOut: SellOutFigures,
  })
  .meta({ id: 'Statistics' });
export type Statistics = z.infer<typeof Statistics>;

/** A calendar month in Asia/Shanghai, e.g. 2026-11. */
export const CalendarMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
  .meta({ description: 'Calendar month in Asia/Shanghai (YYYY-MM)' });

export const MonthParams = z.object({ month: CalendarMonth });
export const MonthlyReportQuery = z.object({ hospitalId: Id.optional() });

const Bytes = z.custom<Uint8Array<ArrayBufferLike>>((v) => v instanceof Uint8Array);
export const MonthlyReportXlsx = Bytes.meta({
  description: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet (月度数据分析报告)',
});
export const MonthlyReportPdf = Bytes.meta({ description: 'application/pdf (月度数据分析报告)' });
