import type { PaymentOutcome, PlatformPayment } from './types';

/** my.tradePay result codes: 9000 paid, 8000/6004 result unknown (the order page asks the BFF), 6001 cancelled. */
export const platformPayment: PlatformPayment = {
  channel: 'alipay',
  scene: 'miniprogram',
  pay: (ticket) =>
    new Promise<PaymentOutcome>((resolve, reject) => {
      if (ticket.params.channel !== 'alipay') return reject(new Error('not an Alipay ticket'));
      my.tradePay({
        tradeNO: ticket.params.tradeNO,
        success: (r) =>
          r.resultCode === '6001'
            ? resolve('cancelled')
            : r.resultCode === '4000'
              ? reject(new Error('支付失败'))
              : resolve('paid'),
        fail: (e) => reject(new Error(e.errorMessage ?? '支付失败')),
      });
    }),
};
