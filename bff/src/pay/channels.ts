import type { Config } from '../config/config.js';
import type { ChannelName, PaymentChannel } from './channel.js';
import { AlipayPayChannel } from './alipay/alipay-pay-channel.js';
import { BaiduPayChannel } from './baidu/baidu-pay-channel.js';
import { WechatPayChannel } from './wechat/wechat-pay-channel.js';

/** The payment channels this configuration can use, each with the notify address of its own. */
export function createPayChannels(config: Config): Partial<Record<ChannelName, PaymentChannel>> {
  const notifyUrl = (channel: ChannelName) => `${config.publicBaseUrl}/api/v1/payments/notify/${channel}`;
  const channels: Partial<Record<ChannelName, PaymentChannel>> = {};
  const wx = config.providers.wechatPay;
  if (wx)
    channels.wechat = new WechatPayChannel({
      ...wx,
      apiBase: config.endpoints.wechatPayApiBase,
      notifyUrl: notifyUrl('wechat'),
    });
  if (config.alipayPay)
    channels.alipay = new AlipayPayChannel({
      ...config.providers.alipay,
      gateway: config.endpoints.alipayGateway,
      notifyUrl: notifyUrl('alipay'),
    });
  const baidu = config.providers.baiduPay;
  if (baidu) {
    channels.baidu = new BaiduPayChannel({
      ...baidu,
      openApiBase: config.endpoints.baiduOpenApiBase,
      clientId: config.providers.baidu.clientId,
      clientSecret: config.providers.baidu.sk,
      notifyUrl: notifyUrl('baidu'),
    });
  }
  return channels;
}
