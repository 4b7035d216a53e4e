import type { PlatformNavigation } from './types';

/** Browser: no navigation bar of the platform to rely on (Taro's own is off), so deep pages draw a back header. */
export const platformNavigation: PlatformNavigation = { drawsBackHeader: true };
