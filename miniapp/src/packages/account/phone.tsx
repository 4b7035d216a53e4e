import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { api, ApiError, currentSession, messageOf, sendToLogin } from '../../api';
import { ActionButton } from '../../components/action-button';
import { Field } from '../../components/field';
import { Notice } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { collectErrors, phoneError, smsCodeError } from '../../features/forms';
import { backOr } from '../../features/navigation';
import { useResendTimer } from '../../features/use-resend-timer';
import { ROUTES } from '../../routes';
import './phone.scss';

type Errors = Partial<Record<'phone' | 'code', string>>;

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
      const sent = await api.sendSmsCode(phone.trim(), 'change-phone');
      timer.start(sent.resendAfterSeconds);
      setNotice({ kind: 'info', text: `验证码已发送至 ${phone.trim()}，${Math.round(sent.expiresInSeconds / 60)} 分钟内有效` });
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
    if (err instanceof ApiError && (err.fieldMessage('phone') || err.fieldMessage('code'))) {
      setErrors({ phone: err.fieldMessage('phone'), code: err.fieldMessage('code') });
    } else setNotice({ kind: 'error', text: messageOf(err) });
  }

  return (
    <PageShell className='phone'>
      <Text className='phone__hint'>验证码将发送到新手机号，验证通过后即完成更换，以后请用新手机号登录。</Text>
      {!done && (
        <View className='phone__form'>
          <Field label='新手机号' value={phone} onInput={setPhone} type='number' maxlength={11} placeholder='请输入新手机号' error={errors.phone} testId='phone-new' />
          <Field
            label='验证码'
            value={code}
            onInput={setCode}
            type='number'
            maxlength={6}
            placeholder='6 位数字'
            error={errors.code}
            testId='phone-code'
            addon={
              <ActionButton kind='secondary' busy={busy === 'send'} disabled={timer.left > 0} onClick={sendCode} testId='phone-send-code'>
                {timer.left > 0 ? `重新发送(${timer.left}s)` : '获取验证码'}
              </ActionButton>
            }
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
