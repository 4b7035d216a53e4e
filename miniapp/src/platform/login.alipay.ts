import type { PlatformLogin } from './types';

/** Alipay's silent authorisation (auth_base) gives the code alipay.system.oauth.token exchanges. */
export const platformLogin: PlatformLogin = {
  platform: 'alipay',
  label: '支付宝一键登录',
  getCode: () =>
    new Promise((resolve, reject) =>
      my.getAuthCode({
        scopes: 'auth_base',
        success: (r) => resolve(r.authCode),
        fail: (e) => reject(new Error(e.errorMessage ?? '支付宝授权失败')),
      }),
    ),
};
