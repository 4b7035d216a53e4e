import { type DocumentIdentifier, type DocumentType, documentIdentifier } from '@cityhealth/shared-types';
import type { Database } from '../db/database.js';
import { execute } from '../db/sql/execute.js';
import { passportNationalityIndexedAs } from '../identity/patient-documents.js';
import type { Pii } from '../identity/pii.js';
import { AppError } from '../shared/errors.js';

/** A 就诊人 whose records may be read: the account's own, live and real-name verified. */
export interface VerifiedPatient {
  accountId: string;
  patientId: string;
  name: string;
  /** The document as the hospitals file it (FHIR identifier system and value). */
  identifier: DocumentIdentifier;
  idHash: string;
}

interface PatientAccessRow {
  id: string;
  account_id: string;
  name: string;
  id_enc: string;
  id_hash: string;
  verified_at: unknown;
  document_type: DocumentType;
  nationality: string | null;
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
    `SELECT id, account_id, name, id_enc, id_hash, verified_at, document_type, nationality FROM patient
      WHERE id = ? AND account_id = ? AND live = 1`,
    [patientId, accountId],
  );
  if (!row) throw new AppError('NOT_FOUND', '就诊人不存在');
  if (row.verified_at === null) throw new AppError('REAL_NAME_REQUIRED');
  // Hospitals file a child's records under the child's own document, which a child added without one lacks.
  if (row.document_type === 'child')
    throw new AppError('RECORD_NOT_FOUND', '无证件儿童的报告与影像暂不支持在线查询，请到医院窗口凭监护人证件查询');
  const number = pii.decrypt('id-number', row.id_enc);
  const nationality = row.document_type === 'passport' ? await passportCountry(db, pii, row, number) : null;
  const identifier = documentIdentifier(row.document_type, number, nationality);
  if (!identifier) throw new AppError('RECORD_NOT_FOUND', '该就诊人的证件信息不完整，请删除后按证件重新添加');
  return { accountId, patientId, name: row.name, identifier, idHash: row.id_hash };
}

/** A passport's issuing country: stored, or (a patient of before it was) recovered from the blind index and kept. */
async function passportCountry(db: Database, pii: Pii, row: PatientAccessRow, number: string): Promise<string | null> {
  if (row.nationality) return row.nationality;
  const found = passportNationalityIndexedAs(number, row.id_hash, (key) => pii.indexes('id-number', key));
  if (found)
    await db.write((tx) =>
      execute(tx, 'UPDATE patient SET nationality = ? WHERE id = ? AND nationality IS NULL', [found, row.id]),
    );
  return found;
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
