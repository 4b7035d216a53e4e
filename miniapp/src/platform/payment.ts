import type { PlatformPayment } from './types';

/**
 * H5 and any target without a file of its own: no cashier here. Bookings that need online payment
 * are paid in a mini-program (or at the hospital where the hospital allows it).
 */
export const platformPayment: PlatformPayment = {
  channel: null,
  scene: 'miniprogram',
  pay: () => Promise.reject(new Error('online payment is not available in this build')),
};
