import { z } from 'zod';
import { Id, Instant } from './common.js';
import { PAY_CHANNELS } from '../labels.js';

export const PayChannel = z.enum(PAY_CHANNELS).meta({ description: 'wechat (WeChat Pay JSAPI), alipay (my.tradePay), baidu (百度收银台)' });

export const PayOrderRequest = z.object({ channel: PayChannel }).meta({ id: 'PayOrderRequest' });

/** What the mini-program passes to its platform's payment call. */
export const ClientPayParams = z.discriminatedUnion('channel', [
  z.object({
    channel: z.literal('wechat'),
    requestPayment: z.object({ appId: z.string(), timeStamp: z.string(), nonceStr: z.string(), package: z.string(), signType: z.literal('RSA'), paySign: z.string() }),
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

export type PayChannel = z.infer<typeof PayChannel>;
export type PayOrderRequest = z.infer<typeof PayOrderRequest>;
export type ClientPayParams = z.infer<typeof ClientPayParams>;
export type PaymentTicket = z.infer<typeof PaymentTicket>;
