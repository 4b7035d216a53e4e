import Taro from '@tarojs/taro';
import { dialNumber } from './place-links';
import type { PlatformContact } from './types';

/**
 * The mini-programs' own dialler and map (Taro maps the calls to wx., my. and swan.). The map needs
 * coordinates; without them the address is copied, to paste into the patient's map app.
 */
export const miniProgramContact: PlatformContact = {
  async call(place) {
    await Taro.makePhoneCall({ phoneNumber: dialNumber(place.phone) });
  },
  async showOnMap(place) {
    if (place.location) {
      await Taro.openLocation({ ...place.location, name: place.name, address: place.address, scale: 16 });
      return;
    }
    await Taro.setClipboardData({ data: place.address });
    await Taro.showToast({ title: '地址已复制，可粘贴到地图中查找', icon: 'none' });
  },
};
