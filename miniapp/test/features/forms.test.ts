import { collectErrors, ID_CHECKSUM_MESSAGE, ID_FORMAT_MESSAGE, idNumberError, NAME_MESSAGE, nameError, PHONE_MESSAGE, phoneError, smsCodeError } from '../../src/features/forms';

describe('form checks', () => {
  it('accepts a resident ID number whose GB 11643 check digit is right, X included, in either case', () => {
    expect(idNumberError('11010519491231002X')).toBeUndefined();
    expect(idNumberError('11010519491231002x')).toBeUndefined();
    expect(idNumberError(' 11010519491231002X ')).toBeUndefined();
  });

  it('refuses a wrong check digit and a wrong length or character with different messages', () => {
    expect(idNumberError('110105194912310021')).toBe(ID_CHECKSUM_MESSAGE);
    expect(idNumberError('11010519491231002')).toBe(ID_FORMAT_MESSAGE);
    expect(idNumberError('1101051949123100XX')).toBe(ID_FORMAT_MESSAGE);
    expect(idNumberError('')).toBe(ID_FORMAT_MESSAGE);
  });

  it('checks a mainland mobile number and a 6-digit code', () => {
    expect(phoneError('13800138000')).toBeUndefined();
    expect(phoneError('12800138000')).toBe(PHONE_MESSAGE);
    expect(phoneError('1380013800')).toBe(PHONE_MESSAGE);
    expect(smsCodeError('012345')).toBeUndefined();
    expect(smsCodeError('12345')).toBeDefined();
    expect(smsCodeError('12345a')).toBeDefined();
  });

  it('takes Chinese and Latin names with the middle dot, 2 to 30 characters', () => {
    expect(nameError('王秀英')).toBeUndefined();
    expect(nameError('阿依古丽·买买提')).toBeUndefined();
    expect(nameError('John Smith')).toBeUndefined();
    expect(nameError('王')).toBe(NAME_MESSAGE);
    expect(nameError('王1')).toBe(NAME_MESSAGE);
    expect(nameError('<script>')).toBe(NAME_MESSAGE);
  });

  it('collects only the fields that failed', () => {
    expect(collectErrors({ phone: undefined, code: '验证码为 6 位数字' })).toEqual({ code: '验证码为 6 位数字' });
    expect(collectErrors({ phone: undefined })).toEqual({});
  });
});
