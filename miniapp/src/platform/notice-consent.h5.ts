import type { PlatformNoticeConsent } from './types';

/** The browser has no subscription messages: notices go by SMS. */
export const platformNoticeConsent: PlatformNoticeConsent = {
  asks: false,
  ask: async () => [],
};
