import {
  changes,
  defaultRelation,
  draftErrors,
  newPatient,
  type PatientDraft,
} from '../../../src/packages/patient/form.logic';
import { patient } from '../../support/fixtures';

const draft = (d: Partial<PatientDraft> = {}): PatientDraft => ({
  name: '王秀英',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  relation: 'self',
  ...d,
});

describe('patient form logic', () => {
  it('checks every field of a new patient', () => {
    expect(draftErrors(draft(), { locked: false, editing: false })).toEqual({});
    expect(
      draftErrors(draft({ name: '王', idNumber: '110105194912310021', phone: '' }), { locked: false, editing: false }),
    ).toEqual({
      name: expect.any(String),
      idNumber: '身份证号码校验未通过，请核对',
      phone: '请输入就诊人手机号',
    });
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

  it('trims and upper-cases what a new patient sends, and guesses the relation', () => {
    expect(newPatient(draft({ name: ' 王秀英 ', idNumber: '11010519491231002x ', phone: ' 13800138000' }))).toEqual(
      draft(),
    );
    expect(defaultRelation(0)).toBe('self');
    expect(defaultRelation(2)).toBe('parent');
  });
});
