import { type AddPatientRequest, childAgeMessage, ageOn, type Patient } from '@cityhealth/shared-types';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { Patient as PatientTable } from '../db/entities/index.js';
import { isUniqueViolation } from '../db/sql/execute.js';
import { insertRows } from '../db/sql/table.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { shanghaiDate } from '../shared/time.js';
import type { RateLimits } from '../throttle/rate-limits.js';
import { patientActor, type IdentityActor } from './actor.js';
import type { IdentityCheck, IdentityVerifier } from './idv/verifier.js';
import {
  childIdentityKey,
  fieldError,
  identifyDocument,
  type DocumentRequest,
  type IdentifiedDocument,
} from './patient-documents.js';
import { MAX_PATIENTS, type PatientService } from './patients.js';
import { personFor } from './person-index.js';
import { maskPhone, type Pii } from './pii.js';

export interface PatientRegistrationDeps {
  db: Database;
  pii: Pii;
  clock: Clock;
  audit: AuditLog;
  idv: IdentityVerifier;
  limits: RateLimits;
  patients: PatientService;
  /** A child is added without a document while younger than this (the rule book's). */
  childMaxAge: number;
}

type Identified = IdentifiedDocument & { guardianPatientId: string | null };

/**
 * Adds a patient and verifies the real name in one step: the document is checked, the verifier
 * asked (a child is verified through the guardian, the account holder's own verified ID card,
 * without a call), and only a verified patient is saved. A refusal saves nothing.
 */
export class PatientRegistration {
  constructor(private readonly d: PatientRegistrationDeps) {}

  async add(
    accountId: string,
    req: AddPatientRequest,
    ip: string,
    by: IdentityActor = patientActor(accountId),
  ): Promise<Patient> {
    const today = shanghaiDate(this.d.clock.now());
    const doc =
      req.documentType === 'child'
        ? await this.child(accountId, req, today)
        : { ...identifyDocument(req as DocumentRequest, today), guardianPatientId: null };
    const idHashes = this.d.pii.indexes('id-number', doc.identityKey);
    const [idHash] = idHashes;
    // Refused before a verification is spent on it (and again, locked, when saving).
    await this.checkRoom(this.d.db.query.bind(this.d.db), accountId, idHashes);
    if (doc.type !== 'child') await this.verify(accountId, req.name, doc, ip, by);
    const id = newId();
    try {
      await this.d.db.write(async (tx) => {
        await this.d.patients.lockAccount(tx, accountId);
        await this.checkRoom((sql, params) => tx.query(sql, params), accountId, idHashes);
        const now = this.d.clock.now();
        await insertRows(tx, PatientTable, [
          {
            id,
            accountId,
            personId: await personFor(tx, this.d.db.dialect, idHashes, now),
            name: req.name,
            idEnc: this.d.pii.encrypt('id-number', doc.number),
            idHash,
            idMasked: doc.masked,
            phoneEnc: this.d.pii.encrypt('phone', req.phone),
            phoneMasked: maskPhone(req.phone),
            phoneHash: this.d.pii.index('phone', req.phone),
            relation: req.relation,
            documentType: doc.type,
            guardianPatientId: doc.guardianPatientId,
            nationality: doc.nationality,
            gender: doc.gender,
            birthDate: doc.birthDate,
            verifiedAt: now,
            live: 1,
            deletedAt: null,
            createdAt: now,
            updatedAt: now,
          },
        ]);
        await this.d.audit.record(
          {
            actorType: by.type,
            actorId: by.id,
            action: 'patient.create',
            targetType: 'patient',
            targetId: id,
            ip,
            detail: { relation: req.relation, documentType: doc.type, verified: true },
          },
          tx,
        );
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('PATIENT_DUPLICATE');
      throw e;
    }
    return this.d.patients.get(accountId, id);
  }

  /** A child without a document: the guardian is the account holder's own verified ID-card patient. */
  private async child(
    accountId: string,
    req: Extract<AddPatientRequest, { documentType: 'child' }>,
    today: string,
  ): Promise<Identified> {
    const max = this.d.childMaxAge;
    if (req.birthDate > today) throw fieldError('VALIDATION_FAILED', 'birthDate', '出生日期不能晚于今天');
    if (ageOn(req.birthDate, today) >= max) throw new AppError('CHILD_AGE_EXCEEDED', childAgeMessage(max));
    const [guardian] = await this.d.db.query<{ id: string; person_id: string }>(
      `SELECT id, person_id FROM patient WHERE account_id = ? AND live = 1 AND relation = 'self'
        AND document_type = 'id-card' AND verified_at IS NOT NULL ORDER BY created_at LIMIT 1`,
      [accountId],
    );
    if (!guardian) throw new AppError('CHILD_GUARDIAN_REQUIRED');
    return {
      type: 'child',
      number: '',
      identityKey: childIdentityKey(guardian.person_id, req.name, req.birthDate),
      masked: '',
      nationality: null,
      birthDate: req.birthDate,
      gender: req.gender,
      travel: null,
      guardianPatientId: guardian.id,
    };
  }

  private async checkRoom(
    query: (sql: string, params: unknown[]) => Promise<unknown>,
    accountId: string,
    idHashes: readonly string[],
  ): Promise<void> {
    const live = (await query('SELECT id_hash FROM patient WHERE account_id = ? AND live = 1', [accountId])) as {
      id_hash: string;
    }[];
    if (live.some((p) => idHashes.includes(p.id_hash))) throw new AppError('PATIENT_DUPLICATE');
    if (live.length >= MAX_PATIENTS) throw new AppError('PATIENT_LIMIT_REACHED');
  }

  private async verify(accountId: string, name: string, doc: Identified, ip: string, by: IdentityActor): Promise<void> {
    await this.d.limits.consume('verifyPerAccount', accountId);
    const audit = (result: string) =>
      this.d.audit.record({
        actorType: by.type,
        actorId: by.id,
        action: 'patient.verify',
        targetType: 'account',
        targetId: accountId,
        ip,
        detail: { result, documentType: doc.type },
      });
    let outcome: IdentityCheck;
    try {
      outcome = doc.travel ? await this.d.idv.verifyDocument(doc.travel) : await this.d.idv.verify(name, doc.number);
    } catch (e) {
      await audit(e instanceof AppError ? e.code : 'error');
      throw e;
    }
    await audit(outcome);
    const what = doc.type === 'id-card' ? '身份证号码' : '证件号码';
    if (outcome === 'no-record') throw new AppError('REAL_NAME_MISMATCH', `${what}查无记录，请核对`);
    if (outcome !== 'match') throw new AppError('REAL_NAME_MISMATCH', `姓名与${what}不一致，请核对`);
  }
}
