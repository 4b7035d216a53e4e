import type { PaymentTicket, PayScene } from '@cityhealth/shared-types';
import { forUpdate } from '../db/sql/execute.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { iso } from '../shared/time.js';
import { ChannelError, type ChannelName } from './channel.js';
import { outTradeNo } from './out-numbers.js';
import type { PaymentContext } from './payment-context.js';
import type { PaymentRow } from './payment-store.js';
import type { Settlement } from './settlement.js';

/** The platform whose login identity pays on a channel (the payer id is that platform's openid). */
const PAYER_PLATFORM: Record<ChannelName, string> = { wechat: 'weapp', alipay: 'alipay', baidu: 'swan' };

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

/** A patient starts (or resumes) paying a pending booking on a channel. */
export class PaymentStart {
  constructor(
    private readonly c: PaymentContext,
    private readonly settlement: Settlement,
  ) {}

  /** Returns what the app needs to open the channel's cashier. */
  async start(
    accountId: string,
    orderId: string,
    channelName: ChannelName,
    scene: PayScene,
    payerIp: string,
  ): Promise<PaymentTicket> {
    const { db, clock, logger } = this.c.o;
    const now = clock.now();
    const order = await this.payableOrder(accountId, orderId, now);
    const channel = this.c.channel(channelName);
    // Inside a mini-program the channel charges the platform identity; its H5 cashier needs none.
    let payerId: string | null = null;
    if (scene === 'miniprogram') {
      const [identity] = await db.query<{ open_id: string }>(
        'SELECT open_id FROM account_identity WHERE account_id = ? AND platform = ?',
        [accountId, PAYER_PLATFORM[channelName]],
      );
      if (!identity) throw new AppError('PAYER_IDENTITY_REQUIRED');
      payerId = identity.open_id;
    }

    const payment = await db.write(async (tx) => {
      await tx.query(`SELECT id FROM booking_order WHERE id = ?${forUpdate(db.dialect)}`, [order.id]);
      // A trade is made for one scene (WeChat will not pay a JSAPI order on its H5 cashier).
      const open = (await this.c.store.ofOrder(tx, order.id)).find(
        (p) => p.channel === channelName && p.scene === scene && p.status === 'open',
      );
      if (open) return open;
      const row: PaymentRow = {
        id: newId(),
        order_id: order.id,
        account_id: accountId,
        hospital_id: order.hospital_id,
        channel: channelName,
        scene,
        out_trade_no: outTradeNo(order.order_no, channelName),
        amount_fen: order.fee_fen,
        status: 'open',
        channel_trade_no: null,
        paid_at: null,
        expires_at: order.pay_deadline!,
        created_at: now,
      };
      await this.c.store.insertPayment(tx, row, now);
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
      return {
        orderId: order.id,
        paymentId: payment.id,
        amountFen: payment.amount_fen,
        expiresAt: iso(payment.expires_at),
        params,
      };
    } catch (e) {
      if (!(e instanceof ChannelError)) throw e;
      logger.warn({ err: e, outTradeNo: payment.out_trade_no }, 'payment channel refused to create the trade');
      // The trade may have been paid already (e.g. ORDERPAID): settle from the channel's own state.
      await this.settlement.checkPayment(payment).catch(() => undefined);
      const after = await this.payableOrder(accountId, orderId, now).catch((err: unknown) => err);
      if (after instanceof AppError) throw after;
      throw new AppError('PAYMENT_UNAVAILABLE');
    }
  }

  /** The patient's booking, if it can be paid now; otherwise the refusal that says why not. */
  private async payableOrder(accountId: string, orderId: string, now: number): Promise<PayableOrder> {
    const [row] = await this.c.o.db.query<PayableOrder>(
      `SELECT o.id, o.account_id, o.hospital_id, o.order_no, o.status, o.payment_status, o.cancel_reason,
        o.pay_deadline, o.fee_fen,
         h.name AS hospital_name, d.name AS department_name
       FROM booking_order o JOIN hospital h ON h.id = o.hospital_id JOIN department d ON d.id = o.department_id
       WHERE o.id = ? AND o.account_id = ?`,
      [orderId, accountId],
    );
    if (!row) throw new AppError('NOT_FOUND', '预约不存在');
    const order = {
      ...row,
      fee_fen: Number(row.fee_fen),
      pay_deadline: row.pay_deadline === null ? null : Number(row.pay_deadline),
    };
    if (
      order.payment_status === 'paid' ||
      order.payment_status === 'refunding' ||
      order.payment_status === 'refunded'
    ) {
      throw new AppError(order.payment_status === 'paid' ? 'ORDER_ALREADY_PAID' : 'ORDER_NOT_PAYABLE');
    }
    if (order.payment_status === 'not-required' || order.payment_status === 'pay-at-hospital')
      throw new AppError('PAYMENT_NOT_REQUIRED');
    if (order.status !== 'pending')
      throw new AppError(order.cancel_reason === 'payment-timeout' ? 'PAYMENT_TIMED_OUT' : 'ORDER_NOT_PAYABLE');
    if (order.pay_deadline === null || order.pay_deadline <= now) throw new AppError('PAYMENT_TIMED_OUT');
    return order;
  }
}
