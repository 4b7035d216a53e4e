import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

/**
 * The real person behind one or more patient records (one per account that manages them),
 * keyed by the HMAC of the ID number. Per-identity limits and the no-show blacklist apply here.
 */
export interface PersonRow {
  id: string;
  idHash: string;
  blacklistedUntil: number | null;
  /** When an administrator last lifted a suspension: no-shows of visits before it no longer count. */
  blacklistLiftedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export const Person = new EntitySchema<PersonRow>({
  name: 'Person',
  tableName: 'person',
  columns: {
    id: col.id(),
    idHash: { ...col.str(64), name: 'id_hash' },
    blacklistedUntil: { ...col.instant(true), name: 'blacklisted_until' },
    blacklistLiftedAt: { ...col.instant(true), name: 'blacklist_lifted_at' },
    createdAt: { ...col.instant(), name: 'created_at' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
  },
});

export interface PatientRow {
  id: string;
  accountId: string;
  personId: string;
  name: string;
  idEnc: string;
  idHash: string;
  idMasked: string;
  phoneEnc: string;
  phoneMasked: string;
  /** Blind index of the phone; null on rows of before the console's search until it fills them. */
  phoneHash: string | null;
  relation: string;
  /** The document the patient is identified by (居民身份证, passport, permits …, or `child`: none). */
  documentType: string;
  /** A child without a document: the account holder's own verified patient who is the guardian. */
  guardianPatientId: string | null;
  /** The issuing country (ISO 3166 alpha-3) where the form asks it: a passport, a permanent-residence card. */
  nationality: string | null;
  gender: 'M' | 'F';
  birthDate: string;
  verifiedAt: number | null;
  /** 1 while not deleted (unique per account and ID number), NULL once deleted. */
  live: number | null;
  deletedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export const Patient = new EntitySchema<PatientRow>({
  name: 'Patient',
  tableName: 'patient',
  columns: {
    id: col.id(),
    accountId: { ...col.ref(), name: 'account_id' },
    personId: { ...col.ref(), name: 'person_id' },
    name: col.str(30),
    idEnc: { ...col.str(200), name: 'id_enc' },
    idHash: { ...col.str(64), name: 'id_hash' },
    idMasked: { ...col.str(20), name: 'id_masked' },
    phoneEnc: { ...col.str(200), name: 'phone_enc' },
    phoneMasked: { ...col.str(20), name: 'phone_masked' },
    phoneHash: { ...col.str(64, true), name: 'phone_hash' },
    relation: col.str(10),
    documentType: { ...col.str(32), name: 'document_type' },
    guardianPatientId: { ...col.ref(true), name: 'guardian_patient_id' },
    nationality: col.str(3, true),
    gender: col.str(1),
    birthDate: { ...col.str(10), name: 'birth_date' },
    verifiedAt: { ...col.instant(true), name: 'verified_at' },
    live: col.liveFlag(),
    deletedAt: { ...col.instant(true), name: 'deleted_at' },
    createdAt: { ...col.instant(), name: 'created_at' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
  },
});
