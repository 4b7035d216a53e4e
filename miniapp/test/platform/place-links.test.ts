import { dialNumber, mapPageUrl, telLink } from '../../src/platform/place-links';

const place = { name: '北京协和医院', address: '北京市东城区帅府园1号', phone: '010-6915 6114' };

describe('calling and finding a hospital in the browser', () => {
  it('dials the digits of the number', () => {
    expect(dialNumber('010-6915 6114')).toBe('01069156114');
    expect(dialNumber('+86 10 6915-6114')).toBe('+861069156114');
    expect(telLink(place.phone)).toBe('tel:01069156114');
  });

  it('marks a known location on the map page, else searches for the address', () => {
    const marker = new URL(mapPageUrl({ ...place, location: { latitude: 39.913, longitude: 116.417 } }));
    expect(marker.origin + marker.pathname).toBe('https://uri.amap.com/marker');
    expect(marker.searchParams.get('position')).toBe('116.417,39.913');
    expect(marker.searchParams.get('name')).toBe('北京协和医院');
    const search = new URL(mapPageUrl(place));
    expect(search.pathname).toBe('/search');
    expect(search.searchParams.get('keyword')).toBe('北京市东城区帅府园1号');
  });
});
