import type { PaymentTicket, PayScene } from '@cityhealth/shared-types';
import { Cron } from 'croner';
import type { EntityManager } from 'typeorm';
import type { AuditLog } from '../audit/audit-log.js';
import type { BookingCore } from '../core/booking/booking-core.js';
import type { Database } from '../db/database.js';
import { forUpdate, isUniqueViolation } from '../db/sql/execute.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Logger } from '../shared/logger.js';
import { iso } from '../shared/time.js';
import { ChannelError, NotifyRejected, type ChannelName, type ChannelRefund, type ChannelTrade, type NotifyReply, type PaymentChannel, type RawNotify } from './channel.js';
import { outRefundNo, outTradeNo } from './out-numbers.js';
import { PaymentStore, type PaymentRow, type RefundReason } from './payment-store.js';
import { tradeDiscrepancy, type TradeDiscrepancy } from './trade-check.js';

export interface PaymentServiceOptions {
  db: Database;
  booking: BookingCore;
  channels: Partial<Record<ChannelName, PaymentChannel>>;
  clock: Clock;
  logger: Logger;
  audit: AuditLog;
}

/** How long past a trade's own expiry an unreachable channel is waited for before the booking expires anyway. */
export const CLOSE_GRACE_MS = 2 * 60_000;

/** The platform whose login identity pays on a channel (the payer id is that platform's openid). */
const PAYER_PLATFORM: Record<ChannelName, string> = { wechat: 'weapp', alipay: 'alipay', baidu: 'swan' };

const REFUND_NOTES: Record<RefundReason, string> = {
  cancelled: '预约已取消，挂号费原路退回',
  'late-payment': '支付完成时已超过支付时限，号源已释放，挂号费原路退回',
  'duplicate-payment': '该预约已支付，重复支付的款项原路退回',
  'payment-mismatch': '支付信息与预约订单不符，款项原路退回',
};

interface PayableOrder {
  id: string;
  account_id: string;
  hospital_id: string;
  order_no: string;
  status: string;
  payment_status: string;
  cancel_reason: string | null;
  pay_deadline: number | null;
  fee_fen: number;
  hospital_name: string;
  department_name: string;
}

/**
 * Online payment of bookings: starts a channel trade for a pending booking, settles it from the
 * channel's verified notifies or active queries (idempotently, under the order's lock), closes
 * trades whose payment window passed, and refunds money that has no booking to pay for.
 */
export class PaymentService {
  private readonly store: PaymentStore;
  private job?: Cron;

  constructor(private readonly o: PaymentServiceOptions) {
    this.store = new PaymentStore(o.db.dialect);
  }

  channel(name: ChannelName): PaymentChannel {
    const c = this.o.channels[name];
    if (!c) throw new AppError('PAYMENT_UNAVAILABLE', '暂不支持该支付方式');
    return c;
  }

