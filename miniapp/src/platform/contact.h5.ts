import { browserLocation } from './browser-location';
import { mapPageUrl, telLink } from './place-links';
import type { PlatformContact } from './types';

/** Browser: a tel: link opens the phone's dialler; the map is a map site's page. */
export const platformContact: PlatformContact = {
  async call(place) {
    browserLocation.leaveFor(telLink(place.phone));
  },
  async showOnMap(place) {
    browserLocation.leaveFor(mapPageUrl(place));
  },
};
