import { IdNumber, PersonName, Phone, SmsCode } from '@cityhealth/shared-types';
import {
  ID_NUMBER_FORMAT_MESSAGE,
  ID_NUMBER_INVALID_MESSAGE,
  PERSON_NAME_RULE,
  PHONE_RULE,
} from '@cityhealth/shared-types/field-rules';
import { collectErrors, idNumberError, nameError, phoneError, smsCodeError } from '../../src/features/forms';

/** The message the API's schema gives first for a value (what ApiError.fieldMessage shows), or undefined. */
const serverMessage = (
  schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } },
  value: string,
) => {
  const r = schema.safeParse(value);
  return r.success ? undefined : r.error!.issues[0]!.message;
};

describe('form checks', () => {
  it('accepts a resident ID number whose GB 11643 check digit is right, X included, in either case', () => {
    expect(idNumberError('11010519491231002X')).toBeUndefined();
    expect(idNumberError('11010519491231002x')).toBeUndefined();
    expect(idNumberError(' 11010519491231002X ')).toBeUndefined();
  });

  it('refuses a wrong check digit, region, birth date, length or character, with different messages', () => {
    expect(idNumberError('110105194912310021')).toBe(ID_NUMBER_INVALID_MESSAGE);
    // Region 99 and 31 February: the checksum is right, the API still refuses them.
    expect(idNumberError('990105194912310023')).toBe(ID_NUMBER_INVALID_MESSAGE);
    expect(idNumberError('110105194902310018')).toBe(ID_NUMBER_INVALID_MESSAGE);
    expect(idNumberError('11010519491231002')).toBe(ID_NUMBER_FORMAT_MESSAGE);
    expect(idNumberError('1101051949123100XX')).toBe(ID_NUMBER_FORMAT_MESSAGE);
    expect(idNumberError('')).toBe(ID_NUMBER_FORMAT_MESSAGE);
  });

  it('checks a mainland mobile number and a 6-digit code', () => {
    expect(phoneError('13800138000')).toBeUndefined();
    expect(phoneError(' 13800138000 ')).toBeUndefined();
    expect(phoneError('12800138000')).toBe(PHONE_RULE.message);
    expect(phoneError('1380013800')).toBe(PHONE_RULE.message);
    expect(smsCodeError('012345')).toBeUndefined();
    expect(smsCodeError('12345')).toBeDefined();
    expect(smsCodeError('12345a')).toBeDefined();
  });

  it('takes Chinese and Latin names with the middle dot, 2 to 30 characters, and says what is wrong', () => {
    expect(nameError('王秀英')).toBeUndefined();
    expect(nameError('阿依古丽·买买提')).toBeUndefined();
    expect(nameError('John Smith')).toBeUndefined();
    expect(nameError('王')).toBe(PERSON_NAME_RULE.messages.tooShort);
    expect(nameError('王'.repeat(31))).toBe(PERSON_NAME_RULE.messages.tooLong);
    expect(nameError('王1')).toBe(PERSON_NAME_RULE.messages.characters);
    expect(nameError('<script>')).toBe(PERSON_NAME_RULE.messages.characters);
  });

  it('refuses what the API refuses with the API’s own message, field by field', () => {
    const names = [
      '王秀英',
      ' 王秀英 ',
      '王',
      '',
      '  王  ',
      '王'.repeat(30),
      '王'.repeat(31),
      'a1'.repeat(20),
      '王1',
      'John Smith',
      '阿依古丽·买买提',
    ];
    for (const n of names) expect([n, nameError(n)]).toEqual([n, serverMessage(PersonName, n)]);
    const phones = ['13800138000', '12800138000', '1380013800', '138001380001', 'abc'];
    for (const p of phones) expect([p, phoneError(p)]).toEqual([p, serverMessage(Phone, p)]);
    const codes = ['012345', '12345', '1234567', '12345a'];
    for (const c of codes) expect([c, smsCodeError(c)]).toEqual([c, serverMessage(SmsCode, c)]);
    // The schema checks the format only; the number itself is checked when the patient is added.
    const badFormats = ['11010519491231002', '1101051949123100XX', ''];
    for (const id of badFormats) expect([id, idNumberError(id)]).toEqual([id, serverMessage(IdNumber, id)]);
    expect(serverMessage(IdNumber, ' 11010519491231002x ')).toBeUndefined();
  });

  it('collects only the fields that failed', () => {
    expect(collectErrors({ phone: undefined, code: '验证码为 6 位数字' })).toEqual({ code: '验证码为 6 位数字' });
    expect(collectErrors({ phone: undefined })).toEqual({});
  });
});
