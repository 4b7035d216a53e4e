import crypto from 'node:crypto';
import { AlipayRequestError, AlipaySdk, type AlipaySdkCommonResult } from 'alipay-sdk';
import { signedErrorResponse } from '../../shared/alipay-gateway.js';
import { beijingTimestamp, fromBeijingTimestamp } from '../../shared/time.js';
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
import { fenToYuan } from '../money.js';
import { AlipayBillFormatError, parseAlipayBill } from './alipay-bill.js';
import { refundFrom, tradeFrom } from './alipay-states.js';

export interface AlipayPayConfig {
  appId: string;
  /** The merchant's partner id (2088…), the seller_id of every trade paid to us. */
  sellerId: string;
  privateKey: string;
  alipayPublicKey: string;
  keyType: 'PKCS1' | 'PKCS8';
  gateway: string;
  /** Where Alipay sends trade_status_sync notifies (our public https address). */
  notifyUrl: string;
}

const MAX_SKEW_MS = 5 * 60_000;
/** Answers that mean "try again later", by Alipay's sub_code. */
const RETRYABLE = new Set([
  'ACQ.SYSTEM_ERROR',
  'aop.ACQ.SYSTEM_ERROR',
  'isp.unknow-error',
  'ACQ.REASON_TRADE_STATUS_INVALID',
]);
/** A v2 user id (2088…, 16 digits); anything else is an app-scoped open_id. */
const USER_ID = /^2088\d{12}$/;

/**
 * Alipay (mini-program JSAPI_PAY) through alipay-sdk: `alipay.trade.create` gives the tradeNO for
 * `my.tradePay`; query, close, refund and the bill go through the same v2 gateway. Every answer's
 * signature is checked (`validateSign`), notifies with `checkNotifySignV2`, plus what the SDK does
 * not check: the app id, the notify's freshness and a replayed delivery.
 */
export class AlipayPayChannel implements PaymentChannel {
  readonly name = 'alipay' as const;
  readonly payee: Payee;
  private readonly sdk: AlipaySdk;

  constructor(private readonly c: AlipayPayConfig) {
    this.payee = { appId: c.appId, merchantId: c.sellerId };
    this.sdk = new AlipaySdk({
      appId: c.appId,
      privateKey: c.privateKey,
      alipayPublicKey: c.alipayPublicKey,
      keyType: c.keyType,
      signType: 'RSA2',
      gateway: c.gateway,
      timeout: 10_000,
    });
  }

  async createPayment(input: CreatePaymentInput): Promise<ClientPayParams> {
    if (input.scene !== 'miniprogram')
      throw new ChannelError('alipay', 'SCENE_UNSUPPORTED', 'Alipay is paid inside the Alipay mini-program', false);
    if (!input.payerId)
      throw new ChannelError('alipay', 'ACQ.INVALID_PARAMETER', 'alipay.trade.create needs the buyer', false);
    const r = await this.call(
      'alipay.trade.create',
      {
        out_trade_no: input.outTradeNo,
        total_amount: fenToYuan(input.amountFen),
        subject: input.description.slice(0, 256),
        product_code: 'JSAPI_PAY',
        op_app_id: this.c.appId,
        time_expire: beijingTimestamp(input.expiresAt),
        ...(USER_ID.test(input.payerId) ? { buyer_id: input.payerId } : { buyer_open_id: input.payerId }),
      },
      { notifyUrl: this.c.notifyUrl },
    );
    if (typeof r.tradeNo !== 'string' || !r.tradeNo)
      throw new ChannelError('alipay', 'NO_TRADE_NO', 'alipay.trade.create answered without trade_no', true);
    return { channel: 'alipay', tradeNO: r.tradeNo };
  }

