import crypto from 'node:crypto';
import { fenToYuan, yuanToFen } from '../pay/money.js';
import { beijingTimestamp, fromBeijingTimestamp } from '../shared/time.js';
import type { Clock } from '../shared/clock.js';
import { ALIPAY_NOTIFY_MODES, type AlipayNotifier } from './alipay-notify.js';
import type { NotifyPlan } from './notify-plan.js';

export interface AlipayTrade {
  outTradeNo: string;
  tradeNo: string;
  sellerId: string;
  subject: string;
  totalFen: number;
  buyerId: string | null;
  buyerOpenId: string | null;
  notifyUrl: string | null;
  timeExpire: number | null;
  status: 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED';
  createdAt: number;
  paidAt: number | null;
  refunds: Map<string, { fen: number; at: number; reason: string }>;
  refundedFen: number;
}

/** A method's answer: the members of `…_response` on success, or Alipay's business failure. */
export type MethodResult = { ok: true; body: Record<string, unknown> } | { ok: false; subCode: string; subMsg: string };

const ok = (body: Record<string, unknown>): MethodResult => ({ ok: true, body });
const fail = (subCode: string, subMsg: string): MethodResult => ({ ok: false, subCode, subMsg });
const OUT_NO = /^[A-Za-z0-9_]{1,64}$/;
const AMOUNT = /^\d{1,9}(\.\d{1,2})?$/;
const digits = (n: number) => Array.from(crypto.randomBytes(n), (b) => String(b % 10)).join('');

/**
 * Alipay's trade API as a mini-program merchant uses it: alipay.trade.create (JSAPI_PAY),
 * query, close, refund (synchronous, with a trade_status_sync notify carrying out_biz_no) and
 * fastpay.refund.query. A tester pays or declines through `/alipay/sandbox/pay`, the stand-in
 * for my.tradePay's cashier.
 */
export class AlipayTrades {
  private readonly trades = new Map<string, AlipayTrade>();
  private readonly byTradeNo = new Map<string, string>();

  constructor(
    private readonly clock: Clock,
    /** The merchant's partner id, the seller_id of its trades. */
    private readonly sellerId: string,
    private readonly notifier: AlipayNotifier,
  ) {}

  all(): Iterable<AlipayTrade> {
    return this.trades.values();
  }

  handle(method: string, biz: Record<string, unknown>, notifyUrl: string | null): MethodResult | null {
    switch (method) {
      case 'alipay.trade.create':
        return this.create(biz, notifyUrl);
      case 'alipay.trade.query':
        return this.withTrade(biz, (t) => ok(this.view(t)));
      case 'alipay.trade.close':
        return this.withTrade(biz, (t) => this.close(t));
      case 'alipay.trade.refund':
        return this.withTrade(biz, (t) => this.refund(t, biz));
      case 'alipay.trade.fastpay.refund.query':
        return this.withTrade(biz, (t) => this.refundQuery(t, biz));
      default:
        return null;
    }
  }

  /**
   * The tester's side of my.tradePay: pay or decline, and how the
   * notifies travel. `lateAccept` pays a trade already closed.
   */
  sandboxPay(input: {
    tradeNo?: string;
    outTradeNo?: string;
    action?: string;
    notify?: NotifyPlan;
    lateAccept?: boolean;
    paidAs?: { totalAmount?: string; sellerId?: string };
  }): { status: number; body: Record<string, unknown> } {
    const t = this.trades.get(input.outTradeNo ?? this.byTradeNo.get(input.tradeNo ?? '') ?? '');
    if (!t) return { status: 404, body: { code: 'ACQ.TRADE_NOT_EXIST', message: '交易不存在' } };
    const plan = input.notify ?? { mode: 'send' };
    if (!(ALIPAY_NOTIFY_MODES as readonly string[]).includes(plan.mode))
      return {
        status: 400,
        body: { code: 'INVALID_PARAMETER', message: `notify.mode must be one of ${ALIPAY_NOTIFY_MODES.join(', ')}` },
      };
    if (input.action === 'decline')
      return { status: 200, body: { resultCode: '6001', trade_status: t.status, message: '用户中途取消' } };
    if (input.action !== 'pay')
      return { status: 400, body: { code: 'INVALID_PARAMETER', message: 'action must be pay or decline' } };
    if (t.status === 'TRADE_SUCCESS')
      return { status: 400, body: { code: 'ACQ.TRADE_HAS_SUCCESS', message: '交易已被支付' } };
    // lateAccept: the payment Alipay settled at the very moment the merchant closed the trade.
    if (
      !input.lateAccept &&
      (t.status === 'TRADE_CLOSED' || (t.timeExpire !== null && t.timeExpire <= this.clock.now()))
    )
      return { status: 400, body: { code: 'ACQ.TRADE_HAS_CLOSE', message: '交易已经关闭' } };
    // paidAs: the trade Alipay settles is not the one the merchant created (another amount or
    // seller), as a channel fault or a trade made outside the platform would be.
    const paidAs = input.paidAs ?? {};
    if (
      paidAs.totalAmount !== undefined &&
      (!AMOUNT.test(String(paidAs.totalAmount)) || yuanToFen(String(paidAs.totalAmount)) <= 0)
    )
      return { status: 400, body: { code: 'INVALID_PARAMETER', message: 'paidAs.totalAmount must be yuan text' } };
    if (paidAs.totalAmount !== undefined) t.totalFen = yuanToFen(String(paidAs.totalAmount));
    if (typeof paidAs.sellerId === 'string') t.sellerId = paidAs.sellerId;
    t.status = 'TRADE_SUCCESS';
    t.paidAt = this.clock.now();
    if (t.notifyUrl) this.notifier.send(t.notifyUrl, this.notifyFields(t), t.outTradeNo, plan);
    return { status: 200, body: { resultCode: '9000', trade_no: t.tradeNo, trade_status: t.status } };
  }

