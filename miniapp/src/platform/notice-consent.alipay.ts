import type { PlatformNoticeConsent } from './types';

/** Alipay's template messages are sent against the payment (trade no), with no prompt. */
export const platformNoticeConsent: PlatformNoticeConsent = {
  asks: false,
  ask: async () => [],
};
