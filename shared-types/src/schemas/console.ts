import { z } from 'zod';
import { PAY_CHANNELS, RECONCILE_OUTCOMES } from '../labels.js';
import { CalendarDate, Id, Instant, PageQuery, paged } from './common.js';

export const ReconcileChannel = z.enum(PAY_CHANNELS);
export const ReconcileOutcome = z.enum(RECONCILE_OUTCOMES);

export const ReconciliationQuery = z
  .object({ from: CalendarDate, to: CalendarDate, channel: ReconcileChannel.optional(), hospitalId: Id.optional() })
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 92 * 86_400_000, {
    message: '一次最多查询 93 天',
    path: ['to'],
  });

export const ReconciliationSummary = z
  .object({
    channel: ReconcileChannel,
    billDate: CalendarDate,
    /** null: bill lines that belong to no hospital of the platform. */
    hospital: z.object({ id: Id, name: z.string() }).nullable(),
    counts: z.object(
      Object.fromEntries(RECONCILE_OUTCOMES.map((o) => [o, z.number().int()])) as Record<
        (typeof RECONCILE_OUTCOMES)[number],
        z.ZodNumber
      >,
    ),
    ourPaidFen: z.number().int(),
    ourRefundedFen: z.number().int(),
    channelPaidFen: z.number().int(),
    channelRefundedFen: z.number().int(),
    feeFen: z.number().int(),
    reconciledAt: Instant,
  })
  .meta({ id: 'ReconciliationSummary' });

export const ReconciliationSummaryList = z
  .object({ items: z.array(ReconciliationSummary) })
  .meta({ id: 'ReconciliationSummaryList' });

export const DateParams = z.object({ date: CalendarDate });

export const ReconciliationLinesQuery = PageQuery.extend({
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
  channel: ReconcileChannel.optional(),
  hospitalId: Id.optional(),
  /** Default: every outcome but matched (the discrepancies). */
  outcome: z.union([ReconcileOutcome, z.literal('all'), z.literal('discrepancies')]).default('discrepancies'),
});

export const ReconciliationLine = z
  .object({
    channel: ReconcileChannel,
    billDate: CalendarDate,
    hospital: z.object({ id: Id, name: z.string() }).nullable(),
    kind: z.enum(['payment', 'refund']),
    outcome: ReconcileOutcome,
    outTradeNo: z.string(),
    outRefundNo: z.string().nullable(),
    channelTradeNo: z.string().nullable(),
    channelRefundNo: z.string().nullable(),
    ourAmountFen: z.number().int().nullable(),
    channelAmountFen: z.number().int().nullable(),
    feeFen: z.number().int().nullable(),
    ourStatus: z.string().nullable(),
    channelStatus: z.string().nullable(),
    orderId: Id.nullable(),
  })
  .meta({ id: 'ReconciliationLine' });

export const ReconciliationLinePage = paged(ReconciliationLine);

export const RunReconciliationRequest = z
  .object({ channel: ReconcileChannel })
  .meta({ id: 'RunReconciliationRequest' });

export const ReconciliationRun = z
  .object({
    channel: ReconcileChannel,
    billDate: CalendarDate,
    billLines: z.number().int(),
    counts: ReconciliationSummary.shape.counts,
  })
  .meta({ id: 'ReconciliationRun' });

export const CsvQuery = z.object({ channel: ReconcileChannel.optional(), hospitalId: Id.optional() });

export const ReconciliationCsv = z.string().meta({
  id: 'ReconciliationCsv',
  description:
    'text/csv: UTF-8 with BOM, CRLF; 日期,渠道,医院,商户订单号,渠道订单号,商户退款单号,类型,我方金额(元),渠道金额(元),手续费(元),结果,… ' +
    "(cells starting with = + - @ prefixed with ')",
});

export type ReconciliationSummary = z.infer<typeof ReconciliationSummary>;
export type ReconciliationLine = z.infer<typeof ReconciliationLine>;
