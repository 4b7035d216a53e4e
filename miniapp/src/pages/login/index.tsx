import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { api } from '../../api';
import { ActionButton } from '../../components/action-button';
import { Field } from '../../components/field';
import { Notice } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { collectErrors, phoneError, smsCodeError } from '../../features/forms';
import { open, replaceWith } from '../../features/navigation';
import { useResendTimer } from '../../features/use-resend-timer';
import { platformLogin } from '../../platform/login';
import { ROUTES } from '../../routes';
import './index.scss';
import { SmsCodeField } from '../../components/sms-code-field';
import { sendSmsCode, smsFormError, type SmsFieldErrors } from '../../features/sms-form';

type Errors = SmsFieldErrors;

/** Log in or register: the platform's one-tap login in the mini-programs, phone + SMS code everywhere. */
export default function LoginPage() {
  const back = useRouter().params.back;
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState<'send' | 'login' | 'platform' | null>(null);
  const timer = useResendTimer();

  const done = () => replaceWith(back ? decodeURIComponent(back) : ROUTES.home);

  async function sendCode() {
    const e = collectErrors({ phone: phoneError(phone) });
    setErrors(e);
    if (e.phone) return;
    setBusy('send');
    setNotice(null);
    try {
      const sent = await sendSmsCode(phone, 'login');
      timer.start(sent.resendAfterSeconds);
      setNotice({ kind: 'info', text: sent.notice });
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  }

  async function login() {
    const e = collectErrors({ phone: phoneError(phone), code: smsCodeError(code) });
    setErrors(e);
    if (e.phone || e.code) return;
    setBusy('login');
    setNotice(null);
    try {
      await api.loginWithSms(phone.trim(), code.trim());
      done();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  }

  async function loginWithPlatform() {
    if (!platformLogin.platform) return;
    setBusy('platform');
    setNotice(null);
    try {
      await api.loginWithPlatform(platformLogin.platform, await platformLogin.getCode());
      done();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  }

  function showError(err: unknown) {
    const shown = smsFormError(err);
    if ('fields' in shown) setErrors(shown.fields);
    else setNotice({ kind: 'error', text: shown.notice });
  }

  return (
    <PageShell className='login'>
      <View className='login__head'>
        <Text className='login__title'>登录预约挂号</Text>
        <Text className='login__hint'>未注册的手机号验证后将自动注册</Text>
      </View>
      {platformLogin.platform && (
        <View className='login__platform'>
          <ActionButton block busy={busy === 'platform'} onClick={loginWithPlatform} testId='login-platform'>
            {platformLogin.label}
          </ActionButton>
          <Text className='login__or'>或使用手机号登录</Text>
        </View>
      )}
      <View className='login__form'>
        <Field label='手机号' value={phone} onInput={setPhone} type='number' maxlength={11} placeholder='请输入手机号' error={errors.phone} testId='login-phone' />
        <SmsCodeField
          value={code}
          onInput={setCode}
          error={errors.code}
          secondsLeft={timer.left}
          sending={busy === 'send'}
          onSend={sendCode}
          testId='login-code'
          sendTestId='login-send-code'
        />
      </View>
      {notice && <Notice kind={notice.kind} text={notice.text} testId='login-notice' />}
      <ActionButton block busy={busy === 'login'} onClick={login} testId='login-submit' className='login__submit'>
        登录
      </ActionButton>
      <View className='login__help'>
        <Text className='login__help-text'>收不到验证码？</Text>
        <ActionButton kind='link' onClick={() => open(ROUTES.help)}>
          查看帮助
        </ActionButton>
      </View>
    </PageShell>
  );
}
