import Taro from '@tarojs/taro';
import { systemFontScale } from '../platform/font-scale';

export type Edition = 'standard' | 'elder';

const KEY = 'cityhealth.edition';
type Listener = (e: Edition) => void;
const listeners = new Set<Listener>();

/** The patient's choice (remembered on the device), else the build's default edition. */
export function currentEdition(): Edition {
  const stored = Taro.getStorageSync(KEY) as string;
  return stored === 'elder' || stored === 'standard' ? stored : __EDITION__;
}

export function chooseEdition(e: Edition): void {
  Taro.setStorageSync(KEY, e);
  for (const l of listeners) l(e);
}

export function onEditionChange(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The platform's large-font factor, kept between 1 and 1.6 so layouts hold. */
export function fontScale(): number {
  const f = systemFontScale();
  return Math.min(1.6, Math.max(1, Number.isFinite(f) ? f : 1));
}
