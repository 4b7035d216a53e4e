import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { currentSession, saveSession } from '../../../src/api';
import { currentEdition } from '../../../src/edition/edition-store';
import MePage from '../../../src/pages/me/index';
import { loginAsNewUser } from '../../support/bff-fixtures';
import { navigations, resetTaro } from '../../support/taro-api';

describe('我的 page', () => {
  beforeEach(() => {
    resetTaro('pages/me/index');
    saveSession(null);
  });

  it('asks a guest to log in and comes back here afterwards', () => {
    render(<MePage />);
    expect(screen.getByText('未登录')).toBeTruthy();
    expect(screen.queryByTestId('me-logout')).toBeNull();
    fireEvent.click(screen.getByTestId('me-login'));
    expect(navigations).toEqual([
      { kind: 'navigateTo', url: `/pages/login/index?back=${encodeURIComponent('/pages/me/index')}` },
    ]);
  });

  it('shows the account from the API, offers the account pages, and logs out only after a second tap', async () => {
    await loginAsNewUser();
    render(<MePage />);
    expect(await screen.findByText('已绑定：微信')).toBeTruthy();
    expect(screen.getByTestId('me-phone').textContent).toBe('尚未绑定手机号');
    expect(screen.getByTestId('me-phone-change').textContent).toContain('绑定手机号');
    // H5 build: no platform to bind from the browser.
    expect(screen.queryByTestId('me-bind')).toBeNull();

    fireEvent.click(screen.getByTestId('me-patients'));
    expect(navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/packages/patient/index' });
    fireEvent.click(screen.getByTestId('me-payments'));
    expect(navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/packages/payments/index' });

    fireEvent.click(screen.getByTestId('me-logout'));
    expect(currentSession()).not.toBeNull();
    fireEvent.click(screen.getByTestId('me-logout-confirm'));
    await waitFor(() => expect(screen.getByText('未登录')).toBeTruthy());
    expect(currentSession()).toBeNull();
  });

  it('switches the elder edition on and off and says which is on', () => {
    render(<MePage />);
    const row = () => screen.getByTestId('edition-switch');
    const before = currentEdition();
    fireEvent.click(row());
    expect(currentEdition()).not.toBe(before);
    expect(row().textContent).toContain(currentEdition() === 'elder' ? '已开启' : '未开启');
    fireEvent.click(row());
    expect(currentEdition()).toBe(before);
  });
});
