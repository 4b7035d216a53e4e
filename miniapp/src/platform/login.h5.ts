import type { PlatformLogin } from './types';

/** H5 and any target without a file of its own: no platform identity, phone + SMS code only. */
export const platformLogin: PlatformLogin = {
  platform: null,
  label: '',
  getCode: () => Promise.reject(new Error('no platform login in this build')),
};
