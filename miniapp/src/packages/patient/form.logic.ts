import type { AddPatientRequest, DocumentType, Patient, Relation } from '@cityhealth/shared-types';
import {
  birthDateError,
  childBirthDateError,
  documentFields,
  documentNumberError,
  FOREIGN_PASSPORT_NOT_VERIFIABLE_MESSAGE,
  NUMBER_FIELD,
  nationalityError,
  normalizeDocumentNumber,
  verifiableOnline,
} from '@cityhealth/shared-types/field-rules';
import { normalizeIdNumber } from '@cityhealth/shared-types/id-number';
import { collectErrors, idNumberError, nameError, phoneError } from '../../features/forms';
import { calendarDate } from '../../utils/time';

export interface PatientDraft {
  documentType: DocumentType;
  name: string;
  /** The document's number (居民身份证号 for the ID card); none for a child. */
  idNumber: string;
  nationality: string;
  gender: 'M' | 'F' | '';
  /** As typed: 2020-05-01 or 20200501. */
  birthDate: string;
  phone: string;
  relation: Relation;
}

type DraftField = 'name' | 'idNumber' | 'nationality' | 'gender' | 'birthDate' | 'phone';
export type DraftErrors = Partial<Record<DraftField, string>>;

// The fields each document asks for live with the field rules, so the console's form asks the same.
export { documentFields, NUMBER_FIELD } from '@cityhealth/shared-types/field-rules';

/**
 * What the form says as soon as a document no provider verifies online is chosen (a passport of a
 * nationality other than CHN): such a patient is verified at a hospital's window, so nothing is sent.
 */
export function notVerifiableOnline(d: Pick<PatientDraft, 'documentType' | 'nationality'>): string | null {
  if (d.documentType !== 'passport' || nationalityError(d.nationality)) return null;
  return verifiableOnline(d.documentType, d.nationality) ? null : FOREIGN_PASSPORT_NOT_VERIFIABLE_MESSAGE;
}

/** 20200501 or 2020-5-1 as YYYY-MM-DD; anything else as typed (and refused by the check). */
export function normalizeBirthDate(typed: string): string {
  const t = typed.trim();
  const digits = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (digits) return `${digits[1]}-${digits[2]}-${digits[3]}`;
  const parts = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  return parts ? `${parts[1]}-${parts[2]!.padStart(2, '0')}-${parts[3]!.padStart(2, '0')}` : t;
}

/**
 * The form's own checks. A verified patient's name and ID number are locked and not checked; when
 * editing, an empty ID number or phone means "keep the one on file" (and the document is not changed).
 */
export function draftErrors(
  d: PatientDraft,
  o: { locked: boolean; editing: boolean; childMaxAge?: number },
): DraftErrors {
  const typedId = d.idNumber.trim() !== '';
  const typedPhone = d.phone.trim() !== '';
  const phone = o.editing && !typedPhone ? undefined : typedPhone ? phoneError(d.phone) : '请输入就诊人手机号';
  if (o.editing) {
    return collectErrors({
      name: o.locked ? undefined : nameError(d.name),
      idNumber: o.locked || !typedId ? undefined : idNumberError(d.idNumber),
      phone,
    });
  }
  const fields = documentFields(d.documentType);
  const today = calendarDate();
  const birthDate = normalizeBirthDate(d.birthDate);
  return collectErrors({
    name: nameError(d.name),
    idNumber:
      d.documentType === 'child'
        ? undefined
        : typedId
          ? documentNumberError(d.documentType, d.idNumber, today)
          : `请输入${NUMBER_FIELD[d.documentType].label}`,
    nationality: fields.nationality ? nationalityError(d.nationality) : undefined,
    gender: fields.holder && !d.gender ? '请选择性别' : undefined,
    birthDate: !fields.holder
      ? undefined
      : d.documentType === 'child'
        ? childBirthDateError(birthDate, today, o.childMaxAge ?? 16)
        : birthDateError(birthDate, today),
    phone,
  });
}

/** The first patient is usually the account holder; later ones usually family. */
export function defaultRelation(existing: number): Relation {
  return existing === 0 ? 'self' : 'parent';
}

/**
 * What an edit sends: only what changed. The phone is masked when loaded, so it is sent only when
 * the patient typed a new one; a verified patient's name and ID number are never sent.
 */
export function changes(
  d: PatientDraft,
  original: Patient,
): Partial<Pick<PatientDraft, 'name' | 'idNumber' | 'phone' | 'relation'>> {
  const out: Partial<Pick<PatientDraft, 'name' | 'idNumber' | 'phone' | 'relation'>> = {};
  if (!original.verified && d.name.trim() !== original.name) out.name = d.name.trim();
  if (!original.verified && d.idNumber.trim()) out.idNumber = normalizeIdNumber(d.idNumber);
  if (d.phone.trim() && d.phone.trim() !== original.phoneMasked) out.phone = d.phone.trim();
  if (d.relation !== original.relation) out.relation = d.relation;
  return out;
}

/** The new patient as the API takes it: saved and verified in one request. */
export function newPatient(d: PatientDraft): AddPatientRequest {
  const who = { name: d.name.trim(), phone: d.phone.trim(), relation: d.relation };
  const holder = {
    gender: d.gender === 'F' ? ('F' as const) : ('M' as const),
    birthDate: normalizeBirthDate(d.birthDate),
  };
  const number = normalizeDocumentNumber(d.idNumber);
  const nationality = d.nationality.trim().toUpperCase();
  switch (d.documentType) {
    case 'id-card':
      return { documentType: 'id-card', idNumber: normalizeIdNumber(d.idNumber), ...who };
    case 'child':
      return { documentType: 'child', ...holder, ...who };
    case 'passport':
    case 'foreign-permanent-residence':
      return { documentType: d.documentType, idNumber: number, nationality, ...holder, ...who };
    default:
      return { documentType: d.documentType, idNumber: number, ...holder, ...who };
  }
}

/** A new, empty draft: the ID card, the usual relation; a child without a document is usually 子女. */
export const emptyDraft = (relation: Relation): PatientDraft => ({
  documentType: 'id-card',
  name: '',
  idNumber: '',
  nationality: '',
  gender: '',
  birthDate: '',
  phone: '',
  relation,
});
