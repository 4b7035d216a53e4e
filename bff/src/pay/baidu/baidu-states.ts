import type { ChannelRefund, ChannelTrade, RefundState, TradeState } from '../channel.js';

/** findByTpOrderId `status`: -1 closed, 1 unpaid, 2 paid, 3 consumed (核销), 4 refunding, 5 refunded, 6 refund failed. */
const TRADE_STATES: Record<string, TradeState> = {
  '-1': 'closed',
  '1': 'unpaid',
  '2': 'paid',
  '3': 'paid',
  '4': 'paid',
  '5': 'refunded',
  '6': 'paid',
};

/** findOrderRefund `refundStatus`: 1 refunding, 2 refunded, 3 failed. The refund notify says 1 refunded, 2 failed. */
const QUERY_REFUND_STATES: Record<string, RefundState> = { '1': 'processing', '2': 'succeeded', '3': 'failed' };
const NOTIFY_REFUND_STATES: Record<string, RefundState> = { '1': 'succeeded', '2': 'failed' };

/** An order as findByTpOrderId describes it (Baidu's ids are numbers in JSON, kept as text here). */
export interface BaiduOrder {
  orderId?: number | string;
  userId?: number | string;
  tpOrderId?: string;
  status?: number | string;
  totalMoney?: number | string;
  payMoney?: number | string;
  /** Unix seconds, once paid. */
  payTime?: number | string;
  /**
   * The settlement agreement and the payment service the order
   * pays (findByTpOrderId names both; a notify names dealId).
   */
  dealId?: number | string;
  appKey?: string;
}

export interface BaiduRefundItem {
  bizRefundBatchId?: string;
  refundBatchId?: number | string;
  refundStatus?: number | string;
  orderId?: number | string;
  userId?: number | string;
  refundPayMoney?: number | string;
}

const text = (v: number | string | undefined | null): string | null =>
  v === undefined || v === null || v === '' ? null : String(v);
const seconds = (v: number | string | undefined): number | null =>
  v === undefined || v === '' || !Number(v) ? null : Number(v) * 1000;

export function tradeFromOrder(outTradeNo: string, o: BaiduOrder): ChannelTrade {
  const state = TRADE_STATES[String(o.status)] ?? 'unpaid';
  const paid = state === 'paid' || state === 'refunded';
  const total = text(o.totalMoney);
  return {
    outTradeNo,
    state,
    channelTradeNo: text(o.orderId),
    paidFen: paid ? Number(o.payMoney ?? o.totalMoney) : null,
    paidAt: paid ? seconds(o.payTime) : null,
    totalFen: total === null ? null : Number(total),
    payee: { appId: o.appKey ?? null, merchantId: text(o.dealId) },
  };
}

export function refundFromItem(outTradeNo: string, outRefundNo: string, item: BaiduRefundItem): ChannelRefund {
  const state = QUERY_REFUND_STATES[String(item.refundStatus)] ?? 'processing';
  return {
    outTradeNo,
    outRefundNo,
    state,
    channelRefundNo: text(item.refundBatchId),
    refundFen: Number(item.refundPayMoney ?? 0),
    succeededAt: null,
  };
}

export function notifyRefundState(refundStatus: string): RefundState | null {
  return NOTIFY_REFUND_STATES[refundStatus] ?? null;
}
