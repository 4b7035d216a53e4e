import {
  ageOn,
  checkCharacter,
  childBirthDateError,
  DOCUMENT_NUMBER_RULES,
  documentNumberError,
  FOREIGN_PR_INVALID_MESSAGE,
  parseForeignPermanentResidence,
  verifiableOnline,
} from '@cityhealth/shared-types';
import { idTypeOf } from '../../src/identity/idv/cert-types.js';
import { documentIdentityKey, maskDocumentNumber } from '../../src/identity/patient-documents.js';

const today = '2026-06-01';
const residence = (first17: string) => first17 + checkCharacter(first17);

describe('documents other than the resident ID card', () => {
  it('reads the 2023 permanent-residence card as GB 11643 does: birth date, sex, check character', () => {
    expect(parseForeignPermanentResidence(residence('93184019850412001'), today)).toEqual({
      birthDate: '1985-04-12',
      gender: 'M',
    });
    expect(parseForeignPermanentResidence(residence('93184019850412002'), today)?.gender).toBe('F');
    const good = residence('93184019850412001');
    expect(parseForeignPermanentResidence(good.slice(0, 17) + (good[17] === '0' ? '1' : '0'), today)).toBeNull();
    // a province of acceptance that does not exist, a birth date that does not
    expect(parseForeignPermanentResidence(residence('99984019850412001'), today)).toBeNull();
    expect(parseForeignPermanentResidence(residence('93184019850230001'), today)).toBeNull();
    expect(parseForeignPermanentResidence(residence('93184020270101001'), today)).toBeNull();
  });

  it('reads the birth date of the older 15-character card, the century from today', () => {
    expect(parseForeignPermanentResidence('USA318504120011', today)).toEqual({ birthDate: '1985-04-12', gender: null });
    expect(parseForeignPermanentResidence('CAN310903150021', today)).toEqual({ birthDate: '2009-03-15', gender: null });
    expect(parseForeignPermanentResidence('USA311302300011', today)).toBeNull();
  });

  it('checks each number with its document’s rule and message', () => {
    expect(documentNumberError('passport', 'e1234 5678', today)).toBeUndefined();
    expect(documentNumberError('passport', 'ABCDEFG', today)).toBe(DOCUMENT_NUMBER_RULES.passport.message);
    expect(documentNumberError('hk-macao-permit', 'M12345678', today)).toBeUndefined();
    expect(documentNumberError('hk-macao-permit', 'H1234567890', today)).toBeUndefined();
    expect(documentNumberError('hk-macao-permit', 'K12345678', today)).toBe(
      DOCUMENT_NUMBER_RULES['hk-macao-permit'].message,
    );
    expect(documentNumberError('taiwan-permit', '12345678', today)).toBeUndefined();
    expect(documentNumberError('taiwan-permit', '123456789', today)).toBe(
      DOCUMENT_NUMBER_RULES['taiwan-permit'].message,
    );
    const good = residence('93184019850412001');
    expect(documentNumberError('foreign-permanent-residence', good, today)).toBeUndefined();
    expect(
      documentNumberError('foreign-permanent-residence', `${good.slice(0, 17)}${good[17] === '1' ? '2' : '1'}`, today),
    ).toBe(FOREIGN_PR_INVALID_MESSAGE);
    expect(documentNumberError('id-card', '11010519491231002X', today)).toBeUndefined();
  });

  it('counts whole years for the child rule', () => {
    expect(ageOn('2010-06-01', today)).toBe(16);
    expect(ageOn('2010-06-02', today)).toBe(15);
    expect(childBirthDateError('2010-06-02', today, 16)).toBeUndefined();
    expect(childBirthDateError('2010-06-01', today, 16)).toBe('年满 16 周岁的就诊人请使用本人证件添加');
    expect(childBirthDateError('2026-06-02', today, 16)).toBe('请选择正确的出生日期');
  });

  it('masks each number so that it is recognised, not read', () => {
    expect(maskDocumentNumber('H12345678')).toBe('H*****678');
    expect(maskDocumentNumber('12345678')).toBe('1****678');
    expect(maskDocumentNumber('USA318504120011')).toBe('USA3*******0011');
    expect(maskDocumentNumber(residence('93184019850412001'))).toMatch(/^9318\*{10}\d{3}[\dX]$/);
  });

  it('keys a person by type and number, a passport with its country', () => {
    const keys = new Set([
      documentIdentityKey('taiwan-permit', 'CHN', '12345678'),
      documentIdentityKey('passport', 'CHN', '12345678'),
      documentIdentityKey('passport', 'USA', '12345678'),
    ]);
    expect(keys.size).toBe(3);
  });

  it('verifies online every document but a foreign passport, each with its entry-exit idType', () => {
    expect(verifiableOnline('passport', 'CHN')).toBe(true);
    expect(verifiableOnline('passport', ' chn ')).toBe(true);
    expect(verifiableOnline('passport', 'USA')).toBe(false);
    expect(verifiableOnline('foreign-permanent-residence', 'USA')).toBe(true);
    expect(verifiableOnline('id-card', '')).toBe(true);
    expect(idTypeOf('passport', 'CHN')).toBe('01');
    expect(idTypeOf('passport', 'USA')).toBeNull();
    expect(idTypeOf('hk-macao-permit', 'CHN')).toBe('02');
    expect(idTypeOf('foreign-permanent-residence', 'DEU')).toBe('03');
    expect(idTypeOf('taiwan-permit', 'CHN')).toBe('04');
  });
});
