import type { EntityManager } from 'typeorm';
import { ChannelError, type ChannelName, type ChannelRefund } from './channel.js';
import { newId } from '../shared/ids.js';
import { outRefundNo } from './out-numbers.js';
import type { PaymentContext } from './payment-context.js';
import type { PaymentRow, RefundReason } from './payment-store.js';

/** What the patient reads beside a refund, by why it was made. */
const REFUND_NOTES: Record<RefundReason, string> = {
  cancelled: '预约已取消，挂号费原路退回',
  'late-payment': '支付完成时已超过支付时限，号源已释放，挂号费原路退回',
  'duplicate-payment': '该预约已支付，重复支付的款项原路退回',
  'payment-mismatch': '支付信息与预约订单不符，款项原路退回',
};

/** Money that has no booking to pay for goes back in full: refunds made, sent, followed up and applied. */
export class Refunds {
  constructor(private readonly c: PaymentContext) {}

  /** Records a refund of a payment (in the caller's transaction); `submit` sends it. */
  async create(
    tx: EntityManager,
    payment: PaymentRow,
    amountFen: number,
    reason: RefundReason,
    now: number,
  ): Promise<string> {
    const [order] = (await tx.query('SELECT order_no FROM booking_order WHERE id = ?', [payment.order_id])) as {
      order_no: string;
    }[];
    const id = newId();
    await this.c.store.insertRefund(
      tx,
      { id, payment, amountFen, outRefundNo: outRefundNo(order!.order_no), reason, note: REFUND_NOTES[reason] },
      now,
    );
    await this.c.o.audit.record(
      {
        actorType: 'system',
        action: 'refund.create',
        targetType: 'order',
        targetId: payment.order_id,
        detail: { reason, amountFen, channel: payment.channel },
      },
      tx,
    );
    return id;
  }

  /** Refunds for bookings cancelled after payment (the booking core marks them 'refunding'). */
  async refundCancelled(limit = 100): Promise<number> {
    const { db, clock } = this.c.o;
    let n = 0;
    for (const payment of await this.c.store.paidPaymentsAwaitingRefund(db.manager, limit)) {
      const refundId = await db.write(async (tx) => {
        const current = await this.c.store.byOutTradeNo(tx, payment.channel, payment.out_trade_no, true);
        const [existing] = (await tx.query('SELECT id FROM refund WHERE payment_id = ?', [payment.id])) as {
          id: string;
        }[];
        if (!current || existing) return null;
        return this.create(tx, current, current.amount_fen, 'cancelled', clock.now());
      });
      if (refundId) {
        await this.submit(refundId);
        n++;
      }
    }
    return n;
  }

  /** Sends a created refund to its channel, or asks the channel how a sent one is doing. */
  async submit(refundId: string): Promise<void> {
    const { db, clock, logger, audit } = this.c.o;
    const refund = await this.c.store.refund(db.manager, { id: refundId });
    if (!refund || (refund.status !== 'created' && refund.status !== 'processing')) return;
    const channel = this.c.channel(refund.channel);
    const now = clock.now();
    try {
      const state =
        refund.status === 'created'
          ? await channel.refund({
              outTradeNo: refund.out_trade_no,
              outRefundNo: refund.out_refund_no,
              refundFen: refund.amount_fen,
              totalFen: refund.total_fen,
              reason: REFUND_NOTES[refund.reason],
            })
          : await channel.queryRefund(refund.out_refund_no, refund.out_trade_no);
      await this.c.store.touch(db.manager, 'refund', refund.id, now);
      if (state.state === 'processing' && refund.status === 'created') {
        await db.write((tx) => this.c.store.updateRefund(tx, refund.id, state, now));
      } else {
        await this.apply(refund.channel, state);
      }
    } catch (e) {
      if (!(e instanceof ChannelError)) throw e;
      await this.c.store.touch(db.manager, 'refund', refund.id, now);
      logger.warn({ err: e, outRefundNo: refund.out_refund_no }, 'refund not accepted by the channel yet');
      if (!e.retryable) {
        await db.write((tx) => this.c.store.updateRefund(tx, refund.id, { state: 'failed' }, now));
        await audit.record({
          actorType: 'system',
          action: 'refund.failed',
          targetType: 'refund',
          targetId: refund.id,
          detail: { code: e.code },
        });
      }
    }
  }

  /** Applies a refund state reported by a channel. Safe to repeat. */
  async apply(channelName: ChannelName, refund: ChannelRefund): Promise<void> {
    const { db, clock, logger, audit, booking } = this.c.o;
    const found = await this.c.store.refund(db.manager, { channel: channelName, outRefundNo: refund.outRefundNo });
    if (!found) {
      logger.error(
        { channel: channelName, outRefundNo: refund.outRefundNo },
        'refund notify for a refund we never made',
      );
      return;
    }
    if (refund.state === 'processing') return;
    const now = clock.now();
    await booking.inTransition(async (tx) => {
      const current = await this.c.store.refund(tx, { id: found.id }, true);
      if (!current || current.status === refund.state) return { ok: true, changed: false, scheduleId: '' };
      await this.c.store.updateRefund(tx, current.id, refund, now);
      const succeeded = refund.state === 'succeeded';
      // Only a refund of the booking's own payment changes the booking's payment status.
      if (succeeded && (current.reason === 'cancelled' || current.reason === 'late-payment')) {
        await booking.within.recordPaymentStep(tx, current.order_id, 'refunded', 'refunded', now);
      }
      if (succeeded && current.reason === 'payment-mismatch')
        await booking.within.recordOrderNote(tx, current.order_id, 'mismatch-refunded', now);
      if (!succeeded) {
        await audit.record(
          {
            actorType: 'system',
            action: 'refund.failed',
            targetType: 'refund',
            targetId: current.id,
            detail: { state: refund.state },
          },
          tx,
        );
      }
      return { ok: true, changed: false, scheduleId: '' };
    });
  }
}
