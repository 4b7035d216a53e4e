import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { api, currentSession, saveSession } from '../../../src/api';
import { chooseEdition } from '../../../src/edition/edition-store';
import LoginPage from '../../../src/pages/login/index';
import AgreementPage from '../../../src/packages/privacy/agreement';
import ConsentPage from '../../../src/packages/privacy/consent';
import DeletePage from '../../../src/packages/privacy/delete';
import { latestSmsCode, loginAsNewUser, makePhone } from '../../support/bff-fixtures';
import { navigations, resetTaro } from '../../support/taro-api';

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId).querySelector('input') ?? screen.getByTestId(testId), {
    target: { value },
  });

/** Registers a phone through the login page, ticking the agreements; the session is then the app's. */
async function registerOnLoginPage(phone: string): Promise<void> {
  const { unmount } = render(<LoginPage />);
  type('login-phone', phone);
  fireEvent.click(screen.getByTestId('login-send-code'));
  await waitFor(() => expect(screen.getByTestId('login-notice').textContent).toContain('验证码已发送'));
  type('login-code', await latestSmsCode(phone));
  fireEvent.click(screen.getByTestId('login-submit'));
  expect((await screen.findByTestId('login-notice')).textContent).toBe('请先阅读并同意《用户协议》和《隐私政策》');
  expect(currentSession()).toBeNull();
  fireEvent.click(screen.getByTestId('login-agree'));
  fireEvent.click(screen.getByTestId('login-submit'));
  await waitFor(() => expect(currentSession()).not.toBeNull());
  unmount();
}

describe.each(['standard', 'elder'] as const)('agreements and 注销账号 (%s edition)', (edition) => {
  beforeEach(() => {
    chooseEdition(edition);
    saveSession(null);
  });

  it('reads the 隐私政策 in force with its version', async () => {
    resetTaro('packages/privacy/agreement', { kind: 'privacy' });
    render(<AgreementPage />);
    expect((await screen.findByTestId('agreement-text')).textContent).toContain('预约挂号统一平台隐私政策');
    expect(screen.getByTestId('agreement-version').textContent).toBe('版本 2026-12');
  });

  it('registers only once the agreements are ticked, and records them: nothing is asked afterwards', async () => {
    resetTaro('pages/login/index');
    await registerOnLoginPage(makePhone());
    expect(navigations.at(-1)).toEqual({ kind: 'switchTab', url: '/pages/index/index' });
    expect((await api.me()).pendingAgreements).toEqual([]);
  });

  it('asks an account that has not accepted the versions in force, and continues once it agrees', async () => {
    await api.loginWithPlatform('weapp', `sandbox:consent-${edition}-${Date.now()}`);
    expect((await api.me()).pendingAgreements).toEqual(['terms', 'privacy']);
    resetTaro('packages/privacy/consent', { back: encodeURIComponent('/pages/me/index') });
    render(<ConsentPage />);
    expect((await screen.findByTestId('consent-page')).textContent).toContain('《用户协议》和《隐私政策》已更新');
    fireEvent.click(screen.getByTestId('consent-accept'));
    await waitFor(() => expect(navigations.at(-1)).toEqual({ kind: 'switchTab', url: '/pages/me/index' }));
    expect((await api.me()).pendingAgreements).toEqual([]);
  });

  it('says what is deleted and kept, checks the code, and sends it to the account’s own phone', async () => {
    const phone = makePhone();
    resetTaro('pages/login/index');
    await registerOnLoginPage(phone);
    resetTaro('packages/privacy/delete');
    render(<DeletePage />);
    expect(screen.getByTestId('delete-account-info').textContent).toContain('预约、支付和退款记录依法保存');
    fireEvent.click(screen.getByTestId('delete-confirm'));
    expect((await screen.findByTestId('delete-code-error')).textContent).toBe('验证码为 6 位数字');
    // the login's code went to the same phone a moment ago: one code a minute per phone
    fireEvent.click(screen.getByTestId('delete-send-code'));
    expect((await screen.findByTestId('delete-notice')).textContent).toMatch(/^验证码已发送，请 \d+ 秒后再试$/);
  });
});

describe('注销账号 when the code can be sent', () => {
  it('tells an account without a phone to bind one first', async () => {
    chooseEdition('standard');
    saveSession(null);
    await loginAsNewUser();
    resetTaro('packages/privacy/delete');
    render(<DeletePage />);
    fireEvent.click(screen.getByTestId('delete-send-code'));
    expect((await screen.findByTestId('delete-notice')).textContent).toContain('绑定手机号');
  });
});
