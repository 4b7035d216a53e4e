import type { PlatformNoticeConsent } from './types';

/** Baidu's template messages are sent against the payment (order id), with no prompt. */
export const platformNoticeConsent: PlatformNoticeConsent = {
  asks: false,
  ask: async () => [],
};
