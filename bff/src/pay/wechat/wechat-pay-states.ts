import type { ChannelRefund, ChannelTrade, RefundState, TradeState } from '../channel.js';

/** A transaction as WeChat Pay v3 describes it (query answer and TRANSACTION.SUCCESS resource). */
export interface WxTrade {
  appid?: string;
  mchid?: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_state: string;
  success_time?: string;
  amount?: { total?: number; payer_total?: number; currency?: string };
}

/** A refund as WeChat Pay v3 describes it (refund answers and REFUND.* resources). */
export interface WxRefund {
  out_refund_no: string;
  out_trade_no: string;
  refund_id?: string;
  status?: string;
  refund_status?: string;
  success_time?: string;
  amount?: { refund?: number };
}

const TRADE_STATES: Record<string, TradeState> = {
  SUCCESS: 'paid',
  REFUND: 'refunded',
  NOTPAY: 'unpaid',
  CLOSED: 'closed',
  REVOKED: 'closed',
  USERPAYING: 'paying',
  PAYERROR: 'failed',
};

const REFUND_STATES: Record<string, RefundState> = {
  SUCCESS: 'succeeded',
  PROCESSING: 'processing',
  ABNORMAL: 'failed',
  CLOSED: 'closed',
};

const instant = (text: string | undefined) => (text ? Date.parse(text) : null);

export function tradeFrom(t: WxTrade): ChannelTrade {
  const state = TRADE_STATES[t.trade_state] ?? 'failed';
  return {
    outTradeNo: t.out_trade_no,
    state,
    channelTradeNo: t.transaction_id ?? null,
    paidFen: state === 'paid' || state === 'refunded' ? (t.amount?.payer_total ?? t.amount?.total ?? null) : null,
    paidAt: instant(t.success_time),
    totalFen: t.amount?.total ?? null,
    currency: t.amount?.currency ?? null,
    // WeChat Pay names both in every transaction: a missing one is a mismatch, not "not said".
    payee: { appId: t.appid ?? '', merchantId: t.mchid ?? '' },
  };
}

/** Refund answers say `status`; REFUND.* notify resources say `refund_status`. */
export function refundFrom(r: WxRefund): ChannelRefund {
  return {
    outRefundNo: r.out_refund_no,
    outTradeNo: r.out_trade_no,
    state: REFUND_STATES[r.status ?? r.refund_status ?? ''] ?? 'processing',
    channelRefundNo: r.refund_id ?? null,
    refundFen: r.amount?.refund ?? 0,
    succeededAt: instant(r.success_time),
  };
}
