import Taro from '@tarojs/taro';
import { acceptedTemplateIds } from './subscribe-result';
import type { PlatformNoticeConsent } from './types';

/** WeChat one-time subscription messages: at most 3 templates per prompt, and only from a tap. */
export const platformNoticeConsent: PlatformNoticeConsent = {
  asks: true,
  async ask(templateIds) {
    const asked = templateIds.slice(0, 3);
    if (!asked.length) return [];
    try {
      const answer = await Taro.requestSubscribeMessage({ tmplIds: [...asked], entityIds: [] });
      return acceptedTemplateIds(answer as unknown as Record<string, unknown>, asked);
    } catch {
      // Closed, switched off in settings, or an old client: the notices go by SMS.
      return [];
    }
  },
};
