import crypto from 'node:crypto';
import type { Period, ScheduleType } from '@cityhealth/shared-types';
import type { Database } from '../../src/db/database.js';
import type { ScheduleRow } from '../../src/db/entities/index.js';
import { bulkInsert } from '../../src/db/sql/bulk-insert.js';
import { publishSchedule } from '../../src/core/schedule/publish.js';
import { newId } from '../../src/shared/ids.js';
import { addDays, shanghaiDate } from '../../src/shared/time.js';

/**
 * Direct database fixtures for booking tests: a hospital with departments and sessions, and
 * accounts with verified patients. (Identity flows themselves are tested through the API.)
 */
export interface Clinic {
  hospitalId: string;
  departmentIds: string[];
  /** One doctor in the first department. */
  doctorId: string;
}

export async function createClinic(
  db: Database,
  opts: { now: number; onlinePayment?: boolean; departments?: number },
): Promise<Clinic> {
  const hospitalId = newId();
  const departmentIds = Array.from({ length: opts.departments ?? 2 }, () => newId());
  const doctorId = newId();
  await db.write(async (tx) => {
    await bulkInsert(
      tx,
      'hospital',
      [
        'id',
        'code',
        'name',
        'name_pinyin',
        'name_initials',
        'level',
        'district',
        'address',
        'phone',
        'intro',
        'release_time',
        'days_ahead',
        'online_payment',
        'demo',
        'created_at',
        'updated_at',
      ],
      [
        [
          hospitalId,
          `T${hospitalId.slice(-8)}`,
          '测试医院',
          'ceshiyiyuan',
          'csyy',
          '3A',
          '东城区',
          '测试路 1 号',
          '010-00000000',
          '用于测试',
          '08:30',
          7,
          opts.onlinePayment ? 1 : 0,
          0,
          opts.now,
          opts.now,
        ],
      ],
    );
    await bulkInsert(
      tx,
      'department',
      ['id', 'hospital_id', 'parent_id', 'name', 'name_pinyin', 'name_initials', 'intro', 'sort'],
      departmentIds.map((id, i) => [id, hospitalId, null, `测试科${i + 1}`, `ceshike${i + 1}`, `csk${i + 1}`, '', i]),
    );
    await bulkInsert(
      tx,
      'doctor',
      ['id', 'hospital_id', 'department_id', 'name', 'name_pinyin', 'name_initials', 'title', 'specialty', 'intro'],
      [[doctorId, hospitalId, departmentIds[0], '李医生', 'liyisheng', 'lys', '主任医师', '高血压', '']],
    );
  });
  return { hospitalId, departmentIds, doctorId };
}

export interface SessionOptions {
  now: number;
  capacity: number;
  departmentId?: string;
  doctorId?: string;
  date?: string;
  period?: Period;
  type?: ScheduleType;
  feeFen?: number;
  releaseAt?: number;
  startTime?: string;
  endTime?: string;
  closesBeforeEndMs?: number;
}

/** A session the day after tomorrow (by default: before the cancellation deadline), already released. */
export async function createSession(db: Database, clinic: Clinic, o: SessionOptions): Promise<ScheduleRow> {
  return db.write((tx) =>
    publishSchedule(tx, {
      hospitalId: clinic.hospitalId,
      departmentId: o.departmentId ?? clinic.departmentIds[0]!,
      doctorId: o.doctorId ?? null,
      date: o.date ?? addDays(shanghaiDate(o.now), 2),
      period: o.period ?? 'morning',
      type: o.type ?? 'general',
      feeFen: o.feeFen ?? 500,
      capacity: o.capacity,
      startTime: o.startTime,
      endTime: o.endTime,
      releaseAt: o.releaseAt ?? o.now - 60_000,
      closesBeforeEndMs: o.closesBeforeEndMs ?? 3600_000,
      publishedBy: 'test-hospital',
      now: o.now,
    }),
  );
}

export interface PatientFixture {
  accountId: string;
  patientId: string;
  personId: string;
}

/** `count` accounts, each with one verified patient (a distinct person), or unverified on request. */
export async function createPatients(
  db: Database,
  count: number,
  opts: { now: number; verified?: boolean },
): Promise<PatientFixture[]> {
  const out: PatientFixture[] = Array.from({ length: count }, () => ({
    accountId: newId(),
    patientId: newId(),
    personId: newId(),
  }));
  const verifiedAt = opts.verified === false ? null : opts.now;
  await db.write(async (tx) => {
    await bulkInsert(
      tx,
      'account',
      ['id', 'nickname', 'phone_enc', 'phone_hash', 'phone_masked', 'status', 'created_at', 'updated_at'],
      out.map((p) => [p.accountId, '测试用户', null, null, null, 'active', opts.now, opts.now]),
    );
    await bulkInsert(
      tx,
      'person',
      ['id', 'id_hash', 'blacklisted_until', 'created_at', 'updated_at'],
      out.map((p) => [
        p.personId,
        crypto.createHash('sha256').update(p.personId).digest('hex'),
        null,
        opts.now,
        opts.now,
      ]),
    );
    await bulkInsert(
      tx,
      'patient',
      [
        'id',
        'account_id',
        'person_id',
        'name',
        'id_enc',
        'id_hash',
        'id_masked',
        'phone_enc',
        'phone_masked',
        'relation',
        'gender',
        'birth_date',
        'verified_at',
        'live',
        'deleted_at',
        'created_at',
        'updated_at',
      ],
      out.map((p) => [
        p.patientId,
        p.accountId,
        p.personId,
        '张三',
        'x',
        crypto.createHash('sha256').update(p.personId).digest('hex'),
        '1101**********1234',
        'x',
        '138****5678',
        'self',
        'M',
        '1980-01-01',
        verifiedAt,
        1,
        null,
        opts.now,
        opts.now,
      ]),
    );
  });
  return out;
}

export const idemKey = (): string => crypto.randomUUID();
