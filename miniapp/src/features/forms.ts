import { hasValidChecksum } from '@cityhealth/shared-types/id-number';

/*
 * The checks a form makes before calling the API, with the same messages the API's schemas give
 * (shared-types), so the patient reads the same words either way. The API stays the authority:
 * it checks everything again and its field messages are shown as they come.
 */

export const PHONE_MESSAGE = '请输入正确的 11 位手机号';
export const SMS_CODE_MESSAGE = '验证码为 6 位数字';
export const NAME_MESSAGE = '姓名为 2–30 个汉字或字母';
export const ID_FORMAT_MESSAGE = '请输入 18 位居民身份证号码';
export const ID_CHECKSUM_MESSAGE = '身份证号码校验未通过，请核对';

export function phoneError(phone: string): string | undefined {
  return /^1[3-9]\d{9}$/.test(phone.trim()) ? undefined : PHONE_MESSAGE;
}

export function smsCodeError(code: string): string | undefined {
  return /^\d{6}$/.test(code.trim()) ? undefined : SMS_CODE_MESSAGE;
}

export function nameError(name: string): string | undefined {
  const n = name.trim();
  return n.length >= 2 && n.length <= 30 && /^[\p{Script=Han}A-Za-z·• ]+$/u.test(n) ? undefined : NAME_MESSAGE;
}

/** GB 11643 format and check digit of a resident ID number (the contract's one implementation). */
export function idNumberError(idNumber: string): string | undefined {
  const id = idNumber.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return ID_FORMAT_MESSAGE;
  return hasValidChecksum(id) ? undefined : ID_CHECKSUM_MESSAGE;
}

/** The first message of a set of field checks, keyed by field, without the fields that passed. */
export function collectErrors<K extends string>(checks: Record<K, string | undefined>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [k, v] of Object.entries(checks) as [K, string | undefined][]) if (v) out[k] = v;
  return out;
}
