import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

/** A study shared by link (云胶片): the token and access code kept encrypted, the token also as a hash to look up. */
export interface ImagingShareRow {
  id: string;
  tokenHash: string;
  tokenEnc: string;
  codeEnc: string;
  accountId: string;
  patientId: string;
  hospitalId: string;
  studyId: string;
  description: string;
  expiresAt: number;
  maxUses: number;
  uses: number;
  /** Wrong access codes tried; the share locks at SHARE_MAX_WRONG_CODES. */
  wrongCodes: number;
  revokedAt: number | null;
  createdAt: number;
}

export const ImagingShareEntity = new EntitySchema<ImagingShareRow>({
  name: 'ImagingShare',
  tableName: 'imaging_share',
  columns: {
    id: col.id(),
    tokenHash: { ...col.str(64), name: 'token_hash' },
    tokenEnc: { ...col.str(200), name: 'token_enc' },
    codeEnc: { ...col.str(200), name: 'code_enc' },
    accountId: { ...col.ref(), name: 'account_id' },
    patientId: { ...col.ref(), name: 'patient_id' },
    hospitalId: { ...col.ref(), name: 'hospital_id' },
    studyId: { ...col.str(64), name: 'study_id' },
    description: col.str(100),
    expiresAt: { ...col.instant(), name: 'expires_at' },
    maxUses: { ...col.int(), name: 'max_uses' },
    uses: col.int(),
    wrongCodes: { ...col.int(), name: 'wrong_codes' },
    revokedAt: { ...col.instant(true), name: 'revoked_at' },
    createdAt: { ...col.instant(), name: 'created_at' },
  },
});
