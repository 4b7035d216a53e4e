import { ID_NUMBER_PATTERN, normalizeIdNumber, parseIdNumber } from './id-number.js';

/**
 * The rules for what a patient types (phone, SMS code, name, ID number), with the message a patient
 * reads when a value breaks one. The API's schemas are built from these rules and the mini-program's
 * forms check with the functions below, so both refuse the same values with the same words. No zod
 * here: the mini-program imports it on its own, as `@cityhealth/shared-types/field-rules`.
 */

export const PHONE_RULE = { pattern: /^1[3-9]\d{9}$/, message: '请输入正确的 11 位手机号' } as const;

export const SMS_CODE_RULE = { pattern: /^\d{6}$/, message: '验证码为 6 位数字' } as const;

/** Checked after trimming, in this order (the API reports the first that fails first). */
export const PERSON_NAME_RULE = {
  min: 2,
  max: 30,
  pattern: /^[\p{Script=Han}A-Za-z·• ]+$/u,
  messages: { tooShort: '姓名至少 2 个字', tooLong: '姓名最多 30 个字', characters: '姓名只能包含汉字、字母和间隔号' },
} as const;

export const ID_NUMBER_FORMAT_MESSAGE = '请输入 18 位居民身份证号码';
/** Region, birth date or check character wrong (GB 11643): the API's ID_NUMBER_INVALID. */
export const ID_NUMBER_INVALID_MESSAGE = '身份证号码校验未通过，请核对';

export const phoneError = (phone: string): string | undefined =>
  PHONE_RULE.pattern.test(phone) ? undefined : PHONE_RULE.message;

export const smsCodeError = (code: string): string | undefined =>
  SMS_CODE_RULE.pattern.test(code) ? undefined : SMS_CODE_RULE.message;

export function personNameError(name: string): string | undefined {
  const n = name.trim();
  const { min, max, pattern, messages } = PERSON_NAME_RULE;
  if (n.length < min) return messages.tooShort;
  if (n.length > max) return messages.tooLong;
  return pattern.test(n) ? undefined : messages.characters;
}

/** The format the API's schema checks, then the GB 11643 check it makes before accepting a patient. */
export function idNumberError(typed: string, today: string): string | undefined {
  const id = normalizeIdNumber(typed);
  if (!ID_NUMBER_PATTERN.test(id)) return ID_NUMBER_FORMAT_MESSAGE;
  return parseIdNumber(id, today) ? undefined : ID_NUMBER_INVALID_MESSAGE;
}
