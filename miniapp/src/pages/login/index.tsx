import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
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

/** Log in or register: the platform's one-tap login in the mini-programs, phone + SMS code everywhere. */
export default function LoginPage() {
  const back = useRouter().params.back;
  const form = useSmsForm<'login' | 'platform'>('login');
  const { busy, errors, notice } = form;

  const done = () => replaceWith(back ? decodeURIComponent(back) : ROUTES.home);

  const login = () =>
    form.submit('login', async (phone, code) => {
      await api.loginWithSms(phone, code);
      done();
    });

  const loginWithPlatform = () =>
    form.attempt('platform', async () => {
      if (!platformLogin.platform) return;
      await api.loginWithPlatform(platformLogin.platform, await platformLogin.getCode());
      done();
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
