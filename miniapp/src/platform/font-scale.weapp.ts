import type { FontScaleReader } from './types';

/** WeChat exposes the user's font setting as fontSizeScaleFactor (1 = standard). */
export const systemFontScale: FontScaleReader = () => {
  try {
    const f = wx.getAppBaseInfo?.().fontSizeScaleFactor;
    return typeof f === 'number' && f > 0 ? f : 1;
  } catch {
    return 1;
  }
};
