import type { PaymentOutcome, PlatformPayment } from './types';

/** Baidu's cashier (百度收银台): requestPolymerPayment with the orderInfo the BFF signed. */
export const platformPayment: PlatformPayment = {
  channel: 'baidu',
  scene: 'miniprogram',
  pay: (ticket) =>
    new Promise<PaymentOutcome>((resolve, reject) => {
      if (ticket.params.channel !== 'baidu') return reject(new Error('not a Baidu ticket'));
      swan.requestPolymerPayment({
        orderInfo: ticket.params.orderInfo,
        success: () => resolve('paid'),
        fail: (e) => (e.errCode === 2 ? resolve('cancelled') : reject(new Error(e.errMsg ?? '支付失败'))),
      });
    }),
};
