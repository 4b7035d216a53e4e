import type { PlatformLogin } from './types';

/** The browser (H5): no platform identity, phone + SMS code only. */
export const platformLogin: PlatformLogin = {
  platform: null,
  label: '',
  getCode: () => Promise.reject(new Error('no platform login in this build')),
};
