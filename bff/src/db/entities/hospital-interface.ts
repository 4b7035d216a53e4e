import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

/** One signing secret of a hospital (AES-256-GCM at rest); two may be active while one is rotated. */
export interface HospitalSecretRow {
  id: string;
  hospitalId: string;
  secretEnc: string;
  createdAt: number;
  /** When an administrator retired it; null while it signs. */
  retiredAt: number | null;
}

export const HospitalSecret = new EntitySchema<HospitalSecretRow>({
  name: 'HospitalSecret',
  tableName: 'hospital_secret',
  columns: {
    id: col.id(),
    hospitalId: { ...col.ref(), name: 'hospital_id' },
    secretEnc: { ...col.str(200), name: 'secret_enc' },
    createdAt: { ...col.instant(), name: 'created_at' },
    retiredAt: { ...col.instant(true), name: 'retired_at' },
  },
});

/** A nonce a hospital's signed call has used: seen once, refused ever after (within the clock window). */
export interface HospitalNonceRow {
  id: string;
  hospitalId: string;
  nonce: string;
  seenAt: number;
}

export const HospitalNonce = new EntitySchema<HospitalNonceRow>({
  name: 'HospitalNonce',
  tableName: 'hospital_nonce',
  columns: {
    id: col.id(),
    hospitalId: { ...col.ref(), name: 'hospital_id' },
    nonce: col.str(64),
    seenAt: { ...col.instant(), name: 'seen_at' },
  },
});

/** What a hospital's own code (of a department, doctor or session) stands for on the platform. */
export type HisKind = 'department' | 'doctor' | 'schedule';

export interface HisKeyRow {
  id: string;
  hospitalId: string;
  kind: HisKind;
  hisCode: string;
  entityId: string;
  /** The version of the batch that last changed it. */
  version: number;
  updatedAt: number;
}

export const HisKey = new EntitySchema<HisKeyRow>({
  name: 'HisKey',
  tableName: 'his_key',
  columns: {
    id: col.id(),
    hospitalId: { ...col.ref(), name: 'hospital_id' },
    kind: col.str(12),
    hisCode: { ...col.str(64), name: 'his_code' },
    entityId: { ...col.ref(), name: 'entity_id' },
    version: col.instant(),
    updatedAt: { ...col.instant(), name: 'updated_at' },
  },
});
