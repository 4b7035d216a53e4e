import type { CreatePatientRequest, Patient, UpdatePatientRequest } from '@cityhealth/shared-types';
import type { EntityManager } from 'typeorm';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { Patient as PatientTable } from '../db/entities/index.js';
import { execute, forUpdate, isUniqueViolation } from '../db/sql/execute.js';
import { insertRows } from '../db/sql/table.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { shanghaiDate } from '../shared/time.js';
import { parseIdNumber, type IdNumberInfo } from '@cityhealth/shared-types';
import { patientActor, type IdentityActor } from './actor.js';
import type { IdentityVerifier } from './idv/verifier.js';
import { PATIENT_COLUMNS, toPatient, type PatientRecord } from './patient-view.js';
import { personFor } from './person-index.js';
import { maskIdNumber, maskPhone, type Pii } from './pii.js';
import type { RateLimits } from '../throttle/rate-limits.js';

export const MAX_PATIENTS = 5;

export interface PatientDeps {
  db: Database;
  pii: Pii;
  clock: Clock;
  audit: AuditLog;
  idv: IdentityVerifier;
  limits: RateLimits;
}

/**
 * Patients (就诊人) of an account: at most 5 live ones, each ID number once per account, name and
 * ID locked once verified, soft delete (refused while a booking is live), real-name verification.
 * Every query is scoped by the account: another account's patient is simply NOT_FOUND.
 */
export class PatientService {
  constructor(private readonly d: PatientDeps) {}

  async list(accountId: string): Promise<{ items: Patient[]; max: number }> {
    const rows = await this.d.db.query<PatientRecord>(
      `SELECT ${PATIENT_COLUMNS} FROM patient p JOIN person pe ON pe.id = p.person_id WHERE p.account_id = ?
        AND p.live = 1 ORDER BY p.created_at, p.id`,
      [accountId],
    );
    const now = this.d.clock.now();
    return { items: rows.map((r) => toPatient(r, now)), max: MAX_PATIENTS };
  }