  async queryPayment(outTradeNo: string): Promise<ChannelTrade> {
    const r = await this.call('alipay.trade.query', { out_trade_no: outTradeNo }, {}, ['ACQ.TRADE_NOT_EXIST']);
    if (r.subCode === 'ACQ.TRADE_NOT_EXIST') return absentTrade(outTradeNo);
    return tradeFrom({
      outTradeNo,
      tradeNo: r.tradeNo,
      tradeStatus: r.tradeStatus,
      totalAmount: r.totalAmount,
      paidAt: r.sendPayDate,
    });
  }

  async closePayment(outTradeNo: string): Promise<void> {
    // A trade the buyer never opened does not exist at Alipay yet: nothing to close.
    const r = await this.call('alipay.trade.close', { out_trade_no: outTradeNo }, {}, [
      'ACQ.TRADE_NOT_EXIST',
      'ACQ.TRADE_STATUS_ERROR',
    ]);
    if (r.subCode === 'ACQ.TRADE_STATUS_ERROR') {
      const trade = await this.queryPayment(outTradeNo);
      if (trade.state !== 'closed')
        throw new ChannelError('alipay', 'ACQ.TRADE_STATUS_ERROR', `trade is ${trade.state}, cannot close`, false);
    }
  }

  async refund(input: RefundInput): Promise<ChannelRefund> {
    const r = await this.call('alipay.trade.refund', {
      out_trade_no: input.outTradeNo,
      out_request_no: input.outRefundNo,
      refund_amount: fenToYuan(input.refundFen),
      refund_reason: input.reason.slice(0, 256),
      query_options: ['gmt_refund_pay'],
    });
    // fund_change 'N' answers a repeated request: ask what became of the first one.
    if (r.fundChange !== 'Y') return this.queryRefund(input.outRefundNo, input.outTradeNo);
    return refundFrom({
      outTradeNo: input.outTradeNo,
      outRefundNo: input.outRefundNo,
      tradeNo: r.tradeNo,
      succeeded: true,
      refundAmount: fenToYuan(input.refundFen),
      refundedAt: r.gmtRefundPay,
    });
  }

  async queryRefund(outRefundNo: string, outTradeNo: string): Promise<ChannelRefund> {
    const r = await this.call('alipay.trade.fastpay.refund.query', {
      out_trade_no: outTradeNo,
      out_request_no: outRefundNo,
      query_options: ['gmt_refund_pay'],
    });
    // Alipay answers an unknown refund with an empty success: not refunded (yet).
    const succeeded =
      r.refundStatus === 'REFUND_SUCCESS' || (r.refundStatus === undefined && typeof r.refundAmount === 'string');
    return refundFrom({
      outTradeNo,
      outRefundNo,
      tradeNo: r.tradeNo,
      succeeded,
      refundAmount: r.refundAmount,
      refundedAt: r.gmtRefundPay,
    });
  }

  async verifyNotify(notify: RawNotify, now: number): Promise<VerifiedNotify> {
    const form = Object.fromEntries(new URLSearchParams(notify.rawBody)) as Record<string, string>;
    if (!form.sign || !form.notify_id || !form.notify_time || !form.out_trade_no)
      throw new NotifyRejected('malformed', 'notify without sign, notify_id, notify_time or out_trade_no');
    if (form.app_id !== this.c.appId) throw new NotifyRejected('unknown-key', `notify for another app ${form.app_id}`);
    const at = fromBeijingTimestamp(form.notify_time);
    if (at === null || Math.abs(now - at) > MAX_SKEW_MS)
      throw new NotifyRejected('stale', `notify_time ${form.notify_time} is more than 5 minutes away`);
    if (!this.sdk.checkNotifySignV2(form)) throw new NotifyRejected('signature', 'notify signature does not verify');
    // Alipay has no nonce: each delivery is signed afresh (its notify_time moves), so the same
    // signature seen twice is the same request sent again.
    const identity = {
      notifyId: form.notify_id,
      replayKey: crypto.createHash('sha256').update(form.sign).digest('hex'),
    };
    if (form.out_biz_no && form.refund_fee) {
      return {
        ...identity,
        kind: 'refund',
        refund: refundFrom({
          outTradeNo: form.out_trade_no,
          outRefundNo: form.out_biz_no,
          tradeNo: form.trade_no,
          succeeded: true,
          refundAmount: form.refund_fee,
          refundedAt: form.gmt_refund,
        }),
      };
    }
    if (!form.trade_status) throw new NotifyRejected('malformed', 'trade notify without trade_status');
    return {
      ...identity,
      kind: 'payment',
      trade: tradeFrom({
        outTradeNo: form.out_trade_no,
        tradeNo: form.trade_no,
        tradeStatus: form.trade_status,
        totalAmount: form.total_amount,
        paidAt: form.gmt_payment,
        // Every trade notify names the app and the seller: a missing one is a mismatch, not "not said".
        appId: form.app_id ?? '',
        sellerId: form.seller_id ?? '',
        transCurrency: form.trans_currency,
      }),
    };
  }

