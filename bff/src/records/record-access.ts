import type { Database } from '../db/database.js';
import type { Pii } from '../identity/pii.js';
import { AppError } from '../shared/errors.js';

/** A 就诊人 whose records may be read: the account's own, live and real-name verified. */
export interface VerifiedPatient {
  accountId: string;
  patientId: string;
  name: string;
  idNumber: string;
  idHash: string;
}

interface PatientAccessRow {
  id: string;
  account_id: string;
  name: string;
  id_enc: string;
  id_hash: string;
  verified_at: unknown;
  document_type: string;
}

/**
 * The one check before any record is read: the patient belongs to the account (another
 * account's answers 404, as if it did not exist) and is verified (403 REAL_NAME_REQUIRED).
 */
export async function verifiedPatient(
  db: Database,
  pii: Pii,
  accountId: string,
  patientId: string,
): Promise<VerifiedPatient> {
  const [row] = await db.query<PatientAccessRow>(
    `SELECT id, account_id, name, id_enc, id_hash, verified_at, document_type FROM patient
      WHERE id = ? AND account_id = ? AND live = 1`,
    [patientId, accountId],
  );
  if (!row) throw new AppError('NOT_FOUND', '就诊人不存在');
  if (row.verified_at === null) throw new AppError('REAL_NAME_REQUIRED');
  // Hospitals file records under the resident ID number (FHIR identifier); other documents find none yet.
  if (row.document_type !== 'id-card')
    throw new AppError('RECORD_NOT_FOUND', '报告与影像目前按居民身份证查询，该就诊人的证件暂不支持');
  return {
    accountId,
    patientId,
    name: row.name,
    idNumber: pii.decrypt('id-number', row.id_enc),
    idHash: row.id_hash,
  };
}

/** The hospitals a patient booked at, most recent first: where their records are looked for by default. */
export async function bookedHospitals(db: Database, patientId: string): Promise<string[]> {
  const rows = await db.query<{ hospital_id: string; last: unknown }>(
    `SELECT hospital_id, MAX(created_at) AS last FROM booking_order WHERE patient_id = ?
      GROUP BY hospital_id ORDER BY last DESC`,
    [patientId],
  );
  return rows.map((r) => r.hospital_id);
}
