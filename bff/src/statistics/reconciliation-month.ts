import { PAY_CHANNEL_LABELS, PAY_CHANNELS } from '@cityhealth/shared-types';
import type { Database } from '../db/database.js';
import { num } from './order-filter.js';
import type { DateRange } from './range.js';

/** One payment channel's reconciliation outcomes over the bill dates of a month. */
export interface ReconciliationMonthRow {
  channel: (typeof PAY_CHANNELS)[number];
  label: string;
  /** Days with a reconciliation on record. */
  days: number;
  matched: number;
  missingLocal: number;
  missingChannel: number;
  amountMismatch: number;
  statusMismatch: number;
  ourPaidFen: number;
  ourRefundedFen: number;
  channelPaidFen: number;
  channelRefundedFen: number;
  feeFen: number;
}

/** Sums the reconciliation summaries (one per channel, day and hospital) by channel, in SQL. */
export async function reconciliationMonth(
  db: Database,
  range: DateRange,
  hospitalId: string | undefined,
): Promise<ReconciliationMonthRow[]> {
  const rows = await db.query<Record<string, unknown> & { channel: string }>(
    `SELECT channel, COUNT(DISTINCT bill_date) AS days, SUM(matched) AS matched, SUM(missing_local) AS missing_local,
        SUM(missing_channel) AS missing_channel, SUM(amount_mismatch) AS amount_mismatch,
        SUM(status_mismatch) AS status_mismatch, SUM(our_paid_fen) AS our_paid_fen,
        SUM(our_refunded_fen) AS our_refunded_fen, SUM(channel_paid_fen) AS channel_paid_fen,
        SUM(channel_refunded_fen) AS channel_refunded_fen, SUM(fee_fen) AS fee_fen
      FROM reconciliation WHERE bill_date >= ? AND bill_date <= ?${hospitalId ? ' AND hospital_id = ?' : ''}
      GROUP BY channel`,
    [range.from, range.to, ...(hospitalId ? [hospitalId] : [])],
  );
  return PAY_CHANNELS.map((channel) => {
    const r: Record<string, unknown> = rows.find((x) => x.channel === channel) ?? {};
    return {
      channel,
      label: PAY_CHANNEL_LABELS[channel],
      days: num(r.days),
      matched: num(r.matched),
      missingLocal: num(r.missing_local),
      missingChannel: num(r.missing_channel),
      amountMismatch: num(r.amount_mismatch),
      statusMismatch: num(r.status_mismatch),
      ourPaidFen: num(r.our_paid_fen),
      ourRefundedFen: num(r.our_refunded_fen),
      channelPaidFen: num(r.channel_paid_fen),
      channelRefundedFen: num(r.channel_refunded_fen),
      feeFen: num(r.fee_fen),
    };
  });
}