  /** Starts (or resumes) paying a pending booking on a channel and returns what the app needs. */
  async startPayment(accountId: string, orderId: string, channelName: ChannelName, scene: PayScene, payerIp: string): Promise<PaymentTicket> {
    const now = this.o.clock.now();
    const order = await this.payableOrder(accountId, orderId, now);
    const channel = this.channel(channelName);
    // Inside a mini-program the channel charges the platform identity; its H5 cashier needs none.
    let payerId: string | null = null;
    if (scene === 'miniprogram') {
      const [identity] = await this.o.db.query<{ open_id: string }>('SELECT open_id FROM account_identity WHERE account_id = ? AND platform = ?', [accountId, PAYER_PLATFORM[channelName]]);
      if (!identity) throw new AppError('PAYER_IDENTITY_REQUIRED');
      payerId = identity.open_id;
    }

    const payment = await this.o.db.write(async (tx) => {
      await tx.query(`SELECT id FROM booking_order WHERE id = ?${forUpdate(this.o.db.dialect)}`, [order.id]);
      // A trade is made for one scene (WeChat will not pay a JSAPI order on its H5 cashier).
      const open = (await this.store.ofOrder(tx, order.id)).find((p) => p.channel === channelName && p.scene === scene && p.status === 'open');
      if (open) return open;
      const row: PaymentRow = {
        id: newId(), order_id: order.id, account_id: accountId, hospital_id: order.hospital_id, channel: channelName, scene,
        out_trade_no: outTradeNo(order.order_no, channelName), amount_fen: order.fee_fen, status: 'open',
        channel_trade_no: null, paid_at: null, expires_at: order.pay_deadline!, created_at: now,
      };
      await this.store.insertPayment(tx, row, now);
      return row;
    });

    try {
      const params = await channel.createPayment({
        outTradeNo: payment.out_trade_no,
        amountFen: payment.amount_fen,
        description: `${order.hospital_name} ${order.department_name} 挂号费`.slice(0, 127),
        scene,
        payerId,
        payerIp,
        expiresAt: payment.expires_at,
      });
      return { orderId: order.id, paymentId: payment.id, amountFen: payment.amount_fen, expiresAt: iso(payment.expires_at), params };
    } catch (e) {
      if (!(e instanceof ChannelError)) throw e;
      this.o.logger.warn({ err: e, outTradeNo: payment.out_trade_no }, 'payment channel refused to create the trade');
      // The trade may have been paid already (e.g. ORDERPAID): settle from the channel's own state.
      await this.checkPayment(payment).catch(() => undefined);
      const after = await this.payableOrder(accountId, orderId, now).catch((err: unknown) => err);
      if (after instanceof AppError) throw after;
      throw new AppError('PAYMENT_UNAVAILABLE');
    }
  }

  /** A channel's notify: verified, de-duplicated, applied. Answers in the channel's own terms. */
  async handleNotify(channelName: ChannelName, raw: RawNotify): Promise<NotifyReply> {
    const channel = this.o.channels[channelName];
    if (!channel) return { status: 404, contentType: 'text/plain', body: 'unknown channel' };
    const now = this.o.clock.now();
    let notify: Awaited<ReturnType<typeof channel.verifyNotify>>;
    try {
      notify = await channel.verifyNotify(raw, now);
    } catch (e) {
      if (!(e instanceof NotifyRejected)) throw e;
      this.o.logger.warn({ channel: channelName, reason: e.reason, msg: e.message }, 'payment notify rejected');
      await this.o.audit.record({ actorType: 'system', action: 'payment.notify.rejected', detail: { channel: channelName, reason: e.reason } });
      return channel.notifyReply(false);
    }
    const outNo = notify.kind === 'payment' ? notify.trade.outTradeNo : notify.refund.outRefundNo;
    const fresh = await this.o.db.write((tx) =>
      this.store.recordNotify(tx, { id: newId(), channel: channelName, kind: notify.kind, notifyId: notify.notifyId, replayKey: notify.replayKey, outNo, now }, isUniqueViolation),
    );
    if (!fresh) {
      this.o.logger.warn({ channel: channelName, outNo }, 'replayed payment notify refused');
      await this.o.audit.record({ actorType: 'system', action: 'payment.notify.replayed', detail: { channel: channelName, outNo } });
      return channel.notifyReply(false);
    }
    if (notify.kind === 'payment') await this.applyTrade(channelName, notify.trade);
    else await this.applyRefund(channelName, notify.refund);
    return channel.notifyReply(true);
  }

