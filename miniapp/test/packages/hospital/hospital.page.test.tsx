import { fireEvent, render, screen } from '@testing-library/react';
import { api } from '../../../src/api';
import HospitalPage from '../../../src/packages/hospital/index';
import { departures, resetDepartures } from '../../support/browser-location';
import { resetTaro } from '../../support/taro-api';

describe('hospital page', () => {
  it('shows the hospital, its release rule and its departments', async () => {
    const { items } = await api.hospitals({ pageSize: 1 });
    const detail = await api.hospital(items[0]!.id);
    resetTaro('packages/hospital/index', { id: detail.id });
    render(<HospitalPage />);
    expect(
      await screen.findByText(
        `每天 ${detail.releaseRule.releaseTime} 放出未来 ${detail.releaseRule.daysAhead} 天的号源`,
      ),
    ).toBeTruthy();
    expect(screen.getAllByTestId('department-item')).toHaveLength(detail.departments.flatMap((g) => g.children).length);
  });

  it('says the link is incomplete when opened without a hospital, instead of calling the list', async () => {
    resetTaro('packages/hospital/index', {});
    render(<HospitalPage />);
    expect((await screen.findByTestId('state-error')).textContent).toContain('页面地址不完整');
  });

  it('calls the hospital by a tel: link and shows it on a map page, at its location when known', async () => {
    const { items } = await api.hospitals({ pageSize: 50 });
    const located = items.find((h) => h.location);
    const unlocated = items.find((h) => !h.location);
    expect(located?.location).toEqual({ latitude: expect.any(Number), longitude: expect.any(Number) });
    expect(unlocated).toBeDefined();

    resetDepartures();
    resetTaro('packages/hospital/index', { id: located!.id });
    const page = render(<HospitalPage />);
    fireEvent.click(await screen.findByTestId('hospital-call'));
    fireEvent.click(screen.getByTestId('hospital-map'));
    const { latitude, longitude } = located!.location!;
    expect(departures).toHaveLength(2);
    expect(departures[0]).toBe(`tel:${located!.phone.replace(/[^\d+]/g, '')}`);
    expect(new URL(departures[1]!).searchParams.get('position')).toBe(`${longitude},${latitude}`);
    page.unmount();

    resetDepartures();
    resetTaro('packages/hospital/index', { id: unlocated!.id });
    render(<HospitalPage />);
    fireEvent.click(await screen.findByTestId('hospital-map'));
    expect(new URL(departures[0]!).searchParams.get('keyword')).toBe(unlocated!.address);
  });
});
