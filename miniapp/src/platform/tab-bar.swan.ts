import Taro from '@tarojs/taro';
import type { PlatformTabBar } from './types';

/**
 * Baidu has no custom tab bar: its own (small fixed font) is hidden on every tab page's show
 * (`swan.hideTabBar`) and the page draws the app's bar, so both editions look as on WeChat.
 */
export const platformTabBar: PlatformTabBar = {
  drawsOwnBar: true,
  inPage: true,
  onTabPageShow: () => {
    // Fails only on a page without a tab bar, which a tab page is not.
    Taro.hideTabBar({ animation: false }).catch(() => undefined);
  },
};
