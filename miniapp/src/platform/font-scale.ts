import type { FontScaleReader } from './types';

/** H5: the browser's own font setting already scales rem-based text. */
export const systemFontScale: FontScaleReader = () => 1;
