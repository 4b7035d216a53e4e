import { DOCUMENT_NUMBER_RULES, FOREIGN_PR_INVALID_MESSAGE } from '@cityhealth/shared-types/field-rules';
import { checkCharacter } from '@cityhealth/shared-types/id-number';
import {
  changes,
  defaultRelation,
  documentFields,
  draftErrors,
  emptyDraft,
  newPatient,
  normalizeBirthDate,
  notVerifiableOnline,
  type PatientDraft,
} from '../../../src/packages/patient/form.logic';
import { documentLine } from '../../../src/features/patient-document';
import { patient } from '../../support/fixtures';

const draft = (d: Partial<PatientDraft> = {}): PatientDraft => ({
  ...emptyDraft('self'),
  name: '王秀英',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  ...d,
});
const adding = { locked: false, editing: false };
const residence2023 = (() => {
  const first17 = '93184019850412002';
  return first17 + checkCharacter(first17);
})();

describe('patient form logic', () => {
  it('checks every field of a new patient', () => {
    expect(draftErrors(draft(), adding)).toEqual({});
    expect(draftErrors(draft({ name: '王', idNumber: '110105194912310021', phone: '' }), adding)).toEqual({
      name: expect.any(String),
      idNumber: '身份证号码校验未通过，请核对',
      phone: '请输入就诊人手机号',
    });
  });

  it('asks each document for its own fields, with the shared rules’ words', () => {
    expect(documentFields('id-card')).toEqual({ number: true, nationality: false, holder: false });
    expect(documentFields('passport')).toEqual({ number: true, nationality: true, holder: true });
    expect(documentFields('child')).toEqual({ number: false, nationality: false, holder: true });
    expect(draftErrors(draft({ documentType: 'passport', idNumber: 'AB' }), adding)).toEqual({
      idNumber: DOCUMENT_NUMBER_RULES.passport.message,
      nationality: '请输入 3 位字母的国籍代码，如 CHN、USA',
      gender: '请选择性别',
      birthDate: '请选择正确的出生日期',
    });
    const hk = draft({ documentType: 'hk-macao-permit', idNumber: 'h1234 5678', gender: 'M', birthDate: '19780930' });
    expect(draftErrors(hk, adding)).toEqual({});
    expect(draftErrors({ ...hk, idNumber: '' }, adding)).toEqual({ idNumber: '请输入通行证号码' });
    const pr = draft({
      documentType: 'foreign-permanent-residence',
      idNumber: residence2023,
      nationality: 'usa',
      gender: 'F',
      birthDate: '1985-04-12',
    });
    expect(draftErrors(pr, adding)).toEqual({});
    const wrong = residence2023.slice(0, 17) + (residence2023[17] === '0' ? '1' : '0');
    expect(draftErrors({ ...pr, idNumber: wrong }, adding)).toEqual({ idNumber: FOREIGN_PR_INVALID_MESSAGE });
  });

  it('takes a child below the rule book’s age only', () => {
    const child = draft({ documentType: 'child', idNumber: '', gender: 'M', birthDate: '2020-05-01' });
    expect(draftErrors(child, { ...adding, childMaxAge: 16 })).toEqual({});
    expect(draftErrors({ ...child, birthDate: '2000-01-01' }, { ...adding, childMaxAge: 16 })).toEqual({
      birthDate: '年满 16 周岁的就诊人请使用本人证件添加',
    });
    expect(draftErrors({ ...child, birthDate: '2999-01-01' }, adding)).toEqual({ birthDate: '请选择正确的出生日期' });
  });

  it('reads a birth date typed as digits or with 年月日', () => {
    expect(normalizeBirthDate('20200501')).toBe('2020-05-01');
    expect(normalizeBirthDate('2020年5月1日')).toBe('2020-05-01');
    expect(normalizeBirthDate(' 2020/5/1 ')).toBe('2020-05-01');
    expect(normalizeBirthDate('5月1日')).toBe('5月1日');
  });

  it('editing: an empty ID number or phone keeps the one on file; a verified patient’s name, number locked', () => {
    expect(draftErrors(draft({ idNumber: '', phone: '' }), { locked: false, editing: true })).toEqual({});
    expect(draftErrors(draft({ name: '', idNumber: 'bad', phone: '' }), { locked: true, editing: true })).toEqual({});
    expect(draftErrors(draft({ phone: '123' }), { locked: true, editing: true })).toEqual({
      phone: '请输入正确的 11 位手机号',
    });
  });

  it('sends only what changed, never a verified patient’s name or number, never the masked phone back', () => {
    const verified = patient({ verified: true, relation: 'self', phoneMasked: '138****8000' });
    expect(changes(draft({ name: '王秀兰', phone: '138****8000' }), verified)).toEqual({});
    expect(changes(draft({ phone: '13900139000', relation: 'parent' }), verified)).toEqual({
      phone: '13900139000',
      relation: 'parent',
    });
    const unverified = patient({ verified: false, name: '王秀英' });
    expect(changes(draft({ name: ' 王秀兰 ', idNumber: '11010519491231002x', phone: '' }), unverified)).toEqual({
      name: '王秀兰',
      idNumber: '11010519491231002X',
    });
  });

  it('says a foreign passport is not verifiable online once its nationality is a code', () => {
    const message = '外国护照暂不支持线上实名核验，请携带护照到医院窗口办理';
    expect(notVerifiableOnline({ documentType: 'passport', nationality: 'usa' })).toBe(message);
    expect(notVerifiableOnline({ documentType: 'passport', nationality: ' DEU ' })).toBe(message);
    expect(notVerifiableOnline({ documentType: 'passport', nationality: 'chn' })).toBeNull();
    expect(notVerifiableOnline({ documentType: 'passport', nationality: 'us' })).toBeNull();
    expect(notVerifiableOnline({ documentType: 'foreign-permanent-residence', nationality: 'USA' })).toBeNull();
  });

  it('sends a new patient as its document asks, trimmed and upper-cased, and guesses the relation', () => {
    expect(newPatient(draft({ name: ' 王秀英 ', idNumber: '11010519491231002x ', phone: ' 13800138000' }))).toEqual({
      documentType: 'id-card',
      name: '王秀英',
      idNumber: '11010519491231002X',
      phone: '13800138000',
      relation: 'self',
    });
    expect(
      newPatient(
        draft({
          documentType: 'passport',
          idNumber: 'x 1234567',
          nationality: 'usa',
          gender: 'M',
          birthDate: '19850412',
        }),
      ),
    ).toEqual({
      documentType: 'passport',
      name: '王秀英',
      idNumber: 'X1234567',
      nationality: 'USA',
      gender: 'M',
      birthDate: '1985-04-12',
      phone: '13800138000',
      relation: 'self',
    });
    expect(
      newPatient(draft({ documentType: 'child', idNumber: '', gender: 'F', birthDate: '2021-3-4', relation: 'child' })),
    ).toEqual({
      documentType: 'child',
      name: '王秀英',
      gender: 'F',
      birthDate: '2021-03-04',
      phone: '13800138000',
      relation: 'child',
    });
    expect(defaultRelation(0)).toBe('self');
    expect(defaultRelation(2)).toBe('parent');
  });

  it('shows each document by its short name and masked number; a child by its guardian', () => {
    expect(documentLine(patient())).toBe('身份证 1101**********002X');
    expect(documentLine(patient({ documentType: 'hk-macao-permit', idNumberMasked: 'H*****678' }))).toBe(
      '港澳通行证 H*****678',
    );
    expect(documentLine(patient({ documentType: 'child', idNumberMasked: '' }))).toBe('儿童 · 随监护人实名');
  });
});
