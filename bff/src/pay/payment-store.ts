import type { EntityManager } from 'typeorm';
import type { Dialect } from '../db/database.js';
import { Payment, PayNotify, Refund } from '../db/entities/index.js';
import { insertRows } from '../db/sql/table.js';
import { execute, forUpdate } from '../db/sql/execute.js';
import type { ChannelName, ChannelRefund, ChannelTrade, PayScene } from './channel.js';

/**
 * discrepancy: the channel reported it paid, but not as we asked (amount, currency, app, merchant); it booked nothing.
 */
export type PaymentRowStatus = 'open' | 'paid' | 'closed' | 'discrepancy';
export type RefundRowStatus = 'created' | 'processing' | 'succeeded' | 'failed' | 'closed';
export type RefundReason = 'cancelled' | 'late-payment' | 'duplicate-payment' | 'payment-mismatch';

export interface PaymentRow {
  id: string;
  order_id: string;
  account_id: string;
  hospital_id: string;
  channel: ChannelName;
  /** The scene the channel's trade was made for; an open trade is reused only there. */
  scene: PayScene;
  out_trade_no: string;
  amount_fen: number;
  status: PaymentRowStatus;
  channel_trade_no: string | null;
  paid_at: number | null;
  expires_at: number;
  created_at: number;
}

export interface RefundRow {
  id: string;
  payment_id: string;
  order_id: string;
  channel: ChannelName;
  out_refund_no: string;
  amount_fen: number;
  reason: RefundReason;
  status: RefundRowStatus;
  out_trade_no: string;
  total_fen: number;
}

const PAYMENT_COLUMNS =
  'id, order_id, account_id, hospital_id, channel, scene, out_trade_no, amount_fen, status, channel_trade_no, ' +
  'paid_at, expires_at, created_at';
/** The same columns, of the payment aliased `p`. */
const P_PAYMENT_COLUMNS = PAYMENT_COLUMNS.split(', ')
  .map((c) => `p.${c}`)
  .join(', ');
/** A refund names the trade's total as the channel holds it (ours, unless the trade was a discrepancy). */
const REFUND_TOTAL = 'COALESCE(p.channel_total_fen, p.amount_fen)';
/** Drivers return BIGINT (and sometimes INT) columns as strings; these are numbers. */
function numbers<T extends object>(row: T, keys: (keyof T)[]): T {
  const out = { ...row } as Record<keyof T, unknown>;
  for (const k of keys) if (out[k] !== null && out[k] !== undefined) out[k] = Number(out[k]);
  return out as T;
}
const asPayment = (r: PaymentRow) => numbers(r, ['amount_fen', 'paid_at', 'expires_at', 'created_at']);
const asRefund = (r: RefundRow) => numbers(r, ['amount_fen', 'total_fen']);

/** The SQL of payments and refunds (both dialects), kept apart from the rules that use it. */
export class PaymentStore {
  constructor(private readonly dialect: Dialect) {}

  async byOutTradeNo(
    q: EntityManager,
    channel: ChannelName,
    outTradeNo: string,
    lock = false,
  ): Promise<PaymentRow | undefined> {
    const [row] = (await q.query(
      `SELECT ${PAYMENT_COLUMNS} FROM payment WHERE channel = ?
        AND out_trade_no = ?${lock ? forUpdate(this.dialect) : ''}`,
      [channel, outTradeNo],
    )) as PaymentRow[];
    return row && asPayment(row);
  }

  async ofOrder(q: EntityManager, orderId: string): Promise<PaymentRow[]> {
    return (
      (await q.query(`SELECT ${PAYMENT_COLUMNS} FROM payment WHERE order_id = ? ORDER BY created_at`, [
        orderId,
      ])) as PaymentRow[]
    ).map(asPayment);
  }

  async insertPayment(tx: EntityManager, row: PaymentRow, now: number): Promise<void> {
    await insertRows(tx, Payment, [
      {
        id: row.id,
        orderId: row.order_id,
        accountId: row.account_id,
        hospitalId: row.hospital_id,
        channel: row.channel,
        scene: row.scene,
        outTradeNo: row.out_trade_no,
        amountFen: row.amount_fen,
        status: row.status,
        channelTradeNo: null,
        paidFen: null,
        paidAt: null,
        expiresAt: row.expires_at,
        lastCheckedAt: null,
        channelTotalFen: null,
        discrepancy: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      },
    ]);
  }

  async markPaid(tx: EntityManager, paymentId: string, trade: ChannelTrade, now: number): Promise<void> {
    await execute(
      tx,
      `UPDATE payment SET status = 'paid', channel_trade_no = ?, paid_fen = ?, paid_at = ?, updated_at = ?,
        version = version + 1 WHERE id = ?`,
      [trade.channelTradeNo, trade.paidFen, trade.paidAt ?? now, now, paymentId],
    );
  }