  /** Applies a trade state reported by a channel (notify or query). Safe to repeat. */
  async applyTrade(channelName: ChannelName, trade: ChannelTrade): Promise<void> {
    if (trade.state !== 'paid') return;
    const found = await this.store.byOutTradeNo(this.o.db.manager, channelName, trade.outTradeNo);
    if (!found) {
      this.o.logger.error({ channel: channelName, outTradeNo: trade.outTradeNo }, 'paid trade with no payment of ours');
      return;
    }
    const payee = this.channel(channelName).payee;
    const now = this.o.clock.now();
    const refund = await this.o.booking.inTransition(async (tx) => {
      const payment = (await this.store.byOutTradeNo(tx, channelName, trade.outTradeNo, true))!;
      if (payment.status === 'discrepancy') return { ok: true, changed: false, scheduleId: '', refundId: null };
      const discrepancy = payment.status === 'paid' ? null : tradeDiscrepancy(trade, { amountFen: payment.amount_fen, payee });
      if (discrepancy) return { ok: true, changed: false, scheduleId: '', refundId: await this.keepDiscrepancy(tx, payment, trade, discrepancy, now) };
      const r = await this.o.booking.within.confirmPaid(tx, found.order_id, payment.status === 'paid', now);
      if (!r.ok || r.outcome === 'unchanged') return { ...r, refundId: null };
      await this.store.markPaid(tx, payment.id, trade, now);
      if (r.outcome === 'booked') return { ...r, refundId: null };
      // Money with no booking to pay for: the window had passed or another payment came first.
      const [order] = await tx.query('SELECT payment_status, cancel_reason FROM booking_order WHERE id = ?', [found.order_id]) as { payment_status: string; cancel_reason: string | null }[];
      const reason: RefundReason = order?.payment_status === 'paid' || order?.payment_status === 'refunding' ? 'duplicate-payment'
        : order?.cancel_reason === 'payment-timeout' ? 'late-payment' : 'cancelled';
      const refundId = await this.createRefund(tx, { ...payment, status: 'paid' }, payment.amount_fen, reason, now);
      if (reason !== 'duplicate-payment') await this.o.booking.within.recordPaymentStep(tx, found.order_id, 'refunding', `${reason}-refund`, now);
      return { ...r, refundId };
    });
    if (refund.refundId) await this.submitRefund(refund.refundId);
  }

  /**
   * A paid trade that is not the one we asked for books nothing: the booking stays unpaid (the
   * patient may pay again within the window), the payment is kept as a discrepancy for
   * reconciliation, the patient's order history says so, and money that reached our merchant
   * account goes back in full.
   */
  private async keepDiscrepancy(tx: EntityManager, payment: PaymentRow, trade: ChannelTrade, d: TradeDiscrepancy, now: number): Promise<string | null> {
    await this.store.markDiscrepancy(tx, payment.id, trade, d, now);
    await this.o.audit.record({ actorType: 'system', action: 'payment.discrepancy', targetType: 'payment', targetId: payment.id, detail: { channel: payment.channel, outTradeNo: payment.out_trade_no, fields: d.fields, detail: d.detail, refundable: d.refundable } }, tx);
    this.o.logger.error({ channel: payment.channel, outTradeNo: payment.out_trade_no, fields: d.fields, detail: d.detail }, 'paid trade does not match its payment: booked nothing');
    await this.o.booking.within.recordOrderNote(tx, payment.order_id, d.refundable ? 'payment-mismatch-refund' : 'payment-mismatch', now);
    return d.refundable ? this.createRefund(tx, payment, d.channelTotalFen, 'payment-mismatch', now) : null;
  }

  /** Applies a refund state reported by a channel. Safe to repeat. */
  async applyRefund(channelName: ChannelName, refund: ChannelRefund): Promise<void> {
    const found = await this.store.refund(this.o.db.manager, { channel: channelName, outRefundNo: refund.outRefundNo });
    if (!found) {
      this.o.logger.error({ channel: channelName, outRefundNo: refund.outRefundNo }, 'refund notify for a refund we never made');
      return;
    }
    if (refund.state === 'processing') return;
    const now = this.o.clock.now();
    await this.o.booking.inTransition(async (tx) => {
      const current = await this.store.refund(tx, { id: found.id }, true);
      if (!current || current.status === refund.state) return { ok: true, changed: false, scheduleId: '' };
      await this.store.updateRefund(tx, current.id, refund, now);
      // Only a refund of the booking's own payment changes the booking's payment status.
      if (refund.state === 'succeeded' && (current.reason === 'cancelled' || current.reason === 'late-payment')) {
        await this.o.booking.within.recordPaymentStep(tx, current.order_id, 'refunded', 'refunded', now);
      }
      if (refund.state === 'succeeded' && current.reason === 'payment-mismatch') await this.o.booking.within.recordOrderNote(tx, current.order_id, 'mismatch-refunded', now);
      if (refund.state !== 'succeeded') {
        await this.o.audit.record({ actorType: 'system', action: 'refund.failed', targetType: 'refund', targetId: current.id, detail: { state: refund.state } }, tx);
      }
      return { ok: true, changed: false, scheduleId: '' };
    });
  }

