import { checkCharacter, hasValidChecksum, parseIdNumber } from '@cityhealth/shared-types';
import { makeIdNumber } from '../support/identity.js';

describe('GB 11643 ID numbers', () => {
  const today = '2026-06-01';

  it('accepts the standard example and computes the check character (incl. X)', () => {
    expect(hasValidChecksum('11010519491231002X')).toBe(true);
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(hasValidChecksum('110105194912310021')).toBe(false);
    expect(parseIdNumber('11010519491231002X', today)).toEqual({
      birthDate: '1949-12-31',
      gender: 'F',
      sequence: '002',
    });
  });

  it('extracts birth date and gender (odd sequence = male)', () => {
    expect(parseIdNumber(makeIdNumber({ birth: '20000229', sequence: '123' }), today)).toEqual({
      birthDate: '2000-02-29',
      gender: 'M',
      sequence: '123',
    });
    expect(parseIdNumber(makeIdNumber({ birth: '19851015', sequence: '998' }), today)?.gender).toBe('F');
  });

  it('rejects every single-digit typo', () => {
    const id = makeIdNumber({ birth: '19770707', sequence: '451' });
    for (let i = 0; i < 17; i++) {
      const d = (Number(id[i]) + 1) % 10;
      expect(hasValidChecksum(id.slice(0, i) + d + id.slice(i + 1))).toBe(false);
    }
  });

  it.each([
    ['an impossible date', '19990230'],
    ['month 13', '19991301'],
    ['a non-leap 29 February', '19000229'],
    ['a birth before 1900', '18991231'],
    ['a birth in the future', '20300101'],
  ])('rejects %s even with a valid checksum', (_what, birth) => {
    expect(parseIdNumber(makeIdNumber({ birth }), today)).toBeNull();
  });

  it('rejects unknown province codes and malformed input', () => {
    expect(parseIdNumber(makeIdNumber({ region: '990101' }), today)).toBeNull();
    expect(parseIdNumber('1101051990030712', today)).toBeNull();
    expect(parseIdNumber('11010519900307123x', today)).toBeNull();
    expect(hasValidChecksum('ABCDEFGHIJKLMNOPQR')).toBe(false);
  });
});
