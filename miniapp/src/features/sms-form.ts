import { api, ApiError, messageOf } from '../api';

export type SmsFieldErrors = Partial<Record<'phone' | 'code', string>>;

/** Asks the API for a code; resolves to the line telling the patient where it went and for how long. */
export async function sendSmsCode(
  phone: string,
  purpose: 'login' | 'change-phone',
): Promise<{ notice: string; resendAfterSeconds: number }> {
  const sent = await api.sendSmsCode(phone.trim(), purpose);
  return {
    notice: `验证码已发送至 ${phone.trim()}，${Math.round(sent.expiresInSeconds / 60)} 分钟内有效`,
    resendAfterSeconds: sent.resendAfterSeconds,
  };
}

/** Where a refusal of a phone + code form goes: under its field when the API names one, else a notice. */
export function smsFormError(err: unknown): { fields: SmsFieldErrors } | { notice: string } {
  if (err instanceof ApiError && (err.fieldMessage('phone') || err.fieldMessage('code'))) {
    return { fields: { phone: err.fieldMessage('phone'), code: err.fieldMessage('code') } };
  }
  return { notice: messageOf(err) };
}