  private create(biz: Record<string, unknown>, notifyUrl: string | null): MethodResult {
    const outTradeNo = String(biz.out_trade_no ?? '');
    const amount = String(biz.total_amount ?? '');
    if (!OUT_NO.test(outTradeNo)) return fail('ACQ.INVALID_PARAMETER', '参数无效 out_trade_no');
    if (!AMOUNT.test(amount) || yuanToFen(amount) <= 0) return fail('ACQ.INVALID_PARAMETER', '参数无效 total_amount');
    if (typeof biz.subject !== 'string' || !biz.subject) return fail('ACQ.INVALID_PARAMETER', '参数无效 subject');
    const buyerId = typeof biz.buyer_id === 'string' ? biz.buyer_id : null;
    const buyerOpenId = typeof biz.buyer_open_id === 'string' ? biz.buyer_open_id : null;
    if (!buyerId && !buyerOpenId) return fail('ACQ.INVALID_PARAMETER', '买家不能为空');
    const timeExpire = biz.time_expire === undefined ? null : fromBeijingTimestamp(String(biz.time_expire));
    if (biz.time_expire !== undefined && timeExpire === null)
      return fail('ACQ.INVALID_PARAMETER', '参数无效 time_expire');
    const existing = this.trades.get(outTradeNo);
    if (existing) {
      if (existing.status === 'TRADE_SUCCESS') return fail('ACQ.TRADE_HAS_SUCCESS', '交易已被支付');
      if (existing.status === 'TRADE_CLOSED') return fail('ACQ.TRADE_HAS_CLOSE', '交易已经关闭');
      if (
        existing.totalFen !== yuanToFen(amount) ||
        existing.buyerId !== buyerId ||
        existing.buyerOpenId !== buyerOpenId
      )
        return fail('ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改');
      return ok({ out_trade_no: outTradeNo, trade_no: existing.tradeNo });
    }
    const now = this.clock.now();
    const t: AlipayTrade = {
      outTradeNo,
      tradeNo: `${beijingTimestamp(now).slice(0, 10).replaceAll('-', '')}22001${digits(19)}`,
      sellerId: this.sellerId,
      subject: biz.subject,
      totalFen: yuanToFen(amount),
      buyerId,
      buyerOpenId,
      notifyUrl,
      timeExpire,
      status: 'WAIT_BUYER_PAY',
      createdAt: now,
      paidAt: null,
      refunds: new Map(),
      refundedFen: 0,
    };
    this.trades.set(outTradeNo, t);
    this.byTradeNo.set(t.tradeNo, outTradeNo);
    return ok({ out_trade_no: outTradeNo, trade_no: t.tradeNo });
  }

  private withTrade(biz: Record<string, unknown>, then: (t: AlipayTrade) => MethodResult): MethodResult {
    const t =
      this.trades.get(String(biz.out_trade_no ?? '')) ??
      this.trades.get(this.byTradeNo.get(String(biz.trade_no ?? '')) ?? '');
    if (!t) return fail('ACQ.TRADE_NOT_EXIST', '交易不存在');
    // An unpaid trade past its time_expire is closed by Alipay itself.
    if (t.status === 'WAIT_BUYER_PAY' && t.timeExpire !== null && t.timeExpire <= this.clock.now())
      t.status = 'TRADE_CLOSED';
    return then(t);
  }