  /** Active query of one open payment; settles it when the channel says it is paid. */
  async checkPayment(payment: PaymentRow): Promise<ChannelTrade> {
    const trade = await this.channel(payment.channel).queryPayment(payment.out_trade_no);
    await this.store.touch(this.o.db.manager, 'payment', payment.id, this.o.clock.now());
    await this.applyTrade(payment.channel, trade);
    return trade;
  }

  /**
   * Closes the trades of a booking whose payment window has passed. Returns false when the
   * booking must stay as it is for now: it turned out paid, or a channel could not be reached
   * yet. A trade the channel does not know is closed on our side at once. A channel that stays
   * unreachable is waited for only CLOSE_GRACE_MS: every trade carries the deadline as its expiry
   * (time_expire), so the channel takes no money after it, and a payment that still arrives finds
   * the booking closed and is refunded as late.
   */
  async closeOverdue(orderId: string): Promise<boolean> {
    for (const payment of await this.store.ofOrder(this.o.db.manager, orderId)) {
      if (payment.status !== 'open') continue;
      try {
        const trade = await this.checkPayment(payment);
        if (trade.state === 'paid') return false;
        if (trade.state !== 'absent') await this.channel(payment.channel).closePayment(payment.out_trade_no);
      } catch (e) {
        if (!(e instanceof ChannelError || e instanceof AppError)) throw e;
        if (this.o.clock.now() < payment.expires_at + CLOSE_GRACE_MS) {
          this.o.logger.warn({ err: e, outTradeNo: payment.out_trade_no }, 'could not close an overdue trade; will retry');
          return false;
        }
        this.o.logger.warn({ err: e, outTradeNo: payment.out_trade_no }, 'channel unreachable past the trade\'s own expiry; closing it on our side');
        await this.o.audit.record({ actorType: 'system', action: 'payment.closed-unconfirmed', targetType: 'payment', targetId: payment.id, detail: { channel: payment.channel, code: e.code } });
      }
      await this.o.db.write((tx) => this.store.markClosed(tx, payment.id, this.o.clock.now()));
    }
    return true;
  }

  /** Refunds for bookings cancelled after payment (the booking core marks them 'refunding'). */
  async refundCancelled(limit = 100): Promise<number> {
    let n = 0;
    for (const payment of await this.store.paidPaymentsAwaitingRefund(this.o.db.manager, limit)) {
      const refundId = await this.o.db.write(async (tx) => {
        const current = await this.store.byOutTradeNo(tx, payment.channel, payment.out_trade_no, true);
        const [existing] = await tx.query('SELECT id FROM refund WHERE payment_id = ?', [payment.id]) as { id: string }[];
        if (!current || existing) return null;
        return this.createRefund(tx, current, current.amount_fen, 'cancelled', this.o.clock.now());
      });
      if (refundId) {
        await this.submitRefund(refundId);
        n++;
      }
    }
    return n;
  }

  /** Sends a created refund to its channel, or asks the channel how a sent one is doing. */
  async submitRefund(refundId: string): Promise<void> {
    const refund = await this.store.refund(this.o.db.manager, { id: refundId });
    if (!refund || (refund.status !== 'created' && refund.status !== 'processing')) return;
    const channel = this.channel(refund.channel);
    const now = this.o.clock.now();
    try {
      const state = refund.status === 'created'
        ? await channel.refund({ outTradeNo: refund.out_trade_no, outRefundNo: refund.out_refund_no, refundFen: refund.amount_fen, totalFen: refund.total_fen, reason: REFUND_NOTES[refund.reason] })
        : await channel.queryRefund(refund.out_refund_no, refund.out_trade_no);
      await this.store.touch(this.o.db.manager, 'refund', refund.id, now);
      if (state.state === 'processing' && refund.status === 'created') {
        await this.o.db.write((tx) => this.store.updateRefund(tx, refund.id, state, now));
      } else {
        await this.applyRefund(refund.channel, state);
      }
    } catch (e) {
      if (!(e instanceof ChannelError)) throw e;
      await this.store.touch(this.o.db.manager, 'refund', refund.id, now);
      this.o.logger.warn({ err: e, outRefundNo: refund.out_refund_no }, 'refund not accepted by the channel yet');
      if (!e.retryable) {
        await this.o.db.write((tx) => this.store.updateRefund(tx, refund.id, { state: 'failed' }, now));
        await this.o.audit.record({ actorType: 'system', action: 'refund.failed', targetType: 'refund', targetId: refund.id, detail: { code: e.code } });
      }
    }
  }

