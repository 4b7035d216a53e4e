import type { Config } from '../../config/config.js';
import type { Logger } from '../../shared/logger.js';
import { AlipayLogin } from './alipay.js';
import { BaiduLogin } from './baidu.js';
import type { LoginProviders } from './provider.js';
import { WechatLogin } from './wechat.js';

export function createLoginProviders(config: Config, logger: Logger): LoginProviders {
  const { endpoints: e, providers: p } = config;
  return {
    weapp: new WechatLogin({ apiBase: e.wechatApiBase, appId: p.wechat.appId, secret: p.wechat.secret, logger }),
    alipay: new AlipayLogin({ ...p.alipay, gateway: e.alipayGateway, logger }),
    swan: new BaiduLogin({ apiBase: e.baiduApiBase, clientId: p.baidu.clientId, sk: p.baidu.sk, logger }),
  };
}