  async markDiscrepancy(
    tx: EntityManager,
    paymentId: string,
    trade: ChannelTrade,
    d: { detail: string; channelTotalFen: number },
    now: number,
  ): Promise<void> {
    await execute(
      tx,
      `UPDATE payment SET status = 'discrepancy', channel_trade_no = ?, paid_fen = ?, paid_at = ?,
        channel_total_fen = ?, discrepancy = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
      [
        trade.channelTradeNo,
        trade.paidFen,
        trade.paidAt ?? now,
        d.channelTotalFen,
        d.detail.slice(0, 200),
        now,
        paymentId,
      ],
    );
  }

  async markClosed(tx: EntityManager, paymentId: string, now: number): Promise<void> {
    await execute(
      tx,
      "UPDATE payment SET status = 'closed', updated_at = ?, version = version + 1 WHERE id = ? AND status = 'open'",
      [now, paymentId],
    );
  }

  async touch(q: EntityManager, table: 'payment' | 'refund', id: string, now: number): Promise<void> {
    await q.query(`UPDATE ${table} SET last_checked_at = ? WHERE id = ?`, [now, id]);
  }

  /** `amountFen`: what goes back, the whole of what the channel took. */
  async insertRefund(
    tx: EntityManager,
    r: {
      id: string;
      payment: PaymentRow;
      amountFen: number;
      outRefundNo: string;
      reason: RefundReason;
      note: string | null;
    },
    now: number,
  ): Promise<void> {
    await insertRows(tx, Refund, [
      {
        id: r.id,
        paymentId: r.payment.id,
        orderId: r.payment.order_id,
        hospitalId: r.payment.hospital_id,
        channel: r.payment.channel,
        outRefundNo: r.outRefundNo,
        amountFen: r.amountFen,
        reason: r.reason,
        note: r.note,
        status: 'created',
        channelRefundNo: null,
        succeededAt: null,
        lastCheckedAt: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      },
    ]);
  }

  async refund(
    q: EntityManager,
    where: { id?: string; channel?: ChannelName; outRefundNo?: string },
    lock = false,
  ): Promise<RefundRow | undefined> {
    const [cond, params] = where.id
      ? ['r.id = ?', [where.id]]
      : ['r.channel = ? AND r.out_refund_no = ?', [where.channel, where.outRefundNo]];
    const [row] = (await q.query(
      `SELECT r.id, r.payment_id, r.order_id, r.channel, r.out_refund_no, r.amount_fen, r.reason, r.status,
        p.out_trade_no, ${REFUND_TOTAL} AS total_fen FROM refund r JOIN payment p ON p.id = r.payment_id
        WHERE ${cond}${lock ? forUpdate(this.dialect) : ''}`,
      params,
    )) as RefundRow[];
    return row && asRefund(row);
  }

  async updateRefund(
    tx: EntityManager,
    refundId: string,
    r: Pick<ChannelRefund, 'state' | 'channelRefundNo' | 'succeededAt'> | { state: 'failed' },
    now: number,
  ): Promise<void> {
    const status: RefundRowStatus = r.state;
    const channelNo = 'channelRefundNo' in r ? r.channelRefundNo : null;
    const at = 'succeededAt' in r ? r.succeededAt : null;
    await execute(
      tx,
      `UPDATE refund SET status = ?, channel_refund_no = COALESCE(?, channel_refund_no),
        succeeded_at = COALESCE(?, succeeded_at), updated_at = ?, version = version + 1 WHERE id = ?`,
      [status, channelNo, status === 'succeeded' ? (at ?? now) : null, now, refundId],
    );
  }

  /** Records a verified notify; false when this delivery (its replay key) was seen before. */
  async recordNotify(
    q: EntityManager,
    n: {
      id: string;
      channel: ChannelName;
      kind: string;
      notifyId: string;
      replayKey: string;
      outNo: string;
      now: number;
    },
    isDuplicate: (e: unknown) => boolean,
  ): Promise<boolean> {
    try {
      await insertRows(q, PayNotify, [
        {
          id: n.id,
          channel: n.channel,
          kind: n.kind,
          notifyId: n.notifyId,
          replayKey: n.replayKey.slice(0, 64),
          outNo: n.outNo,
          outcome: 'accepted',
          receivedAt: n.now,
        },
      ]);
      return true;
    } catch (e) {
      if (isDuplicate(e)) return false;
      throw e;
    }
  }

  // --- what the sweeper works through ---

  /** Open payments of pending orders, not checked for `quietMs`: query them actively. */
  async openPaymentsToCheck(q: EntityManager, now: number, quietMs: number, limit: number): Promise<PaymentRow[]> {
    return (
      (await q.query(
        `SELECT ${P_PAYMENT_COLUMNS} FROM payment p WHERE p.status = 'open' AND p.created_at <= ?
          AND (p.last_checked_at IS NULL OR p.last_checked_at <= ?) ORDER BY p.created_at LIMIT ${Math.floor(limit)}`,
        [now - quietMs, now - quietMs],
      )) as PaymentRow[]
    ).map(asPayment);
  }

  /** Orders whose payment status says a refund is due but that have no refund yet, with the payment to refund. */
  async paidPaymentsAwaitingRefund(q: EntityManager, limit: number): Promise<PaymentRow[]> {
    return (
      (await q.query(
        `SELECT ${P_PAYMENT_COLUMNS} FROM booking_order o JOIN payment p ON p.order_id = o.id AND p.status = 'paid'
          WHERE o.payment_status = 'refunding' AND NOT EXISTS (SELECT 1 FROM refund r WHERE r.payment_id = p.id)
          LIMIT ${Math.floor(limit)}`,
        [],
      )) as PaymentRow[]
    ).map(asPayment);
  }

  async refundsToAdvance(q: EntityManager, now: number, quietMs: number, limit: number): Promise<RefundRow[]> {
    return (
      (await q.query(
        `SELECT r.id, r.payment_id, r.order_id, r.channel, r.out_refund_no, r.amount_fen, r.reason, r.status,
          p.out_trade_no, ${REFUND_TOTAL} AS total_fen FROM refund r JOIN payment p ON p.id = r.payment_id
          WHERE r.status IN ('created', 'processing') AND (r.last_checked_at IS NULL OR r.last_checked_at <= ?)
          ORDER BY r.created_at LIMIT ${Math.floor(limit)}`,
        [now - quietMs],
      )) as RefundRow[]
    ).map(asRefund);
  }
}
