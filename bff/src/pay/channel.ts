/**
 * One payment channel (WeChat Pay, Alipay, Baidu cashier) as the payment domain sees it. Each
 * adapter speaks its channel's real protocol through the channel's SDK; the domain never sees a
 * channel's wire format. Money is integer fen; instants are epoch milliseconds (UTC).
 */
import type { ClientPayParams, PayScene } from '@cityhealth/shared-types';

export type ChannelName = 'wechat' | 'alipay' | 'baidu';

export interface CreatePaymentInput {
  /** Our merchant order number for this payment attempt (商户订单号), unique per channel. */
  outTradeNo: string;
  amountFen: number;
  /** Shown to the payer by the channel, e.g. "北京协和医院 心血管内科 挂号费". */
  description: string;
  /** miniprogram: paid inside the platform's app; h5: on the channel's cashier page in a browser. */
  scene: PayScene;
  /** The payer's user id on the channel (WeChat openid, Alipay user id / open id, Baidu openid); none in h5. */
  payerId: string | null;
  /** The payer's IP address (the H5 scene must report it). */
  payerIp: string;
  /** The channel closes the trade by itself after this instant. */
  expiresAt: number;
}

export type { ClientPayParams, PayScene } from '@cityhealth/shared-types';

/**
 * A trade's state as the channel reports it, normalised. `absent`: the channel has no such trade
 * (the create never reached it, or, for Alipay and Baidu, the payer never opened the cashier).
 */
export type TradeState = 'absent' | 'unpaid' | 'paying' | 'paid' | 'closed' | 'refunded' | 'failed';

/** Whom a trade pays: the app and merchant the channel names in it (null where the channel does not say). */
export interface Payee {
  /** WeChat appid, Alipay app_id, Baidu appKey. */
  appId: string | null;
  /** WeChat mchid, Alipay seller_id, Baidu dealId. */
  merchantId: string | null;
}

export interface ChannelTrade {
  outTradeNo: string;
  state: TradeState;
  /** The channel's own trade id (WeChat transaction_id, Alipay trade_no, Baidu orderId). */
  channelTradeNo: string | null;
  /** The amount the payer actually paid (fen), when paid. */
  paidFen: number | null;
  paidAt: number | null;
  /** The trade's own amount (fen) as the channel holds it, when it says (before discounts). */
  totalFen?: number | null;
  /** ISO 4217, when the channel says. */
  currency?: string | null;
  /** Whom the channel says the trade pays, when it says. */
  payee?: Payee | null;
}

/** What a channel reports for a trade it does not know. */
export const absentTrade = (outTradeNo: string): ChannelTrade => ({
  outTradeNo,
  state: 'absent',
  channelTradeNo: null,
  paidFen: null,
  paidAt: null,
});

export interface RefundInput {
  outTradeNo: string;
  /** Our refund number (商户退款单号), unique per channel. */
  outRefundNo: string;
  refundFen: number;
  totalFen: number;
  reason: string;
}

export type RefundState = 'processing' | 'succeeded' | 'failed' | 'closed';

export interface ChannelRefund {
  outRefundNo: string;
  outTradeNo: string;
  state: RefundState;
  channelRefundNo: string | null;
  refundFen: number;
  succeededAt: number | null;
}

/** A notify whose signature, freshness and encryption were verified by the adapter. */
export type VerifiedNotify = NotifyIdentity &
  ({ kind: 'payment'; trade: ChannelTrade } | { kind: 'refund'; refund: ChannelRefund });

export interface NotifyIdentity {
  /** The channel's id of the event (WeChat notify `id`): a retried delivery repeats it. */
  notifyId: string;
  /**
   * What makes one delivery unique (WeChat: the Wechatpay-Nonce header). The same value seen
   * twice is a replayed request, refused even though its signature is valid.
   */
  replayKey: string;
}

export interface RawNotify {
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The body exactly as received (signatures cover the raw bytes). */
  rawBody: string;
}

/** The answer the channel expects to a notify, by its own protocol. */
export interface NotifyReply {
  status: number;
  contentType: string;
  body: string;
}

/** Why a notify was refused; nothing is changed for it. */
export class NotifyRejected extends Error {
  constructor(
    readonly reason: 'signature' | 'stale' | 'malformed' | 'decrypt' | 'unknown-key',
    message: string,
  ) {
    super(message);
  }
}

/** A channel call that failed (network, the channel's error answer, a bad response signature). */
export class ChannelError extends Error {
  constructor(
    readonly channel: ChannelName,
    /** The channel's own error code, e.g. ORDERPAID, ORDER_NOT_EXIST, ACQ.TRADE_NOT_EXIST. */
    readonly code: string,
    message: string,
    /** True when retrying later may succeed (network, 5xx, SYSTEM_ERROR). */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** One line of a channel's daily bill (对账单), normalised. Money in fen; instants epoch ms. */
export interface BillLine {
  kind: 'payment' | 'refund';
  outTradeNo: string;
  /** Refund lines: our refund number (商户退款单号). */
  outRefundNo: string | null;
  channelTradeNo: string | null;
  channelRefundNo: string | null;
  /** Payment lines: the amount paid; refund lines: the amount refunded. */
  amountFen: number;
  /** The channel's service fee (手续费 / 服务费) on this line; negative on refunds when returned. */
  feeFen: number;
  /** The channel's own state text (WeChat 交易状态 SUCCESS/REFUND…, Alipay 业务类型 交易/退款). */
  channelStatus: string;
  at: number;
}

/** A channel's bill for one day (Asia/Shanghai calendar day), every line parsed by header name. */
export interface ChannelBill {
  channel: ChannelName;
  billDate: string;
  lines: BillLine[];
}

export interface PaymentChannel {
  readonly name: ChannelName;
  /** The app and merchant our trades are made for: a paid trade that names others is not ours to book. */
  readonly payee: Payee;
  /** Creates the channel's trade (WeChat JSAPI order, alipay.trade.create, Baidu orderInfo). */
  createPayment(input: CreatePaymentInput): Promise<ClientPayParams>;
  /** Active query; a trade the channel does not know is reported as 'absent'. */
  queryPayment(outTradeNo: string): Promise<ChannelTrade>;
  /** Closes an unpaid trade so it can no longer be paid; closing a closed trade is not an error. */
  closePayment(outTradeNo: string): Promise<void>;
  refund(input: RefundInput): Promise<ChannelRefund>;
  queryRefund(outRefundNo: string, outTradeNo: string): Promise<ChannelRefund>;
  /**
   * Verifies a notify: signature (and the key or certificate id it names), timestamp within
   * 5 minutes of `now`, AEAD tag where the channel encrypts. Throws NotifyRejected otherwise.
   * Duplicates are the caller's to handle: a repeated notifyId is accepted without a second
   * change, a repeated replayKey is refused (both are stored under unique keys).
   */
  verifyNotify(notify: RawNotify, now: number): Promise<VerifiedNotify>;
  notifyReply(accepted: boolean): NotifyReply;
  /**
   * Downloads and parses the channel's bill of one Shanghai calendar day (`YYYY-MM-DD`): WeChat
   * tradebill, Alipay's zip of GBK CSVs, Baidu's order bill. A day with no trades is an empty bill.
   */
  downloadBill(billDate: string): Promise<ChannelBill>;
}
