import type { PlatformLogin } from './types';

/** Baidu's login code goes to jscode2sessionkey on the BFF. */
export const platformLogin: PlatformLogin = {
  platform: 'swan',
  label: '百度一键登录',
  getCode: () =>
    new Promise((resolve, reject) =>
      swan.getLoginCode({
        success: (r) => resolve(r.code),
        fail: (e) => reject(new Error(e.errMsg ?? '百度登录失败')),
      }),
    ),
};
