import crypto from 'node:crypto';
import { baiduSign, baiduVerify } from '../../shared/baidu-sign.js';
import {
  absentTrade,
  ChannelError,
  NotifyRejected,
  type ChannelBill,
  type ChannelRefund,
  type ChannelTrade,
  type ClientPayParams,
  type CreatePaymentInput,
  type NotifyReply,
  type Payee,
  type PaymentChannel,
  type RawNotify,
  type RefundInput,
  type VerifiedNotify,
} from '../channel.js';
import { BaiduBillFormatError, parseBaiduBill } from './baidu-bill.js';
import { BaiduOpenApi } from './baidu-openapi.js';
import {
  notifyRefundState,
  refundFromItem,
  tradeFromOrder,
  type BaiduOrder,
  type BaiduRefundItem,
} from './baidu-states.js';

export interface BaiduPayConfig {
  openApiBase: string;
  /** The mini-program's App Key and App Secret (for the open API's access token). */
  clientId: string;
  clientSecret: string;
  /** The cashier's settlement agreement (dealId) and the payment service's appKey. */
  dealId: string;
  payAppKey: string;
  /** Our RSA key (its public half is registered with Baidu) and Baidu's platform public key (平台公钥). */
  privateKey: string;
  platformPublicKey: string;
  /** Where Baidu sends payment and refund notifies. */
  notifyUrl: string;
}

/** findByTpOrderId's errno for an order Baidu does not know: the payer never opened the cashier. */
const ORDER_NOT_EXIST = 2100;
/** orderBill's errno for a day whose bill is not generated yet. */
const BILL_NOT_READY = 2103;
/** A notify's payTime may run ahead of our clock by this much; Baidu retries for hours, so old is fine. */
const MAX_AHEAD_MS = 5 * 60_000;

/**
 * The Baidu cashier (百度收银台) for the Baidu mini-program: we sign the orderInfo that
 * swan.requestPolymerPayment takes (SHA1withRSA over appKey, dealId, totalAmount, tpOrderId);
 * Baidu creates its order when the payer opens the cashier and notifies us by a form signed with
 * its platform key. Queries, closing, refunds and the bill go through the open API with an
 * access token. There is no SDK: the protocol is plain HTTP and RSA.
 */
export class BaiduPayChannel implements PaymentChannel {
  readonly name = 'baidu' as const;
  readonly payee: Payee;
  private readonly api: BaiduOpenApi;
  private readonly privateKey: crypto.KeyObject;
  private readonly platformKey: crypto.KeyObject;

  constructor(private readonly c: BaiduPayConfig) {
    this.payee = { appId: c.payAppKey, merchantId: c.dealId };
    this.api = new BaiduOpenApi({
      openApiBase: c.openApiBase,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      payAppKey: c.payAppKey,
    });
    this.privateKey = crypto.createPrivateKey(c.privateKey);
    this.platformKey = crypto.createPublicKey(c.platformPublicKey);
  }

  async createPayment(input: CreatePaymentInput): Promise<ClientPayParams> {
    if (input.scene !== 'miniprogram')
      throw new ChannelError(
        'baidu',
        'SCENE_UNSUPPORTED',
        'the Baidu cashier is opened inside the Baidu mini-program',
        false,
      );
    const signed = {
      appKey: this.c.payAppKey,
      dealId: this.c.dealId,
      totalAmount: String(input.amountFen),
      tpOrderId: input.outTradeNo,
    };
    const tpData = { ...signed, returnData: {} };
    return {
      channel: 'baidu',
      orderInfo: {
        ...signed,
        dealTitle: input.description.slice(0, 60),
        signFieldsRange: '1',
        rsaSign: baiduSign(signed, this.privateKey),
        bizInfo: JSON.stringify({ tpData }),
        notifyUrl: this.c.notifyUrl,
      },
    };
  }

  async queryPayment(outTradeNo: string): Promise<ChannelTrade> {
    const order = await this.order(outTradeNo);
    return order ? tradeFromOrder(outTradeNo, order) : absentTrade(outTradeNo);
  }

  async closePayment(outTradeNo: string): Promise<void> {
    const order = await this.order(outTradeNo);
    // Baidu has no order until the payer opens the cashier: nothing to close yet.
    if (!order) return;
    const trade = tradeFromOrder(outTradeNo, order);
    if (trade.state === 'closed') return;
    if (trade.state !== 'unpaid')
      throw new ChannelError('baidu', 'ORDER_STATUS_ERROR', `order is ${trade.state}, cannot close`, false);
    await this.api.call('POST', 'cancelOrder', { orderId: String(order.orderId), tpOrderId: outTradeNo });
  }

  async refund(input: RefundInput): Promise<ChannelRefund> {
    const order = await this.paidOrder(input.outTradeNo);
    const r = await this.api.call<{ refundBatchId?: number | string; refundPayMoney?: number | string }>(
      'POST',
      'applyOrderRefund',
      {
        applyRefundMoney: String(input.refundFen),
        bizRefundBatchId: input.outRefundNo,
        // 1: no audit callback; the refund goes straight through.
        isSkipAudit: '1',
        orderId: String(order.orderId),
        refundReason: input.reason.slice(0, 200),
        // 2: refunded by the merchant (the booking was cancelled or could not be kept).
        refundType: '2',
        tpOrderId: input.outTradeNo,
        userId: String(order.userId),
      },
    );
    return {
      outTradeNo: input.outTradeNo,
      outRefundNo: input.outRefundNo,
      state: 'processing',
      channelRefundNo: r.data?.refundBatchId ? String(r.data.refundBatchId) : null,
      refundFen: input.refundFen,
      succeededAt: null,
    };
  }

