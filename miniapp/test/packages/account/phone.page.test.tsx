import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { api, saveSession } from '../../../src/api';
import ChangePhonePage from '../../../src/packages/account/phone';
import { latestSmsCode, loginAsNewUser, makePhone } from '../../support/bff-fixtures';
import { navigations, resetTaro } from '../../support/taro-api';

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('change phone page', () => {
  beforeEach(() => {
    resetTaro('packages/account/phone');
    saveSession(null);
  });

  it('sends a guest to the login page', () => {
    render(<ChangePhonePage />);
    expect(navigations[0]?.url).toMatch(/^\/pages\/login\/index/);
  });

  it('binds a new phone with the code sent to it; the account then shows it masked', async () => {
    await loginAsNewUser();
    const phone = makePhone();
    render(<ChangePhonePage />);
    fireEvent.click(screen.getByTestId('phone-save'));
    expect(await screen.findByText('请输入正确的 11 位手机号')).toBeTruthy();

    type('phone-new', phone);
    fireEvent.click(screen.getByTestId('phone-send-code'));
    await waitFor(() => expect(screen.getByTestId('phone-notice').textContent).toContain('验证码已发送'));
    type('phone-code', await latestSmsCode(phone));
    fireEvent.click(screen.getByTestId('phone-save'));
    await waitFor(() => expect(screen.getByTestId('phone-notice').textContent).toContain('手机号已更换为'));
    const masked = `${phone.slice(0, 3)}****${phone.slice(7)}`;
    expect((await api.me()).phoneMasked).toBe(masked);
    fireEvent.click(screen.getByTestId('phone-done'));
    expect(navigations.at(-1)?.kind).toMatch(/navigateBack|switchTab/);
  });
});