  async create(
    accountId: string,
    req: CreatePatientRequest,
    ip: string,
    by: IdentityActor = patientActor(accountId),
  ): Promise<Patient> {
    const info = this.parseId(req.idNumber);
    const idHashes = this.d.pii.indexes('id-number', req.idNumber);
    const [idHash] = idHashes;
    const id = newId();
    try {
      await this.d.db.write(async (tx) => {
        await this.lockAccount(tx, accountId);
        const live = (await tx.query('SELECT id_hash FROM patient WHERE account_id = ? AND live = 1', [accountId])) as {
          id_hash: string;
        }[];
        if (live.some((p) => idHashes.includes(p.id_hash))) throw new AppError('PATIENT_DUPLICATE');
        if (live.length >= MAX_PATIENTS) throw new AppError('PATIENT_LIMIT_REACHED');
        const personId = await this.personFor(tx, idHashes);
        const now = this.d.clock.now();
        await insertRows(tx, PatientTable, [
          {
            id,
            accountId,
            personId,
            name: req.name,
            idEnc: this.d.pii.encrypt('id-number', req.idNumber),
            idHash,
            idMasked: maskIdNumber(req.idNumber),
            phoneEnc: this.d.pii.encrypt('phone', req.phone),
            phoneMasked: maskPhone(req.phone),
            phoneHash: this.d.pii.index('phone', req.phone),
            relation: req.relation,
            documentType: 'id-card',
            guardianPatientId: null,
            nationality: null,
            gender: info.gender,
            birthDate: info.birthDate,
            verifiedAt: null,
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
            detail: { relation: req.relation },
          },
          tx,
        );
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('PATIENT_DUPLICATE');
      throw e;
    }
    return this.get(accountId, id);
  }

  async update(accountId: string, patientId: string, req: UpdatePatientRequest, ip: string): Promise<Patient> {
    try {
      await this.d.db.write(async (tx) => {
        const row = await this.lockOwn(tx, accountId, patientId);
        const sets: string[] = [];
        const values: unknown[] = [];
        const changed: string[] = [];
        const set = (column: string, value: unknown, field: string) => {
          sets.push(`${column} = ?`);
          values.push(value);
          changed.push(field);
        };
        const newName = req.name !== undefined && req.name !== row.name ? req.name : undefined;
        const idHashes = req.idNumber !== undefined ? this.d.pii.indexes('id-number', req.idNumber) : undefined;
        const newIdNumber = idHashes && !idHashes.includes(row.id_hash) ? req.idNumber : undefined;
        if ((newName !== undefined || newIdNumber !== undefined) && row.verified_at !== null)
          throw new AppError('PATIENT_VERIFIED_LOCKED');
        // Other documents are saved verified, so never reach here; a child's name is part of its identity.
        if ((newName !== undefined || newIdNumber !== undefined) && row.document_type !== 'id-card')
          throw new AppError('PATIENT_VERIFIED_LOCKED');
        if (newName !== undefined) set('name', newName, 'name');
        if (newIdNumber !== undefined && idHashes) {
          const info = this.parseId(newIdNumber);
          const [dup] = (await tx.query(
            'SELECT id FROM patient WHERE account_id = ? AND id_hash IN (?, ?) AND live = 1 AND id <> ?',
            [accountId, ...idHashes, patientId],
          )) as { id: string }[];
          if (dup) throw new AppError('PATIENT_DUPLICATE');
          set('person_id', await this.personFor(tx, idHashes), 'idNumber');
          set('id_enc', this.d.pii.encrypt('id-number', newIdNumber), 'idNumber');
          set('id_hash', idHashes[0], 'idNumber');
          set('id_masked', maskIdNumber(newIdNumber), 'idNumber');
          set('gender', info.gender, 'idNumber');
          set('birth_date', info.birthDate, 'idNumber');
        }
        if (req.phone !== undefined) {
          set('phone_enc', this.d.pii.encrypt('phone', req.phone), 'phone');
          set('phone_masked', maskPhone(req.phone), 'phone');
          set('phone_hash', this.d.pii.index('phone', req.phone), 'phone');
        }
        if (req.relation !== undefined && req.relation !== row.relation) set('relation', req.relation, 'relation');
        if (!sets.length) return;
        await tx.query(`UPDATE patient SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`, [
          ...values,
          this.d.clock.now(),
          patientId,
        ]);
        await this.d.audit.record(
          {
            actorType: 'patient',
            actorId: accountId,
            action: 'patient.update',
            targetType: 'patient',
            targetId: patientId,
            ip,
            detail: { fields: [...new Set(changed)] },
          },
          tx,
        );
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('PATIENT_DUPLICATE');
      throw e;
    }
    return this.get(accountId, patientId);
  }

  async remove(
    accountId: string,
    patientId: string,
    ip: string,
    by: IdentityActor = patientActor(accountId),
  ): Promise<void> {
    await this.d.db.write(async (tx) => {
      await this.lockOwn(tx, accountId, patientId);
      const [active] = (await tx.query('SELECT id FROM booking_order WHERE patient_id = ? AND live = 1 LIMIT 1', [
        patientId,
      ])) as { id: string }[];
      if (active) throw new AppError('PATIENT_HAS_ACTIVE_ORDERS');
      const now = this.d.clock.now();
      await execute(tx, 'UPDATE patient SET live = NULL, deleted_at = ?, updated_at = ? WHERE id = ?', [
        now,
        now,
        patientId,
      ]);
      await this.d.audit.record(
        {
          actorType: by.type,
          actorId: by.id,
          action: 'patient.delete',
          targetType: 'patient',
          targetId: patientId,
          ip,
        },
        tx,
      );
    });
  }

  /** Real-name authentication: the checksum, then name + number at the verification service. */
  async verify(
    accountId: string,
    patientId: string,
    ip: string,
    by: IdentityActor = patientActor(accountId),
  ): Promise<Patient> {
    const row = await this.load(accountId, patientId);
    if (row.verified_at !== null) return toPatient(row, this.d.clock.now());
    if (row.document_type !== 'id-card') throw new AppError('REAL_NAME_REQUIRED', '请删除后按证件重新添加该就诊人');
    await this.d.limits.consume('verifyPerAccount', accountId);
    const idNumber = this.d.pii.decrypt('id-number', row.id_enc);
    if (!parseIdNumber(idNumber, shanghaiDate(this.d.clock.now()))) throw new AppError('ID_NUMBER_INVALID');
    const audit = (result: string) =>
      this.d.audit.record({
        actorType: by.type,
        actorId: by.id,
        action: 'patient.verify',
        targetType: 'patient',
        targetId: patientId,
        ip,
        detail: { result },
      });
    let outcome: Awaited<ReturnType<IdentityVerifier['verify']>>;
    try {
      outcome = await this.d.idv.verify(row.name, idNumber);
    } catch (e) {
      await audit(e instanceof AppError ? e.code : 'error');
      throw e;
    }
    await audit(outcome);
    if (outcome === 'no-record') throw new AppError('REAL_NAME_MISMATCH', '身份证号码查无记录，请核对');
    if (outcome !== 'match') throw new AppError('REAL_NAME_MISMATCH');
    const now = this.d.clock.now();
    await this.d.db.write((tx) =>
      execute(
        tx,
        `UPDATE patient SET verified_at = ?, updated_at = ? WHERE id = ? AND account_id = ? AND live = 1
          AND verified_at IS NULL AND name = ? AND id_hash = ?`,
        [now, now, patientId, accountId, row.name, row.id_hash],
      ),
    );
    return this.get(accountId, patientId);
  }

  async get(accountId: string, patientId: string): Promise<Patient> {
    return toPatient(await this.load(accountId, patientId), this.d.clock.now());
  }

  private async load(accountId: string, patientId: string): Promise<PatientRecord> {
    const [row] = await this.d.db.query<PatientRecord>(
      `SELECT ${PATIENT_COLUMNS} FROM patient p JOIN person pe ON pe.id = p.person_id WHERE p.id = ?
        AND p.account_id = ? AND p.live = 1`,
      [patientId, accountId],
    );
    if (!row) throw new AppError('NOT_FOUND', '就诊人不存在');
    return row;
  }

  /** The patient and its person, locked in the same shape as the booking core locks them. */
  private async lockOwn(tx: EntityManager, accountId: string, patientId: string): Promise<PatientRecord> {
    const [row] = (await tx.query(
      `SELECT ${PATIENT_COLUMNS} FROM person pe JOIN patient p ON p.person_id = pe.id
        WHERE p.id = ?${forUpdate(this.d.db.dialect)}`,
      [patientId],
    )) as PatientRecord[];
    if (!row || row.account_id !== accountId || Number(row.live) !== 1) throw new AppError('NOT_FOUND', '就诊人不存在');
    return row;
  }

  async lockAccount(tx: EntityManager, accountId: string): Promise<void> {
    const [row] = (await tx.query(`SELECT id FROM account WHERE id = ?${forUpdate(this.d.db.dialect)}`, [
      accountId,
    ])) as { id: string }[];
    if (!row) throw new AppError('UNAUTHENTICATED', '账号不存在或已停用，请重新登录');
  }

  private personFor(tx: EntityManager, idHashes: readonly [string, string]): Promise<string> {
    return personFor(tx, this.d.db.dialect, idHashes, this.d.clock.now());
  }

  private parseId(idNumber: string): IdNumberInfo {
    const info = parseIdNumber(idNumber, shanghaiDate(this.d.clock.now()));
    if (!info) throw new AppError('ID_NUMBER_INVALID');
    return info;
  }
}
