import Taro from '@tarojs/taro';
import type { PlatformLogin } from './types';

export const platformLogin: PlatformLogin = {
  platform: 'weapp',
  label: '微信一键登录',
  getCode: async () => (await Taro.login()).code,
};
