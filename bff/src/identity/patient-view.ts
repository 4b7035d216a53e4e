import type { DocumentType, Patient, Relation } from '@cityhealth/shared-types';
import { iso, isoOrNull, shanghaiDate } from '../shared/time.js';

/** A patient row joined with its person's blacklist (raw SQL row, both dialects). */
export interface PatientRecord {
  id: string;
  account_id: string;
  person_id: string;
  name: string;
  id_enc: string;
  id_hash: string;
  id_masked: string;
  phone_masked: string;
  relation: string;
  document_type: string;
  gender: string;
  birth_date: string;
  verified_at: number | string | null;
  live: number | string | null;
  created_at: number | string;
  blacklisted_until: number | string | null;
}

export const PATIENT_COLUMNS =
  'p.id, p.account_id, p.person_id, p.name, p.id_enc, p.id_hash, p.id_masked, p.phone_masked, p.relation, ' +
  'p.document_type, p.gender, p.birth_date, p.verified_at, p.live, p.created_at, pe.blacklisted_until';

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** What the patient API shows: ID number and phone masked, the blacklist as a Shanghai date while in force. */
export function toPatient(r: PatientRecord, now: number): Patient {
  const blacklisted = num(r.blacklisted_until);
  const verifiedAt = num(r.verified_at);
  return {
    id: r.id,
    name: r.name,
    documentType: r.document_type as DocumentType,
    idNumberMasked: r.id_masked,
    phoneMasked: r.phone_masked,
    relation: r.relation as Relation,
    gender: r.gender === 'F' ? 'F' : 'M',
    birthDate: r.birth_date,
    verified: verifiedAt !== null,
    verifiedAt: isoOrNull(verifiedAt),
    blacklistedUntil: blacklisted !== null && blacklisted > now ? shanghaiDate(blacklisted) : null,
    createdAt: iso(Number(r.created_at)),
  };
}
