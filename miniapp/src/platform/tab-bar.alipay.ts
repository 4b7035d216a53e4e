import type { PlatformTabBar } from './types';

/** Alipay hosts the app's bar as its custom tab bar (src/customize-tab-bar). */
export const platformTabBar: PlatformTabBar = { drawsOwnBar: true, inPage: false, onTabPageShow: () => undefined };
