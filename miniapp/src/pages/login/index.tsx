import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { AuthResponse } from '@cityhealth/shared-types';
import { api } from '../../api';
import { ActionButton } from '../../components/action-button';
import { Field } from '../../components/field';
import { Notice } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { open, replaceWith } from '../../features/navigation';
import { platformLogin } from '../../platform/login';
import { ROUTES } from '../../routes';
import './index.scss';
import { SmsCodeField } from '../../components/sms-code-field';
import { useSmsForm } from '../../features/use-sms-form';
import { acceptedVersions, agreementRoute, CONSENT_REQUIRED_MESSAGE, consentRoute } from '../../features/agreements';
import { useRemote } from '../../hooks/use-remote';
import { tapProps } from '../../platform/tap';

/** Log in or register: the platform's one-tap login in the mini-programs, phone + SMS code everywhere. */
export default function LoginPage() {
  const back = useRouter().params.back;
  const form = useSmsForm<'login' | 'platform'>('login');
  const { busy, errors, notice } = form;
  const agreements = useRemote(() => api.agreements(), []);
  const [agreed, setAgreed] = useState(false);
  const versions = agreements.state.kind === 'ready' ? acceptedVersions(agreements.state.data.items) : null;

  // An account still owing an acceptance (an older login, a version published since) is asked first.
  const done = (a: AuthResponse) => {
    const target = back ? decodeURIComponent(back) : ROUTES.home;
    replaceWith(a.account.pendingAgreements.length ? consentRoute(target) : target);
  };

  /** The versions ticked, or null (and the reason shown) when the box is not ticked or the texts not loaded. */
  function consented() {
    if (agreed && versions) return versions;
    form.setNotice({ kind: 'error', text: CONSENT_REQUIRED_MESSAGE });
    if (agreements.state.kind === 'error') void agreements.reload();
    return null;
  }

  const login = () =>
    form.submit('login', async (phone, code) => {
      const accepted = consented();
      if (accepted) done(await api.loginWithSms(phone, code, accepted));
    });

  const loginWithPlatform = () =>
    form.attempt('platform', async () => {
      const accepted = consented();
      if (!platformLogin.platform || !accepted) return;
      done(await api.loginWithPlatform(platformLogin.platform, await platformLogin.getCode(), accepted));
    });

  return (
    <PageShell className="login">
      <View className="login__head">
        <Text className="login__title">登录预约挂号</Text>
        <Text className="login__hint">未注册的手机号验证后将自动注册</Text>
      </View>
      {platformLogin.platform && (
        <View className="login__platform">
          <ActionButton block busy={busy === 'platform'} onClick={loginWithPlatform} testId="login-platform">
            {platformLogin.label}
          </ActionButton>
          <Text className="login__or">或使用手机号登录</Text>
        </View>
      )}
      <View className="login__form">
        <Field
          label="手机号"
          value={form.phone}
          onInput={form.setPhone}
          type="number"
          maxlength={11}
          placeholder="请输入手机号"
          error={errors.phone}
          testId="login-phone"
        />
        <SmsCodeField
          value={form.code}
          onInput={form.setCode}
          error={errors.code}
          secondsLeft={form.secondsLeft}
          sending={busy === 'send'}
          onSend={form.sendCode}
          testId="login-code"
          sendTestId="login-send-code"
        />
      </View>
      <View className="login__agree">
        <View
          className={`login__agree-box${agreed ? ' login__agree-box--on' : ''}`}
          aria-checked={agreed}
          aria-label="我已阅读并同意用户协议和隐私政策"
          data-testid="login-agree"
          {...tapProps(() => setAgreed(!agreed), 'checkbox')}
        >
          <Text className="login__agree-text">{agreed ? '☑' : '☐'} 我已阅读并同意</Text>
        </View>
        <ActionButton kind="link" onClick={() => open(agreementRoute('terms'))} testId="login-terms">
          《用户协议》
        </ActionButton>
        <ActionButton kind="link" onClick={() => open(agreementRoute('privacy'))} testId="login-privacy">
          《隐私政策》
        </ActionButton>
      </View>
      {notice && <Notice kind={notice.kind} text={notice.text} testId="login-notice" />}
      <ActionButton block busy={busy === 'login'} onClick={login} testId="login-submit" className="login__submit">
        登录
      </ActionButton>
      <View className="login__help">
        <Text className="login__help-text">收不到验证码？</Text>
        <ActionButton kind="link" onClick={() => open(ROUTES.help)}>
          查看帮助
        </ActionButton>
      </View>
    </PageShell>
  );
}
