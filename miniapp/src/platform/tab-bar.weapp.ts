import type { PlatformTabBar } from './types';

/** WeChat hosts the app's bar as its custom tab bar (src/custom-tab-bar). */
export const platformTabBar: PlatformTabBar = { drawsOwnBar: true, inPage: false, onTabPageShow: () => undefined };
