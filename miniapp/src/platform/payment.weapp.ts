import Taro from '@tarojs/taro';
import type { PaymentOutcome, PlatformPayment } from './types';

export const platformPayment: PlatformPayment = {
  channel: 'wechat',
  scene: 'miniprogram',
  async pay(ticket): Promise<PaymentOutcome> {
    if (ticket.params.channel !== 'wechat' || ticket.params.scene !== 'miniprogram')
      throw new Error('not a WeChat Pay mini-program ticket');
    try {
      await Taro.requestPayment(ticket.params.requestPayment);
      return 'paid';
    } catch (e) {
      if (String((e as { errMsg?: string }).errMsg ?? '').includes('cancel')) return 'cancelled';
      throw e;
    }
  },
};
