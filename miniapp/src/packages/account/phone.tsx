import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { api, currentSession, sendToLogin } from '../../api';
import { ActionButton } from '../../components/action-button';
import { Field } from '../../components/field';
import { Notice } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { backOr } from '../../features/navigation';
import { ROUTES } from '../../routes';
import './phone.scss';
import { SmsCodeField } from '../../components/sms-code-field';
import { useSmsForm } from '../../features/use-sms-form';

/** Change (or bind) the account's phone: a code is sent to the new number and proves it is the patient's. */
export default function ChangePhonePage() {
  const form = useSmsForm<'save'>('change-phone');
  const { busy, errors, notice } = form;
  const [done, setDone] = useState(false);

  useDidShow(() => {
    if (!currentSession()) sendToLogin();
  });

  const save = () =>
    form.submit('save', async (phone, code) => {
      const account = await api.changePhone(phone, code);
      setDone(true);
      form.setNotice({ kind: 'success', text: `手机号已更换为 ${account.phoneMasked ?? phone}，下次请用新手机号登录` });
    });

  return (
    <PageShell className="phone">
      <Text className="phone__hint">验证码将发送到新手机号，验证通过后即完成更换，以后请用新手机号登录。</Text>
      {!done && (
        <View className="phone__form">
          <Field
            label="新手机号"
            value={form.phone}
            onInput={form.setPhone}
            type="number"
            maxlength={11}
            placeholder="请输入新手机号"
            error={errors.phone}
            testId="phone-new"
          />
          <SmsCodeField
            value={form.code}
            onInput={form.setCode}
            error={errors.code}
            secondsLeft={form.secondsLeft}
            sending={busy === 'send'}
            onSend={form.sendCode}
            testId="phone-code"
            sendTestId="phone-send-code"
          />
        </View>
      )}
      {notice && <Notice kind={notice.kind} text={notice.text} testId="phone-notice" />}
      {done ? (
        <ActionButton block onClick={() => backOr(ROUTES.me)} testId="phone-done">
          完成
        </ActionButton>
      ) : (
        <ActionButton block busy={busy === 'save'} onClick={save} testId="phone-save">
          确认更换
        </ActionButton>
      )}
    </PageShell>
  );
}
