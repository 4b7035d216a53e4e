import { fromBeijingTimestamp } from '../../shared/time.js';
import type { ChannelRefund, ChannelTrade, TradeState } from '../channel.js';
import { yuanToFen } from '../money.js';

/** `alipay.trade.query` (camel-cased by the SDK) or a trade_status_sync notify (snake_case), read alike. */
export interface AlipayTradeFields {
  outTradeNo: string;
  tradeNo?: string;
  tradeStatus?: string;
  totalAmount?: string;
  /** When the buyer paid: `send_pay_date` (query) or `gmt_payment` (notify). */
  paidAt?: string;
  /** Notifies name the app and the seller (the merchant's 2088… partner id); queries do not. */
  appId?: string;
  sellerId?: string;
  /** Set only for trades in a foreign currency. */
  transCurrency?: string;
}

const TRADE_STATES: Record<string, TradeState> = {
  WAIT_BUYER_PAY: 'unpaid',
  TRADE_SUCCESS: 'paid',
  // Paid and no longer refundable: still paid as far as a booking is concerned.
  TRADE_FINISHED: 'paid',
  TRADE_CLOSED: 'closed',
};

export function tradeFrom(t: AlipayTradeFields): ChannelTrade {
  let state = TRADE_STATES[t.tradeStatus ?? ''] ?? 'unpaid';
  // A paid trade that was refunded in full is closed by Alipay; it was paid once.
  if (state === 'closed' && t.paidAt) state = 'refunded';
  const paid = state === 'paid';
  return {
    outTradeNo: t.outTradeNo,
    state,
    channelTradeNo: t.tradeNo ?? null,
    paidFen: paid && t.totalAmount ? yuanToFen(t.totalAmount) : null,
    paidAt: paid ? fromBeijingTimestamp(t.paidAt) : null,
    totalFen: t.totalAmount ? yuanToFen(t.totalAmount) : null,
    currency: t.transCurrency ?? null,
    payee: { appId: t.appId ?? null, merchantId: t.sellerId ?? null },
  };
}

export interface AlipayRefundFields {
  outTradeNo: string;
  /** Our out_request_no (商户退款单号). */
  outRefundNo: string;
  tradeNo?: string;
  succeeded: boolean;
  refundAmount?: string;
  refundedAt?: string;
}

export function refundFrom(r: AlipayRefundFields): ChannelRefund {
  return {
    outRefundNo: r.outRefundNo,
    outTradeNo: r.outTradeNo,
    state: r.succeeded ? 'succeeded' : 'processing',
    // Alipay has no refund id of its own: the trade number and our request number name a refund.
    channelRefundNo: r.tradeNo ? `${r.tradeNo}:${r.outRefundNo}`.slice(0, 64) : null,
    refundFen: r.refundAmount ? yuanToFen(r.refundAmount) : 0,
    succeededAt: r.succeeded ? fromBeijingTimestamp(r.refundedAt) : null,
  };
}
