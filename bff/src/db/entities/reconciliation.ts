import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

/** One channel's day for one hospital ('platform' scope for bill lines that are not ours). */
export interface ReconciliationRow {
  id: string;
  channel: string;
  billDate: string;
  scope: string;
  hospitalId: string | null;
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
  runId: string;
  createdAt: number;
}

export const Reconciliation = new EntitySchema<ReconciliationRow>({
  name: 'Reconciliation',
  tableName: 'reconciliation',
  columns: {
    id: col.id(),
    channel: col.str(10),
    billDate: { ...col.str(10), name: 'bill_date' },
    scope: col.str(36),
    hospitalId: { ...col.str(36, true), name: 'hospital_id' },
    matched: col.int(),
    missingLocal: { ...col.int(), name: 'missing_local' },
    missingChannel: { ...col.int(), name: 'missing_channel' },
    amountMismatch: { ...col.int(), name: 'amount_mismatch' },
    statusMismatch: { ...col.int(), name: 'status_mismatch' },
    ourPaidFen: { ...col.instant(), name: 'our_paid_fen' },
    ourRefundedFen: { ...col.instant(), name: 'our_refunded_fen' },
    channelPaidFen: { ...col.instant(), name: 'channel_paid_fen' },
    channelRefundedFen: { ...col.instant(), name: 'channel_refunded_fen' },
    feeFen: { ...col.instant(), name: 'fee_fen' },
    runId: { ...col.ref(), name: 'run_id' },
    createdAt: { ...col.instant(), name: 'created_at' },
  },
});

export interface ReconciliationLineRow {
  id: string;
  channel: string;
  billDate: string;
  hospitalId: string | null;
  kind: string;
  outcome: string;
  outTradeNo: string;
  outRefundNo: string | null;
  channelTradeNo: string | null;
  channelRefundNo: string | null;
  ourAmountFen: number | null;
  channelAmountFen: number | null;
  feeFen: number | null;
  ourStatus: string | null;
  channelStatus: string | null;
  orderId: string | null;
}

export const ReconciliationLine = new EntitySchema<ReconciliationLineRow>({
  name: 'ReconciliationLine',
  tableName: 'reconciliation_line',
  columns: {
    id: col.id(),
    channel: col.str(10),
    billDate: { ...col.str(10), name: 'bill_date' },
    hospitalId: { ...col.str(36, true), name: 'hospital_id' },
    kind: col.str(10),
    outcome: col.str(20),
    outTradeNo: { ...col.str(64), name: 'out_trade_no' },
    outRefundNo: { ...col.str(64, true), name: 'out_refund_no' },
    channelTradeNo: { ...col.str(64, true), name: 'channel_trade_no' },
    channelRefundNo: { ...col.str(64, true), name: 'channel_refund_no' },
    ourAmountFen: { ...col.int(true), name: 'our_amount_fen' },
    channelAmountFen: { ...col.int(true), name: 'channel_amount_fen' },
    feeFen: { ...col.int(true), name: 'fee_fen' },
    ourStatus: { ...col.str(20, true), name: 'our_status' },
    channelStatus: { ...col.str(20, true), name: 'channel_status' },
    orderId: { ...col.str(36, true), name: 'order_id' },
  },
});

/** Every run, successful or not: the job retries a day whose bill was not ready. */
export interface ReconciliationRunRow {
  id: string;
  channel: string;
  billDate: string;
  status: string;
  error: string | null;
  billLines: number | null;
  startedAt: number;
  finishedAt: number | null;
  triggeredBy: string;
}

export const ReconciliationRun = new EntitySchema<ReconciliationRunRow>({
  name: 'ReconciliationRun',
  tableName: 'reconciliation_run',
  columns: {
    id: col.id(),
    channel: col.str(10),
    billDate: { ...col.str(10), name: 'bill_date' },
    status: col.str(12),
    error: col.str(200, true),
    billLines: { ...col.int(true), name: 'bill_lines' },
    startedAt: { ...col.instant(), name: 'started_at' },
    finishedAt: { ...col.instant(true), name: 'finished_at' },
    triggeredBy: { ...col.str(60), name: 'triggered_by' },
  },
});
