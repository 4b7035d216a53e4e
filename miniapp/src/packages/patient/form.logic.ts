import type { Patient, Relation } from '@cityhealth/shared-types';
import { normalizeIdNumber } from '@cityhealth/shared-types/id-number';
import { collectErrors, idNumberError, nameError, phoneError } from '../../features/forms';

export interface PatientDraft {
  name: string;
  idNumber: string;
  phone: string;
  relation: Relation;
}

export type DraftErrors = Partial<Record<'name' | 'idNumber' | 'phone', string>>;

/**
 * The form's own checks. A verified patient's name and ID number are locked and not checked; when
 * editing, an empty ID number or phone means "keep the one on file".
 */
export function draftErrors(d: PatientDraft, o: { locked: boolean; editing: boolean }): DraftErrors {
  const typedId = d.idNumber.trim() !== '';
  const typedPhone = d.phone.trim() !== '';
  return collectErrors({
    name: o.locked ? undefined : nameError(d.name),
    idNumber: o.locked || (o.editing && !typedId) ? undefined : idNumberError(d.idNumber),
    phone: o.editing && !typedPhone ? undefined : typedPhone ? phoneError(d.phone) : '请输入就诊人手机号',
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
export function changes(d: PatientDraft, original: Patient): Partial<PatientDraft> {
  const out: Partial<PatientDraft> = {};
  if (!original.verified && d.name.trim() !== original.name) out.name = d.name.trim();
  if (!original.verified && d.idNumber.trim()) out.idNumber = normalizeIdNumber(d.idNumber);
  if (d.phone.trim() && d.phone.trim() !== original.phoneMasked) out.phone = d.phone.trim();
  if (d.relation !== original.relation) out.relation = d.relation;
  return out;
}

/** The new patient as the API takes it. */
export function newPatient(d: PatientDraft): PatientDraft {
  return { name: d.name.trim(), idNumber: normalizeIdNumber(d.idNumber), phone: d.phone.trim(), relation: d.relation };
}