  notifyReply(accepted: boolean): NotifyReply {
    // Anything but the plain text "success" makes Alipay deliver again (up to 8 times in 25 hours).
    return { status: accepted ? 200 : 400, contentType: 'text/plain', body: accepted ? 'success' : 'fail' };
  }

  async downloadBill(billDate: string): Promise<ChannelBill> {
    const r = await this.call('alipay.data.dataservice.bill.downloadurl.query', {
      bill_type: 'trade',
      bill_date: billDate,
    });
    if (typeof r.billDownloadUrl !== 'string')
      throw new ChannelError('alipay', 'NO_BILL_URL', 'bill query answered without bill_download_url', true);
    let zip: Uint8Array;
    try {
      const res = await fetch(r.billDownloadUrl, { signal: AbortSignal.timeout(60_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      zip = new Uint8Array(await res.arrayBuffer());
    } catch (e) {
      throw new ChannelError('alipay', 'BILL_DOWNLOAD_FAILED', (e as Error).message, true);
    }
    try {
      return { channel: 'alipay', billDate, lines: parseAlipayBill(zip) };
    } catch (e) {
      if (e instanceof AlipayBillFormatError || e instanceof RangeError)
        throw new ChannelError('alipay', 'BILL_FORMAT', e.message, false);
      throw e;
    }
  }

  /** One gateway call with its answer's signature checked; a business failure is a ChannelError unless `tolerated`. */
  private async call(
    method: string,
    bizContent: Record<string, unknown>,
    top: Record<string, string> = {},
    tolerated: string[] = [],
  ): Promise<AlipaySdkCommonResult> {
    let r: AlipaySdkCommonResult;
    try {
      // The gateway reads `timestamp` as Beijing time; the SDK would write process-local time.
      r = await this.sdk.exec(
        method,
        { ...top, timestamp: beijingTimestamp(Date.now()), bizContent },
        { validateSign: true },
      );
    } catch (e) {
      throw this.failure(e);
    }
    if (r.code === '10000') return r;
    if (r.subCode && tolerated.includes(String(r.subCode))) return r;
    const sub = String(r.subCode ?? r.code);
    if (sub === 'ACQ.BILL_NOT_EXIST' || sub === 'isp.bill_not_exist')
      throw new ChannelError('alipay', 'BILL_NOT_READY', String(r.subMsg ?? '账单不存在'), true);
    throw new ChannelError('alipay', sub, String(r.subMsg ?? r.msg ?? ''), RETRYABLE.has(sub) || r.code === '20000');
  }

  private failure(e: unknown): ChannelError {
    const signed = signedErrorResponse(this.sdk, e);
    if (signed) return new ChannelError('alipay', signed.subCode ?? signed.code, signed.subMsg ?? '', false);
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof AlipayRequestError && message.startsWith('验签失败'))
      return new ChannelError('alipay', 'RESPONSE_SIGNATURE_INVALID', message.slice(0, 200), true);
    return new ChannelError('alipay', 'NETWORK', message.slice(0, 200), true);
  }
}