  async queryRefund(outRefundNo: string, outTradeNo: string): Promise<ChannelRefund> {
    const order = await this.paidOrder(outTradeNo);
    const item = (await this.refundsOf(outTradeNo, order)).find((i) => i.bizRefundBatchId === outRefundNo);
    if (!item) throw new ChannelError('baidu', 'REFUND_NOT_EXIST', `no refund ${outRefundNo} on ${outTradeNo}`, false);
    return refundFromItem(outTradeNo, outRefundNo, item);
  }

  async verifyNotify(notify: RawNotify, now: number): Promise<VerifiedNotify> {
    const form = Object.fromEntries(new URLSearchParams(notify.rawBody)) as Record<string, string>;
    if (!form.rsaSign || !form.tpOrderId || !form.orderId)
      throw new NotifyRejected('malformed', 'notify without rsaSign, tpOrderId or orderId');
    if (!baiduVerify(form, form.rsaSign, this.platformKey))
      throw new NotifyRejected('signature', 'notify signature does not verify with the platform key');
    // Baidu's notify carries no nonce and no send time: a retry is byte for byte the first delivery,
    // so a replay cannot be told from one. Each is accepted and applied idempotently: it can only
    // repeat what Baidu signed about the order.
    const identity = {
      notifyId: form.refundBatchId ? `refund:${form.refundBatchId}` : `pay:${form.orderId}`,
      replayKey: crypto.randomBytes(32).toString('hex'),
    };
    if (form.refundBatchId) {
      const state = notifyRefundState(form.refundStatus ?? '');
      if (!state) throw new NotifyRejected('malformed', `refund notify with refundStatus ${form.refundStatus}`);
      // The notify names Baidu's refund batch; our refund number comes from findOrderRefund.
      const item = (await this.refundsOf(form.tpOrderId, { orderId: form.orderId, userId: form.userId })).find(
        (i) => String(i.refundBatchId) === form.refundBatchId,
      );
      if (!item?.bizRefundBatchId)
        throw new NotifyRejected('malformed', `refund batch ${form.refundBatchId} is unknown to findOrderRefund`);
      return {
        ...identity,
        kind: 'refund',
        refund: { ...refundFromItem(form.tpOrderId, item.bizRefundBatchId, item), state },
      };
    }
    if (form.dealId !== this.c.dealId)
      throw new NotifyRejected('unknown-key', `notify for another dealId ${form.dealId}`);
    const payTime = Number(form.payTime) * 1000;
    if (!Number.isFinite(payTime) || payTime - now > MAX_AHEAD_MS)
      throw new NotifyRejected('stale', `payTime ${form.payTime} is in the future`);
    return {
      ...identity,
      kind: 'payment',
      trade: tradeFromOrder(form.tpOrderId, {
        orderId: form.orderId,
        userId: form.userId,
        status: form.status,
        totalMoney: form.totalMoney,
        payMoney: form.payMoney,
        payTime: form.payTime,
        dealId: form.dealId,
      }),
    };
  }

  notifyReply(accepted: boolean): NotifyReply {
    // Baidu reads errno: anything but 0 is delivered again (every 2 minutes, up to 200 times).
    // isConsumed 2: the booking is the service, so the payment settles to us at once.
    return accepted
      ? {
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ errno: 0, msg: 'success', data: { isConsumed: 2 } }),
        }
      : { status: 400, contentType: 'application/json', body: JSON.stringify({ errno: 1, msg: 'rejected', data: {} }) };
  }

  async downloadBill(billDate: string): Promise<ChannelBill> {
    const r = await this.api.call<{ url?: string }>('GET', 'orderBill', { billTime: billDate }, [BILL_NOT_READY]);
    if (r.errno === BILL_NOT_READY) throw new ChannelError('baidu', 'BILL_NOT_READY', r.msg, true);
    if (!r.data?.url) throw new ChannelError('baidu', 'NO_BILL_URL', 'orderBill answered without a url', true);
    const bytes = await this.api.download(r.data.url);
    let csv: string;
    try {
      csv = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new ChannelError('baidu', 'BILL_FORMAT', 'the bill file is not UTF-8', false);
    }
    try {
      return { channel: 'baidu', billDate, lines: parseBaiduBill(csv, billDate) };
    } catch (e) {
      if (e instanceof BaiduBillFormatError || e instanceof RangeError)
        throw new ChannelError('baidu', 'BILL_FORMAT', e.message, false);
      throw e;
    }
  }

  /** findByTpOrderId, or null when Baidu has no such order. */
  private async order(tpOrderId: string): Promise<BaiduOrder | null> {
    const r = await this.api.call<BaiduOrder>('GET', 'findByTpOrderId', { tpOrderId }, [ORDER_NOT_EXIST]);
    return r.errno === ORDER_NOT_EXIST ? null : r.data;
  }

  /** Refunds need Baidu's orderId and userId, which only its order knows. */
  private async paidOrder(
    tpOrderId: string,
  ): Promise<BaiduOrder & { orderId: number | string; userId: number | string }> {
    const order = await this.order(tpOrderId);
    if (!order || order.orderId === undefined || order.userId === undefined)
      throw new ChannelError('baidu', 'ORDER_NOT_EXIST', `Baidu has no order ${tpOrderId}`, false);
    return order as BaiduOrder & { orderId: number | string; userId: number | string };
  }

  private async refundsOf(
    tpOrderId: string,
    order: { orderId?: number | string; userId?: number | string },
  ): Promise<BaiduRefundItem[]> {
    const r = await this.api.call<BaiduRefundItem[]>('GET', 'findOrderRefund', {
      tpOrderId,
      userId: String(order.userId ?? ''),
    });
    return Array.isArray(r.data) ? r.data : [];
  }
}