  private close(t: AlipayTrade): MethodResult {
    if (t.status !== 'WAIT_BUYER_PAY') return fail('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
    t.status = 'TRADE_CLOSED';
    return ok({ out_trade_no: t.outTradeNo, trade_no: t.tradeNo });
  }

  private refund(t: AlipayTrade, biz: Record<string, unknown>): MethodResult {
    const amount = String(biz.refund_amount ?? '');
    if (!AMOUNT.test(amount) || yuanToFen(amount) <= 0) return fail('ACQ.INVALID_PARAMETER', '参数无效 refund_amount');
    // Without out_request_no the refund is the whole trade's single refund, keyed by the trade.
    const requestNo = String(biz.out_request_no ?? t.outTradeNo);
    const fen = yuanToFen(amount);
    const answer = (fundChange: 'Y' | 'N') =>
      ok({
        trade_no: t.tradeNo,
        out_trade_no: t.outTradeNo,
        buyer_logon_id: '138******00',
        fund_change: fundChange,
        refund_fee: fenToYuan(t.refundedFen),
        gmt_refund_pay: beijingTimestamp(t.refunds.get(requestNo)!.at),
        ...(t.buyerId ? { buyer_user_id: t.buyerId } : { buyer_open_id: t.buyerOpenId }),
      });
    const seen = t.refunds.get(requestNo);
    if (seen)
      return seen.fen === fen ? answer('N') : fail('ACQ.REFUND_AMT_NOT_EQUAL', '退款金额与退款请求号对应的金额不一致');
    if (t.paidAt === null) return fail('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
    if (fen > t.totalFen - t.refundedFen) return fail('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额超限');
    const now = this.clock.now();
    t.refunds.set(requestNo, { fen, at: now, reason: String(biz.refund_reason ?? '') });
    t.refundedFen += fen;
    if (t.refundedFen === t.totalFen) t.status = 'TRADE_CLOSED';
    if (t.notifyUrl)
      this.notifier.send(
        t.notifyUrl,
        {
          ...this.notifyFields(t),
          out_biz_no: requestNo,
          refund_fee: fenToYuan(t.refundedFen),
          gmt_refund: beijingTimestamp(now),
        },
        requestNo,
        { mode: 'send' },
      );
    return answer('Y');
  }

  private refundQuery(t: AlipayTrade, biz: Record<string, unknown>): MethodResult {
    const requestNo = String(biz.out_request_no ?? '');
    const r = t.refunds.get(requestNo);
    // An unknown refund is an empty success: "not refunded", in Alipay's words.
    if (!r) return ok({});
    return ok({
      trade_no: t.tradeNo,
      out_trade_no: t.outTradeNo,
      out_request_no: requestNo,
      total_amount: fenToYuan(t.totalFen),
      refund_amount: fenToYuan(r.fen),
      refund_status: 'REFUND_SUCCESS',
      gmt_refund_pay: beijingTimestamp(r.at),
    });
  }

  private view(t: AlipayTrade): Record<string, unknown> {
    return {
      trade_no: t.tradeNo,
      out_trade_no: t.outTradeNo,
      trade_status: t.status,
      total_amount: fenToYuan(t.totalFen),
      ...(t.buyerId ? { buyer_user_id: t.buyerId } : { buyer_open_id: t.buyerOpenId }),
      ...(t.paidAt !== null
        ? {
            send_pay_date: beijingTimestamp(t.paidAt),
            buyer_pay_amount: fenToYuan(t.totalFen),
            receipt_amount: fenToYuan(t.totalFen),
          }
        : {}),
    };
  }

  private notifyFields(t: AlipayTrade): Record<string, string> {
    return {
      trade_no: t.tradeNo,
      out_trade_no: t.outTradeNo,
      trade_status: t.status,
      total_amount: fenToYuan(t.totalFen),
      seller_id: t.sellerId,
      receipt_amount: fenToYuan(t.totalFen),
      buyer_pay_amount: fenToYuan(t.totalFen),
      subject: t.subject,
      gmt_create: beijingTimestamp(t.createdAt),
      ...(t.paidAt !== null ? { gmt_payment: beijingTimestamp(t.paidAt) } : {}),
      ...(t.buyerId ? { buyer_id: t.buyerId } : { buyer_open_id: t.buyerOpenId! }),
    };
  }
}
