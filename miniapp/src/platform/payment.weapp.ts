import Taro from '@tarojs/taro';
import type { PaymentOutcome, PlatformPayment } from './types';

export const platformPayment: PlatformPayment = {
  channel: 'wechat',
  async pay(ticket): Promise<PaymentOutcome> {
    if (ticket.params.channel !== 'wechat') throw new Error('not a WeChat Pay ticket');
    try {
      await Taro.requestPayment(ticket.params.requestPayment);
      return 'paid';
    } catch (e) {
      if (String((e as { errMsg?: string }).errMsg ?? '').includes('cancel')) return 'cancelled';
      throw e;
    }
  },
};
