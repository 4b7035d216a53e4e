import { browserLocation } from './browser-location';
import type { PlatformPayment } from './types';

/**
 * In a mobile browser WeChat Pay takes the payment on its H5 cashier page (in the sandbox, the
 * emulator's cashier lets a tester pay or decline). The page returns to the order it came from,
 * which then shows the result of the payment notify.
 */
export const platformPayment: PlatformPayment = {
  channel: 'wechat',
  scene: 'h5',
  async pay(ticket) {
    if (ticket.params.channel !== 'wechat' || ticket.params.scene !== 'h5')
      throw new Error('not a WeChat Pay H5 ticket');
    browserLocation.leaveFor(`${ticket.params.h5Url}&redirect_url=${encodeURIComponent(browserLocation.current())}`);
    return 'redirected';
  },
};
