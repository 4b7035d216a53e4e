import { render, screen } from '@testing-library/react';
import { api } from '../../../src/api';
import HospitalPage from '../../../src/packages/hospital/index';
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
});
