import type { ReconciliationSummary } from '@cityhealth/shared-types';
import { PAY_CHANNEL_LABELS, RECONCILE_OUTCOMES } from '@cityhealth/shared-types/labels';

export type GroupBy = 'day' | 'channel' | 'hospital';
export type Outcome = (typeof RECONCILE_OUTCOMES)[number];

/** One row of the summary table: the sums of the summaries of one day, channel or hospital. */
export interface SummaryRow {
  key: string;
  label: string;
  counts: Record<Outcome, number>;
  discrepancies: number;
  ourPaidFen: number;
  ourRefundedFen: number;
  channelPaidFen: number;
  channelRefundedFen: number;
  feeFen: number;
}

const NO_HOSPITAL = '未归属医院';

function groupOf(item: ReconciliationSummary, by: GroupBy): { key: string; label: string } {
  if (by === 'day') return { key: item.billDate, label: item.billDate };
  if (by === 'channel') return { key: item.channel, label: PAY_CHANNEL_LABELS[item.channel] };
  return { key: item.hospital?.id ?? '-', label: item.hospital?.name ?? NO_HOSPITAL };
}

const emptyCounts = (): Record<Outcome, number> =>
  Object.fromEntries(RECONCILE_OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;

/** Adds the summaries up by day (newest first), channel or hospital. */
export function summarize(items: readonly ReconciliationSummary[], by: GroupBy): SummaryRow[] {
  const rows = new Map<string, SummaryRow>();
  for (const item of items) {
    const { key, label } = groupOf(item, by);
    let row = rows.get(key);
    if (!row) {
      row = {
        key,
        label,
        counts: emptyCounts(),
        discrepancies: 0,
        ourPaidFen: 0,
        ourRefundedFen: 0,
        channelPaidFen: 0,
        channelRefundedFen: 0,
        feeFen: 0,
      };
      rows.set(key, row);
    }
    for (const outcome of RECONCILE_OUTCOMES) {
      row.counts[outcome] += item.counts[outcome];
      if (outcome !== 'matched') row.discrepancies += item.counts[outcome];
    }
    row.ourPaidFen += item.ourPaidFen;
    row.ourRefundedFen += item.ourRefundedFen;
    row.channelPaidFen += item.channelPaidFen;
    row.channelRefundedFen += item.channelRefundedFen;
    row.feeFen += item.feeFen;
  }
  const sorted = [...rows.values()];
  return by === 'day' ? sorted.sort((a, b) => b.key.localeCompare(a.key)) : sorted;
}
