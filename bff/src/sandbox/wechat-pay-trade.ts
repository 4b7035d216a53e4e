import crypto from 'node:crypto';
import type { Clock } from '../shared/clock.js';
import { beijingRfc3339 } from '../shared/time.js';
import type { NotifyPlan } from './notify-plan.js';
import type { WechatPayNotifier } from './wechat-pay-notify.js';

/** What a paid trade says instead of what was ordered (`/sandbox/pay` `paidAs`). */
export interface PaidAs {
  totalFen?: number;
  currency?: string;
  appid?: string;
  mchid?: string;
}

export interface WechatPayTrade {
  appid: string;
  mchid: string;
  currency: string;
  out_trade_no: string;
  description: string;
  notify_url: string;
  time_expire: number | null;
  total: number;
  openid: string | null;
  prepay_id: string;
  trade_type: 'JSAPI' | 'MWEB';
  state: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';
  transaction_id?: string;
  success_time?: string;
  refunded: number;
}

export interface WechatPayRefund {
  refund_id: string;
  out_refund_no: string;
  out_trade_no: string;
  transaction_id: string;
  notify_url: string | null;
  status: 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';
  create_time: string;
  success_time?: string;
  refund: number;
  total: number;
}

/** A merchant API call's outcome: the answer's body, or WeChat Pay's error code and message. */
export type TradeAnswer =
  | { ok: true; status: number; body: object | null }
  | { ok: false; status: number; code: string; message: string };

const ok = (body: object | null, status = 200): TradeAnswer => ({ ok: true, status, body });
const fail = (status: number, code: string, message: string): TradeAnswer => ({ ok: false, status, code, message });
const OUT_NO = /^[A-Za-z0-9_\-|*]{6,32}$/;
const paid = (t: WechatPayTrade) => t.state === 'SUCCESS' || t.state === 'REFUND';
const digits = (n: number) => Array.from(crypto.randomBytes(n), (b) => String(b % 10)).join('');

interface OrderInput {
  appid?: string;
  mchid?: string;
  description?: string;
  out_trade_no?: string;
  time_expire?: string;
  notify_url?: string;
  amount?: { total?: unknown };
  payer?: { openid?: string };
  scene_info?: { payer_client_ip?: string; h5_info?: { type?: string } };
}

/**
 * The trades and refunds of one direct merchant: JSAPI and H5 orders, query, close, refunds
 * (PROCESSING, then SUCCESS with a REFUND.SUCCESS notify) and the tester's pay or decline.
 */
export class WechatPayTrades {
  private readonly trades = new Map<string, WechatPayTrade>();
  private readonly byPrepay = new Map<string, string>();
  private readonly refunds = new Map<string, WechatPayRefund>();
  refundPlan: NotifyPlan = { mode: 'send' };

  constructor(
    private readonly merchant: { appId: string; mchId: string },
    private readonly clock: Clock,
    private readonly notifier: WechatPayNotifier,
    private readonly refundDelayMs: number,
  ) {}

  trade(outTradeNo: string): WechatPayTrade | undefined {
    return this.trades.get(outTradeNo);
  }

  tradeOfPrepay(prepayId: string): WechatPayTrade | undefined {
    return this.trades.get(this.byPrepay.get(prepayId) ?? '');
  }

  allTrades(): WechatPayTrade[] {
    return [...this.trades.values()];
  }

  allRefunds(): WechatPayRefund[] {
    return [...this.refunds.values()];
  }

