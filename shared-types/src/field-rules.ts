import { ID_NUMBER_PATTERN, normalizeIdNumber, parseForeignPermanentResidence, parseIdNumber } from './id-number.js';
import type { DOCUMENT_TYPES } from './labels.js';

type DocumentType = (typeof DOCUMENT_TYPES)[number];

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

/** The documents other than the resident ID card, and the shape of each one's number. */
export type TravelDocumentType = Exclude<DocumentType, 'id-card' | 'child'>;
export const DOCUMENT_NUMBER_RULES: Record<TravelDocumentType, { pattern: RegExp; message: string }> = {
  passport: { pattern: /^(?=.*\d)[A-Z0-9]{5,17}$/, message: '护照号码为 5 至 17 位字母和数字' },
  'hk-macao-permit': {
    pattern: /^[HM]\d{8}(\d{2})?$/,
    message: '港澳居民来往内地通行证号码为 H 或 M 加 8 位数字（旧版加 10 位数字）',
  },
  'taiwan-permit': { pattern: /^(\d{8}|\d{10})$/, message: '台湾居民来往大陆通行证号码为 8 位数字（旧版 10 位）' },
  'foreign-permanent-residence': {
    pattern: /^(9\d{16}[\dX]|[A-Z]{3}\d{12})$/,
    message: '外国人永久居留身份证号码为 18 位（2023 年版）或 15 位（旧版）',
  },
};
export const FOREIGN_PR_INVALID_MESSAGE = '永久居留身份证号码校验未通过，请核对';
export const DOCUMENT_BIRTH_DATE_MISMATCH_MESSAGE = '出生日期或性别与证件号码不一致，请核对';

/** As the API stores a typed document number: without spaces, letters upper-case. */
export const normalizeDocumentNumber = (typed: string): string => typed.replace(/\s+/g, '').toUpperCase();

/** The number's format for its document, then the API's checks (GB 11643, the permanent-residence card's). */
export function documentNumberError(
  type: Exclude<DocumentType, 'child'>,
  typed: string,
  today: string,
): string | undefined {
  if (type === 'id-card') return idNumberError(typed, today);
  const number = normalizeDocumentNumber(typed);
  const rule = DOCUMENT_NUMBER_RULES[type];
  if (!rule.pattern.test(number)) return rule.message;
  if (type === 'foreign-permanent-residence' && !parseForeignPermanentResidence(number, today))
    return FOREIGN_PR_INVALID_MESSAGE;
  return undefined;
}

/**
 * Whether a document can be verified online: every one except a foreign (non-CHN) passport, which no
 * server-side provider checks; its holder is verified at a hospital's window.
 */
export const verifiableOnline = (type: DocumentType, nationality: string): boolean =>
  type !== 'passport' || nationality.trim().toUpperCase() === 'CHN';
export const FOREIGN_PASSPORT_NOT_VERIFIABLE_MESSAGE = '外国护照暂不支持线上实名核验，请携带护照到医院窗口办理';

export const NATIONALITY_RULE = { pattern: /^[A-Z]{3}$/, message: '请输入 3 位字母的国籍代码，如 CHN、USA' } as const;

export const nationalityError = (typed: string): string | undefined =>
  NATIONALITY_RULE.pattern.test(typed.trim().toUpperCase()) ? undefined : NATIONALITY_RULE.message;

export const BIRTH_DATE_MESSAGE = '请选择正确的出生日期';

export function birthDateError(date: string, today: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m || date > today || Number(m[1]) < 1900) return BIRTH_DATE_MESSAGE;
  const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return t.toISOString().slice(0, 10) === date ? undefined : BIRTH_DATE_MESSAGE;
}

/** Whole years of age on `today` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** A child is added without a document only below the rule book's age (residents carry an ID card from 16). */
export const childAgeMessage = (maxAge: number): string => `年满 ${maxAge} 周岁的就诊人请使用本人证件添加`;

export function childBirthDateError(birthDate: string, today: string, maxAge: number): string | undefined {
  return birthDateError(birthDate, today) ?? (ageOn(birthDate, today) >= maxAge ? childAgeMessage(maxAge) : undefined);
}

/** Which fields a document asks for: the ID card's number says birth date and sex, the others state them. */
export function documentFields(type: DocumentType): { number: boolean; nationality: boolean; holder: boolean } {
  return {
    number: type !== 'child',
    nationality: type === 'passport' || type === 'foreign-permanent-residence',
    holder: type !== 'id-card',
  };
}

/** What the number field is called and hints for each document. */
export const NUMBER_FIELD: Record<Exclude<DocumentType, 'child'>, { label: string; placeholder: string }> = {
  'id-card': { label: '身份证号', placeholder: '18 位居民身份证号码' },
  passport: { label: '护照号码', placeholder: '护照上的号码' },
  'hk-macao-permit': { label: '通行证号码', placeholder: 'H 或 M 开头，如 H12345678' },
  'taiwan-permit': { label: '通行证号码', placeholder: '8 位数字' },
  'foreign-permanent-residence': { label: '证件号码', placeholder: '18 位（2023 年版）或 15 位' },
};
