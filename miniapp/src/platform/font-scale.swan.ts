import type { FontScaleReader } from './types';

/** Baidu reports the user's font size setting in px; 16 is the standard size. */
export const systemFontScale: FontScaleReader = () => {
  try {
    const px = swan.getSystemInfoSync().fontSizeSetting;
    return typeof px === 'number' && px > 0 ? px / 16 : 1;
  } catch {
    return 1;
  }
};
