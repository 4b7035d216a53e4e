import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

/** One attempt to pay a booking on a channel (a trade of that channel). */
export interface PaymentEntityRow {
  id: string;
  orderId: string;
  accountId: string;
  hospitalId: string;
  channel: string;
  scene: string;
  outTradeNo: string;
  amountFen: number;
  status: string;
  channelTradeNo: string | null;
  paidFen: number | null;
  paidAt: number | null;
  expiresAt: number;
  lastCheckedAt: number | null;
  /** What the channel says the trade's total was, when it disagrees with ours (a discrepancy). */
  channelTotalFen: number | null;
  discrepancy: string | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export const Payment = new EntitySchema<PaymentEntityRow>({
  name: 'Payment',
  tableName: 'payment',
  columns: {
    id: col.id(),
    orderId: { ...col.ref(), name: 'order_id' },
    accountId: { ...col.ref(), name: 'account_id' },
    hospitalId: { ...col.ref(), name: 'hospital_id' },
    channel: col.str(10),
    scene: col.str(12),
    outTradeNo: { ...col.str(32), name: 'out_trade_no' },
    amountFen: { ...col.int(), name: 'amount_fen' },
    status: col.str(12),
    channelTradeNo: { ...col.str(64, true), name: 'channel_trade_no' },
    paidFen: { ...col.int(true), name: 'paid_fen' },
    paidAt: { ...col.instant(true), name: 'paid_at' },
    expiresAt: { ...col.instant(), name: 'expires_at' },
    lastCheckedAt: { ...col.instant(true), name: 'last_checked_at' },
    channelTotalFen: { ...col.int(true), name: 'channel_total_fen' },
    discrepancy: col.str(200, true),
    createdAt: { ...col.instant(), name: 'created_at' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
    version: col.int(),
  },
});

export interface RefundEntityRow {
  id: string;
  paymentId: string;
  orderId: string;
  hospitalId: string;
  channel: string;
  outRefundNo: string;
  amountFen: number;
  reason: string;
  note: string | null;
  status: string;
  channelRefundNo: string | null;
  succeededAt: number | null;
  lastCheckedAt: number | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export const Refund = new EntitySchema<RefundEntityRow>({
  name: 'Refund',
  tableName: 'refund',
  columns: {
    id: col.id(),
    paymentId: { ...col.ref(), name: 'payment_id' },
    orderId: { ...col.ref(), name: 'order_id' },
    hospitalId: { ...col.ref(), name: 'hospital_id' },
    channel: col.str(10),
    outRefundNo: { ...col.str(32), name: 'out_refund_no' },
    amountFen: { ...col.int(), name: 'amount_fen' },
    reason: col.str(20),
    note: col.str(200, true),
    status: col.str(12),
    channelRefundNo: { ...col.str(64, true), name: 'channel_refund_no' },
    succeededAt: { ...col.instant(true), name: 'succeeded_at' },
    lastCheckedAt: { ...col.instant(true), name: 'last_checked_at' },
    createdAt: { ...col.instant(), name: 'created_at' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
    version: col.int(),
  },
});

/** A verified notify of a channel, kept so a replayed delivery is recognised. */
export interface PayNotifyRow {
  id: string;
  channel: string;
  kind: string;
  notifyId: string;
  replayKey: string;
  outNo: string;
  outcome: string;
  receivedAt: number;
}

export const PayNotify = new EntitySchema<PayNotifyRow>({
  name: 'PayNotify',
  tableName: 'pay_notify',
  columns: {
    id: col.id(),
    channel: col.str(10),
    kind: col.str(10),
    notifyId: { ...col.str(64), name: 'notify_id' },
    replayKey: { ...col.str(64), name: 'replay_key' },
    outNo: { ...col.str(32), name: 'out_no' },
    outcome: col.str(20),
    receivedAt: { ...col.instant(), name: 'received_at' },
  },
});
