import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { api, currentSession, sendToLogin } from '../../api';
import { ActionButton } from '../../components/action-button';
import { Field } from '../../components/field';
import { Notice } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { collectErrors, phoneError, smsCodeError } from '../../features/forms';
import { backOr } from '../../features/navigation';
import { useResendTimer } from '../../features/use-resend-timer';
import { ROUTES } from '../../routes';
import './phone.scss';
import { SmsCodeField } from '../../components/sms-code-field';
import { sendSmsCode, smsFormError, type SmsFieldErrors } from '../../features/sms-form';

type Errors = SmsFieldErrors;

/** Change (or bind) the account's phone: a code is sent to the new number and proves it is the patient's. */
export default function ChangePhonePage() {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState<{ kind: 'error' | 'info' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState<'send' | 'save' | null>(null);
  const [done, setDone] = useState(false);
  const timer = useResendTimer();

  useDidShow(() => {
    if (!currentSession()) sendToLogin();
  });

  async function sendCode() {
    const e = collectErrors({ phone: phoneError(phone) });
    setErrors(e);
    if (e.phone) return;
    setBusy('send');
    setNotice(null);
    try {
      const sent = await sendSmsCode(phone, 'change-phone');
      timer.start(sent.resendAfterSeconds);
      setNotice({ kind: 'info', text: sent.notice });
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  }

  async function save() {
    const e = collectErrors({ phone: phoneError(phone), code: smsCodeError(code) });
    setErrors(e);
    if (e.phone || e.code) return;
    setBusy('save');
    setNotice(null);
    try {
      const account = await api.changePhone(phone.trim(), code.trim());
      setDone(true);
      setNotice({ kind: 'success', text: `手机号已更换为 ${account.phoneMasked ?? phone.trim()}，下次请用新手机号登录` });
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
    <PageShell className='phone'>
      <Text className='phone__hint'>验证码将发送到新手机号，验证通过后即完成更换，以后请用新手机号登录。</Text>
      {!done && (
        <View className='phone__form'>
          <Field label='新手机号' value={phone} onInput={setPhone} type='number' maxlength={11} placeholder='请输入新手机号' error={errors.phone} testId='phone-new' />
          <SmsCodeField
            value={code}
            onInput={setCode}
            error={errors.code}
            secondsLeft={timer.left}
            sending={busy === 'send'}
            onSend={sendCode}
            testId='phone-code'
            sendTestId='phone-send-code'
          />
        </View>
      )}
      {notice && <Notice kind={notice.kind} text={notice.text} testId='phone-notice' />}
      {done ? (
        <ActionButton block onClick={() => backOr(ROUTES.me)} testId='phone-done'>
          完成
        </ActionButton>
      ) : (
        <ActionButton block busy={busy === 'save'} onClick={save} testId='phone-save'>
          确认更换
        </ActionButton>
      )}
    </PageShell>
  );
}
