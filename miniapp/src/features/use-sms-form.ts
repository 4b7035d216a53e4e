import { useState } from 'react';
import { collectErrors, phoneError, smsCodeError } from './forms';
import { sendSmsCode, smsFormError, type SmsFieldErrors } from './sms-form';
import { useResendTimer } from './use-resend-timer';

export interface FormNotice {
  kind: 'error' | 'info' | 'success';
  text: string;
}

/**
 * The state of a phone + SMS code form (login, change phone): the two fields, their errors, one
 * notice, which action is busy and the resend countdown. `submit` checks both fields first and
 * hands the trimmed values to the page's own action; `attempt` runs any other action of the page
 * with the same busy flag and error display.
 */
export function useSmsForm<Action extends string>(purpose: 'login' | 'change-phone') {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<SmsFieldErrors>({});
  const [notice, setNotice] = useState<FormNotice | null>(null);
  const [busy, setBusy] = useState<Action | 'send' | null>(null);
  const timer = useResendTimer();

  function showError(err: unknown) {
    const shown = smsFormError(err);
    if ('fields' in shown) setErrors(shown.fields);
    else setNotice({ kind: 'error', text: shown.notice });
  }

  async function attempt(action: Action | 'send', work: () => Promise<void>) {
    setBusy(action);
    setNotice(null);
    try {
      await work();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  }

  async function sendCode() {
    const e = collectErrors({ phone: phoneError(phone) });
    setErrors(e);
    if (e.phone) return;
    await attempt('send', async () => {
      const sent = await sendSmsCode(phone, purpose);
      timer.start(sent.resendAfterSeconds);
      setNotice({ kind: 'info', text: sent.notice });
    });
  }

  async function submit(action: Action, work: (phone: string, code: string) => Promise<void>) {
    const e = collectErrors({ phone: phoneError(phone), code: smsCodeError(code) });
    setErrors(e);
    if (e.phone || e.code) return;
    await attempt(action, () => work(phone.trim(), code.trim()));
  }

  return {
    phone,
    setPhone,
    code,
    setCode,
    errors,
    notice,
    setNotice,
    busy,
    secondsLeft: timer.left,
    sendCode,
    submit,
    attempt,
  };
}