  /** JSAPI (inside WeChat: answers prepay_id) or H5 (a mobile browser: answers the cashier's h5_url). */
  create(type: WechatPayTrade['trade_type'], p: OrderInput | null, cashierOrigin: string): TradeAnswer {
    if (!p) return fail(400, 'PARAM_ERROR', '请求体不是合法的JSON');
    if (p.appid !== this.merchant.appId) return fail(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    if (p.mchid !== this.merchant.mchId) return fail(400, 'MCH_NOT_EXISTS', '商户号不存在');
    if (!p.out_trade_no || !OUT_NO.test(p.out_trade_no))
      return fail(400, 'PARAM_ERROR', '输入源"/body/out_trade_no"映射到字段"商户订单号"必填性规则校验失败');
    if (!p.description || p.description.length > 127)
      return fail(400, 'PARAM_ERROR', '输入源"/body/description"映射到字段"商品描述"校验失败');
    const total = p.amount?.total;
    if (typeof total !== 'number' || !Number.isInteger(total) || total <= 0)
      return fail(400, 'PARAM_ERROR', '输入源"/body/amount/total"映射到字段"总金额"校验失败');
    if (type === 'JSAPI' && !p.payer?.openid)
      return fail(400, 'PARAM_ERROR', '输入源"/body/payer/openid"映射到字段"用户标识"必填性规则校验失败');
    if (type === 'MWEB' && (!p.scene_info?.payer_client_ip || !p.scene_info.h5_info?.type))
      return fail(400, 'PARAM_ERROR', '输入源"/body/scene_info"映射到字段"场景信息"必填性规则校验失败');
    if (!p.notify_url || !/^https?:\/\//.test(p.notify_url))
      return fail(400, 'PARAM_ERROR', '输入源"/body/notify_url"映射到字段"通知地址"校验失败');
    const answer = (t: WechatPayTrade) =>
      ok(
        type === 'JSAPI'
          ? { prepay_id: t.prepay_id }
          : { h5_url: `${cashierOrigin}/wechatpay/sandbox/cashier?prepay_id=${t.prepay_id}&package=${digits(10)}` },
      );
    const existing = this.trades.get(p.out_trade_no);
    if (existing) {
      if (paid(existing)) return fail(400, 'ORDERPAID', '该订单已支付');
      if (existing.state === 'CLOSED') return fail(400, 'ORDER_CLOSED', '该订单已关闭');
      if (existing.total !== total || existing.trade_type !== type || existing.openid !== (p.payer?.openid ?? null))
        return fail(400, 'INVALID_REQUEST', '201 商户订单号重复');
      return answer(existing);
    }
    const trade: WechatPayTrade = {
      appid: p.appid,
      mchid: p.mchid,
      currency: 'CNY',
      out_trade_no: p.out_trade_no,
      description: p.description,
      notify_url: p.notify_url,
      time_expire: p.time_expire ? Date.parse(p.time_expire) : null,
      total,
      openid: p.payer?.openid ?? null,
      prepay_id: `wx${digits(14)}${crypto.randomBytes(10).toString('hex')}`,
      trade_type: type,
      state: 'NOTPAY',
      refunded: 0,
    };
    this.trades.set(trade.out_trade_no, trade);
    this.byPrepay.set(trade.prepay_id, trade.out_trade_no);
    return answer(trade);
  }

  query(outTradeNo: string): TradeAnswer {
    const t = this.trades.get(outTradeNo);
    return t ? ok(tradeView(t)) : fail(404, 'ORDER_NOT_EXIST', '订单不存在');
  }

  close(outTradeNo: string): TradeAnswer {
    const t = this.trades.get(outTradeNo);
    if (!t) return fail(404, 'ORDER_NOT_EXIST', '订单不存在');
    if (paid(t)) return fail(400, 'ORDERPAID', '该订单已支付，不能关闭');
    t.state = 'CLOSED';
    return ok(null, 204);
  }

  refund(
    p: {
      out_trade_no?: string;
      out_refund_no?: string;
      notify_url?: string;
      amount?: { refund?: unknown; total?: unknown };
    } | null,
  ): TradeAnswer {
    if (!p?.out_trade_no || !p.out_refund_no || !OUT_NO.test(p.out_refund_no))
      return fail(400, 'PARAM_ERROR', '商户订单号和商户退款单号必填');
    const t = this.trades.get(p.out_trade_no);
    if (!t) return fail(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    const existing = this.refunds.get(p.out_refund_no);
    if (existing) return ok(refundView(existing));
    if (!paid(t)) return fail(400, 'INVALID_REQUEST', '订单未支付，不能退款');
    const amount = p.amount?.refund;
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0)
      return fail(400, 'PARAM_ERROR', '输入源"/body/amount/refund"映射到字段"退款金额"校验失败');
    if (p.amount?.total !== t.total) return fail(400, 'INVALID_REQUEST', '订单金额与原订单金额不一致');
    if (amount > t.total - t.refunded) return fail(403, 'NOT_ENOUGH', '可退金额不足');
    t.refunded += amount;
    t.state = 'REFUND';
    const r: WechatPayRefund = {
      refund_id: `50${digits(30)}`,
      out_refund_no: p.out_refund_no,
      out_trade_no: t.out_trade_no,
      transaction_id: t.transaction_id!,
      notify_url: p.notify_url ?? null,
      status: 'PROCESSING',
      create_time: beijingRfc3339(this.clock.now()),
      refund: amount,
      total: t.total,
    };
    this.refunds.set(r.out_refund_no, r);
    setTimeout(() => {
      r.status = 'SUCCESS';
      r.success_time = beijingRfc3339(this.clock.now());
      if (r.notify_url)
        this.notifier.send(
          {
            url: r.notify_url,
            eventType: 'REFUND.SUCCESS',
            summary: '退款成功',
            originalType: 'refund',
            resource: this.refundNotifyResource(r),
            outNo: r.out_refund_no,
          },
          this.refundPlan,
        );
    }, this.refundDelayMs).unref();
    return ok(refundView(r));
  }

  queryRefund(outRefundNo: string): TradeAnswer {
    const r = this.refunds.get(outRefundNo);
    return r ? ok(refundView(r)) : fail(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
  }

  /**
   * The tester pays a trade (as `paidAs` says, when given) and its TRANSACTION.SUCCESS notify travels as `plan` says.
   */
  pay(t: WechatPayTrade, paidAs: PaidAs, plan: NotifyPlan): TradeAnswer {
    if (paid(t)) return fail(400, 'ORDERPAID', '该订单已支付');
    if (t.state === 'CLOSED' || (t.time_expire !== null && t.time_expire <= this.clock.now()))
      return fail(400, 'ORDER_CLOSED', '订单已关闭，请重新下单');
    if (paidAs.totalFen !== undefined && (!Number.isInteger(paidAs.totalFen) || paidAs.totalFen <= 0))
      return fail(400, 'PARAM_ERROR', 'paidAs.totalFen must be a positive integer');
    // paidAs: the trade WeChat Pay settles is not the one the merchant ordered (another amount,
    // currency, appid or merchant), as a channel fault or a trade made outside the platform would be.
    if (paidAs.totalFen !== undefined) t.total = paidAs.totalFen;
    if (typeof paidAs.currency === 'string') t.currency = paidAs.currency;
    if (typeof paidAs.appid === 'string') t.appid = paidAs.appid;
    if (typeof paidAs.mchid === 'string') t.mchid = paidAs.mchid;
    t.state = 'SUCCESS';
    t.transaction_id = `42000${digits(23)}`;
    t.success_time = beijingRfc3339(this.clock.now());
    this.notifier.send(
      {
        url: t.notify_url,
        eventType: 'TRANSACTION.SUCCESS',
        summary: '支付成功',
        originalType: 'transaction',
        resource: tradeView(t),
        outNo: t.out_trade_no,
      },
      plan,
    );
    return ok({ trade_state: t.state, transaction_id: t.transaction_id });
  }

  private refundNotifyResource(r: WechatPayRefund) {
    return {
      mchid: this.merchant.mchId,
      out_trade_no: r.out_trade_no,
      transaction_id: r.transaction_id,
      out_refund_no: r.out_refund_no,
      refund_id: r.refund_id,
      refund_status: r.status,
      success_time: r.success_time,
      user_received_account: '支付用户零钱',
      amount: { total: r.total, refund: r.refund, payer_total: r.total, payer_refund: r.refund },
    };
  }
}

function tradeView(t: WechatPayTrade) {
  return {
    appid: t.appid,
    mchid: t.mchid,
    out_trade_no: t.out_trade_no,
    ...(paid(t) ? { transaction_id: t.transaction_id, bank_type: 'OTHERS', success_time: t.success_time } : {}),
    trade_type: 'JSAPI',
    trade_state: t.state,
    trade_state_desc: { NOTPAY: '未支付', SUCCESS: '支付成功', CLOSED: '已关闭', REFUND: '转入退款' }[t.state],
    attach: '',
    payer: { openid: t.openid },
    amount: {
      total: t.total,
      currency: t.currency,
      ...(paid(t) ? { payer_total: t.total, payer_currency: t.currency } : {}),
    },
  };
}

function refundView(r: WechatPayRefund) {
  return {
    refund_id: r.refund_id,
    out_refund_no: r.out_refund_no,
    transaction_id: r.transaction_id,
    out_trade_no: r.out_trade_no,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    ...(r.success_time ? { success_time: r.success_time } : {}),
    create_time: r.create_time,
    status: r.status,
    funds_account: 'AVAILABLE',
    amount: {
      total: r.total,
      refund: r.refund,
      payer_total: r.total,
      payer_refund: r.refund,
      settlement_refund: r.refund,
      settlement_total: r.total,
      discount_refund: 0,
      currency: 'CNY',
    },
  };
}
