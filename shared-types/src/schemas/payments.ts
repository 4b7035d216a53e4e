import { z } from 'zod';
import { Id, Instant, PageQuery, paged } from './common.js';
import { PAY_CHANNELS, REFUND_STATES } from '../labels.js';

export const PayChannel = z
  .enum(PAY_CHANNELS)
  .meta({ description: 'wechat (WeChat Pay JSAPI), alipay (my.tradePay), baidu (百度收银台)' });

export const PayScene = z.enum(['miniprogram', 'h5']).meta({
  description: "miniprogram: the platform's own payment call; h5: the channel's cashier page in a mobile browser",
});

export const PayOrderRequest = z
  .object({ channel: PayChannel, scene: PayScene.default('miniprogram') })
  .meta({ id: 'PayOrderRequest' });

/** What the app passes to its platform's payment call, or the cashier page it opens (H5). */
export const ClientPayParams = z.union([
  z.object({
    channel: z.literal('wechat'),
    scene: z.literal('miniprogram'),
    requestPayment: z.object({
      appId: z.string(),
      timeStamp: z.string(),
      nonceStr: z.string(),
      package: z.string(),
      signType: z.literal('RSA'),
      paySign: z.string(),
    }),
  }),
  z.object({
    channel: z.literal('wechat'),
    scene: z.literal('h5'),
    /** WeChat Pay's H5 cashier; append `&redirect_url=` (URL-encoded) to come back after paying. */
    h5Url: z.string().url(),
  }),
  z.object({ channel: z.literal('alipay'), tradeNO: z.string() }),
  z.object({ channel: z.literal('baidu'), orderInfo: z.record(z.string(), z.union([z.string(), z.number()])) }),
]);

export const PaymentTicket = z
  .object({
    orderId: Id,
    paymentId: Id,
    amountFen: z.number().int(),
    /** The trade closes at the order's payment deadline. */
    expiresAt: Instant,
    params: ClientPayParams,
  })
  .meta({ id: 'PaymentTicket' });

/** A refund as the patient follows it: under way, back on the account, or not made (the hospital helps). */
export const PaymentRefund = z.object({
  amountFen: z.number().int(),
  state: z.enum(REFUND_STATES),
  requestedAt: Instant,
  refundedAt: Instant.nullable(),
});

/** A payment the channel confirmed, with its refunds: the patient's own record of money paid. */
export const PaymentRecord = z
  .object({
    id: Id,
    orderId: Id,
    orderNo: z.string(),
    hospitalName: z.string(),
    departmentName: z.string(),
    channel: PayChannel,
    /** What the channel took, in fen. */
    amountFen: z.number().int(),
    paidAt: Instant,
    status: z.enum(['paid', 'refunding', 'refunded']).meta({
      description: 'paid; refunding: a refund is under way; refunded: the whole amount is back',
    }),
    refunds: z.array(PaymentRefund),
  })
  .meta({ id: 'PaymentRecord' });

export const PaymentRecordQuery = PageQuery.extend({
  /** Only the payments of this booking (its detail page). */
  orderId: Id.optional(),
});

export const PaymentRecordPage = paged(PaymentRecord);

export type PayChannel = z.infer<typeof PayChannel>;
export type PayOrderRequest = z.infer<typeof PayOrderRequest>;
export type PayScene = z.infer<typeof PayScene>;
export type ClientPayParams = z.infer<typeof ClientPayParams>;
export type PaymentTicket = z.infer<typeof PaymentTicket>;
export type PaymentRefund = z.infer<typeof PaymentRefund>;
export type PaymentRecord = z.infer<typeof PaymentRecord>;
export type PaymentRecordQuery = z.infer<typeof PaymentRecordQuery>;
