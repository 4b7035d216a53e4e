import type { EntityManager } from 'typeorm';
import { AppError } from '../shared/errors.js';
import { ChannelError, type ChannelName, type ChannelTrade } from './channel.js';
import type { PaymentContext } from './payment-context.js';
import type { PaymentRow, RefundReason } from './payment-store.js';
import type { Refunds } from './refunds.js';
import { tradeDiscrepancy, type TradeDiscrepancy } from './trade-check.js';

/** How long past a trade's own expiry an unreachable channel is waited for before the booking expires anyway. */
export const CLOSE_GRACE_MS = 2 * 60_000;

/** Settles trades from what their channel reports (notify or query), idempotently under the order's lock. */
export class Settlement {
  constructor(
    private readonly c: PaymentContext,
    private readonly refunds: Refunds,
  ) {}

  /** Applies a trade state reported by a channel (notify or query). Safe to repeat. */
  async applyTrade(channelName: ChannelName, trade: ChannelTrade): Promise<void> {
    if (trade.state !== 'paid') return;
    const { db, clock, logger, booking } = this.c.o;
    const found = await this.c.store.byOutTradeNo(db.manager, channelName, trade.outTradeNo);
    if (!found) {
      logger.error({ channel: channelName, outTradeNo: trade.outTradeNo }, 'paid trade with no payment of ours');
      return;
    }
    const payee = this.c.channel(channelName).payee;
    const now = clock.now();
    const refund = await booking.inTransition(async (tx) => {
      const payment = (await this.c.store.byOutTradeNo(tx, channelName, trade.outTradeNo, true))!;
      if (payment.status === 'discrepancy') return { ok: true, changed: false, scheduleId: '', refundId: null };
      const discrepancy =
        payment.status === 'paid' ? null : tradeDiscrepancy(trade, { amountFen: payment.amount_fen, payee });
      if (discrepancy) {
        return {
          ok: true,
          changed: false,
          scheduleId: '',
          refundId: await this.keepDiscrepancy(tx, payment, trade, discrepancy, now),
        };
      }
      const r = await booking.within.confirmPaid(tx, found.order_id, payment.status === 'paid', now);
      if (!r.ok || r.outcome === 'unchanged') return { ...r, refundId: null };
      await this.c.store.markPaid(tx, payment.id, trade, now);
      if (r.outcome === 'booked') return { ...r, refundId: null };
      // Money with no booking to pay for: the window had passed or another payment came first.
      const reason = await this.unbookedReason(tx, found.order_id);
      const refundId = await this.refunds.create(tx, { ...payment, status: 'paid' }, payment.amount_fen, reason, now);
      if (reason !== 'duplicate-payment')
        await booking.within.recordPaymentStep(tx, found.order_id, 'refunding', `${reason}-refund`, now);
      return { ...r, refundId };
    });
    if (refund.refundId) await this.refunds.submit(refund.refundId);
  }

  /** Why a paid trade found no booking to pay for. */
  private async unbookedReason(tx: EntityManager, orderId: string): Promise<RefundReason> {
    const [order] = (await tx.query('SELECT payment_status, cancel_reason FROM booking_order WHERE id = ?', [
      orderId,
    ])) as {
      payment_status: string;
      cancel_reason: string | null;
    }[];
    if (order?.payment_status === 'paid' || order?.payment_status === 'refunding') return 'duplicate-payment';
    return order?.cancel_reason === 'payment-timeout' ? 'late-payment' : 'cancelled';
  }

  /**
   * A paid trade that is not the one we asked for books nothing: the booking stays unpaid (the
   * patient may pay again within the window), the payment is kept as a discrepancy for
   * reconciliation, the patient's order history says so, and money that reached our merchant
   * account goes back in full.
   */
  private async keepDiscrepancy(
    tx: EntityManager,
    payment: PaymentRow,
    trade: ChannelTrade,
    d: TradeDiscrepancy,
    now: number,
  ): Promise<string | null> {
    const { audit, logger, booking } = this.c.o;
    await this.c.store.markDiscrepancy(tx, payment.id, trade, d, now);
    const where = { channel: payment.channel, outTradeNo: payment.out_trade_no, fields: d.fields, detail: d.detail };
    await audit.record(
      {
        actorType: 'system',
        action: 'payment.discrepancy',
        targetType: 'payment',
        targetId: payment.id,
        detail: { ...where, refundable: d.refundable },
      },
      tx,
    );
    logger.error(where, 'paid trade does not match its payment: booked nothing');
    await booking.within.recordOrderNote(
      tx,
      payment.order_id,
      d.refundable ? 'payment-mismatch-refund' : 'payment-mismatch',
      now,
    );
    return d.refundable ? this.refunds.create(tx, payment, d.channelTotalFen, 'payment-mismatch', now) : null;
  }

  /** Active query of one open payment; settles it when the channel says it is paid. */
  async checkPayment(payment: PaymentRow): Promise<ChannelTrade> {
    const trade = await this.c.channel(payment.channel).queryPayment(payment.out_trade_no);
    await this.c.store.touch(this.c.o.db.manager, 'payment', payment.id, this.c.o.clock.now());
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
    const { db, clock, logger, audit } = this.c.o;
    for (const payment of await this.c.store.ofOrder(db.manager, orderId)) {
      if (payment.status !== 'open') continue;
      try {
        const trade = await this.checkPayment(payment);
        if (trade.state === 'paid') return false;
        if (trade.state !== 'absent') await this.c.channel(payment.channel).closePayment(payment.out_trade_no);
      } catch (e) {
        if (!(e instanceof ChannelError || e instanceof AppError)) throw e;
        if (clock.now() < payment.expires_at + CLOSE_GRACE_MS) {
          logger.warn({ err: e, outTradeNo: payment.out_trade_no }, 'could not close an overdue trade; will retry');
          return false;
        }
        logger.warn(
          { err: e, outTradeNo: payment.out_trade_no },
          "channel unreachable past the trade's own expiry; closing it on our side",
        );
        await audit.record({
          actorType: 'system',
          action: 'payment.closed-unconfirmed',
          targetType: 'payment',
          targetId: payment.id,
          detail: { channel: payment.channel, code: e.code },
        });
      }
      await db.write((tx) => this.c.store.markClosed(tx, payment.id, clock.now()));
    }
    return true;
  }
}