  /** One pass of the background work: query quiet trades, refund, follow refunds up. */
  async sweep(options: { quietMs?: number; limit?: number } = {}): Promise<void> {
    const quietMs = options.quietMs ?? 60_000;
    const limit = options.limit ?? 100;
    const now = this.o.clock.now();
    for (const p of await this.store.openPaymentsToCheck(this.o.db.manager, now, quietMs, limit)) {
      await this.checkPayment(p).catch((e: unknown) => this.o.logger.warn({ err: e, outTradeNo: p.out_trade_no }, 'payment query failed'));
    }
    await this.refundCancelled(limit);
    for (const r of await this.store.refundsToAdvance(this.o.db.manager, now, quietMs, limit)) await this.submitRefund(r.id);
  }

  startJobs(): void {
    this.job ??= new Cron('*/15 * * * * *', { protect: true }, async () => {
      try {
        await this.sweep();
      } catch (err) {
        this.o.logger.error({ err }, 'payment sweep failed');
      }
    });
  }

  stopJobs(): void {
    this.job?.stop();
    this.job = undefined;
  }

  private async createRefund(tx: EntityManager, payment: PaymentRow, amountFen: number, reason: RefundReason, now: number): Promise<string> {
    const [order] = await tx.query('SELECT order_no FROM booking_order WHERE id = ?', [payment.order_id]) as { order_no: string }[];
    const id = newId();
    await this.store.insertRefund(tx, { id, payment, amountFen, outRefundNo: outRefundNo(order!.order_no), reason, note: REFUND_NOTES[reason] }, now);
    await this.o.audit.record({ actorType: 'system', action: 'refund.create', targetType: 'order', targetId: payment.order_id, detail: { reason, amountFen, channel: payment.channel } }, tx);
    return id;
  }

  private async payableOrder(accountId: string, orderId: string, now: number): Promise<PayableOrder> {
    const [row] = await this.o.db.query<PayableOrder>(
      `SELECT o.id, o.account_id, o.hospital_id, o.order_no, o.status, o.payment_status, o.cancel_reason, o.pay_deadline, o.fee_fen, h.name AS hospital_name, d.name AS department_name
       FROM booking_order o JOIN hospital h ON h.id = o.hospital_id JOIN department d ON d.id = o.department_id WHERE o.id = ? AND o.account_id = ?`,
      [orderId, accountId],
    );
    if (!row) throw new AppError('NOT_FOUND', '预约不存在');
    const order = { ...row, fee_fen: Number(row.fee_fen), pay_deadline: row.pay_deadline === null ? null : Number(row.pay_deadline) };
    if (order.payment_status === 'paid' || order.payment_status === 'refunding' || order.payment_status === 'refunded') {
      throw new AppError(order.payment_status === 'paid' ? 'ORDER_ALREADY_PAID' : 'ORDER_NOT_PAYABLE');
    }
    if (order.payment_status === 'not-required' || order.payment_status === 'pay-at-hospital') throw new AppError('PAYMENT_NOT_REQUIRED');
    if (order.status !== 'pending') throw new AppError(order.cancel_reason === 'payment-timeout' ? 'PAYMENT_TIMED_OUT' : 'ORDER_NOT_PAYABLE');
    if (order.pay_deadline === null || order.pay_deadline <= now) throw new AppError('PAYMENT_TIMED_OUT');
    return order;
  }
}

