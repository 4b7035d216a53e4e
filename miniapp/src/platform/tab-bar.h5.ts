import type { PlatformTabBar } from './types';

/** Browser: Taro's own tab bar, enlarged in the elder edition (app.scss). */
export const platformTabBar: PlatformTabBar = { drawsOwnBar: false, inPage: false, onTabPageShow: () => undefined };
