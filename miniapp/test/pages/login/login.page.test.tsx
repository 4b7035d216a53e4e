import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { currentSession, saveSession } from '../../../src/api';
import LoginPage from '../../../src/pages/login/index';
import { latestSmsCode, makePhone } from '../../support/bff-fixtures';
import { navigations, resetTaro } from '../../support/taro-api';

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId).querySelector('input') ?? screen.getByTestId(testId), {
    target: { value },
  });

describe('login page (H5: phone + SMS code)', () => {
  beforeEach(() => {
    resetTaro('pages/login/index', { back: encodeURIComponent('/pages/orders/index') });
    saveSession(null);
  });

  it('refuses a malformed phone in the form, before any request', async () => {
    render(<LoginPage />);
    type('login-phone', '1380013');
    fireEvent.click(screen.getByTestId('login-send-code'));
    expect(await screen.findByText('请输入正确的 11 位手机号')).toBeTruthy();
    expect(screen.queryByTestId('login-notice')).toBeNull();
  });

  it('sends a code, logs in with it and returns to the page the patient came from', async () => {
    const phone = makePhone();
    render(<LoginPage />);
    type('login-phone', phone);
    fireEvent.click(screen.getByTestId('login-send-code'));
    await waitFor(() => expect(screen.getByTestId('login-notice').textContent).toContain(`验证码已发送至 ${phone}`));
    expect(screen.getByTestId('login-send-code').textContent).toMatch(/重新发送\(\d+s\)/);

    type('login-code', await latestSmsCode(phone));
    fireEvent.click(screen.getByTestId('login-agree'));
    expect(screen.getByTestId('login-agree').getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(navigations).toEqual([{ kind: 'switchTab', url: '/pages/orders/index' }]));
    expect(currentSession()?.token).toEqual(expect.any(String));
  });

  it('shows the API’s own message for a wrong code and stays logged out', async () => {
    const phone = makePhone();
    render(<LoginPage />);
    type('login-phone', phone);
    fireEvent.click(screen.getByTestId('login-send-code'));
    await waitFor(() => expect(screen.getByTestId('login-notice').textContent).toContain('验证码已发送'));
    const real = await latestSmsCode(phone);
    type('login-code', real === '000000' ? '111111' : '000000');
    fireEvent.click(screen.getByTestId('login-agree'));
    fireEvent.click(screen.getByTestId('login-submit'));
    const shown = await waitFor(() => {
      const el = screen.queryByTestId('login-code-error') ?? screen.queryByTestId('login-notice');
      expect(el?.textContent).toMatch(/验证码/);
      return el!.textContent;
    });
    expect(shown).not.toContain('验证码已发送');
    expect(currentSession()).toBeNull();
    expect(navigations).toEqual([]);
  });
});
