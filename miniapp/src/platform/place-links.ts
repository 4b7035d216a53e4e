import type { Place } from './types';

/** The number as a dialler takes it: digits (and a leading +) only. */
export const dialNumber = (phone: string): string => phone.replace(/[^\d+]/g, '');

export const telLink = (phone: string): string => `tel:${dialNumber(phone)}`;

/**
 * An ordinary map page for the browser (Amap's URI API, which also hands over to the Amap app when
 * it is installed): a marker at the location when known, else a search for the address.
 */
export function mapPageUrl(place: Place): string {
  const name = encodeURIComponent(place.name);
  if (place.location) {
    const { latitude, longitude } = place.location;
    return `https://uri.amap.com/marker?position=${longitude},${latitude}&name=${name}&src=cityhealth&callnative=1`;
  }
  return `https://uri.amap.com/search?keyword=${encodeURIComponent(place.address)}&src=cityhealth&callnative=1`;
}
