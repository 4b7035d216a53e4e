import crypto from 'node:crypto';
import type { Period, ScheduleType } from '@cityhealth/shared-types';
import type { Database } from '../../src/db/database.js';
import {
  Account,
  Department,
  Doctor,
  Hospital,
  Patient,
  Person,
  type ScheduleRow,
} from '../../src/db/entities/index.js';
import { insertRows } from '../../src/db/sql/table.js';
import { publishSchedule } from '../../src/core/schedule/publish.js';
import { newId } from '../../src/shared/ids.js';
import { addDays, shanghaiDate } from '../../src/shared/time.js';
import { accountRow, departmentRow, doctorRow, hospitalRow, patientRow, personRow } from './rows.js';

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
    const hospital = hospitalRow({
      id: hospitalId,
      code: `T${hospitalId.slice(-8)}`,
      onlinePayment: !!opts.onlinePayment,
      createdAt: opts.now,
    });
    await insertRows(tx, Hospital, [hospital]);
    const departments = departmentIds.map((id, i) =>
      departmentRow({
        id,
        hospitalId,
        name: `测试科${i + 1}`,
        namePinyin: `ceshike${i + 1}`,
        nameInitials: `csk${i + 1}`,
        sort: i,
      }),
    );
    await insertRows(tx, Department, departments);
    const doctor = doctorRow({
      id: doctorId,
      hospitalId,
      departmentId: departmentIds[0]!,
      name: '李医生',
      namePinyin: 'liyisheng',
      nameInitials: 'lys',
      title: '主任医师',
      specialty: '高血压',
    });
    await insertRows(tx, Doctor, [doctor]);
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
    const idHash = (p: PatientFixture) => crypto.createHash('sha256').update(p.personId).digest('hex');
    await insertRows(
      tx,
      Account,
      out.map((p) => accountRow({ id: p.accountId, createdAt: opts.now })),
    );
    await insertRows(
      tx,
      Person,
      out.map((p) => personRow({ id: p.personId, idHash: idHash(p), createdAt: opts.now })),
    );
    const patients = out.map((p) =>
      patientRow({
        id: p.patientId,
        accountId: p.accountId,
        personId: p.personId,
        idHash: idHash(p),
        verifiedAt,
        createdAt: opts.now,
      }),
    );
    await insertRows(tx, Patient, patients);
  });
  return out;
}

export const idemKey = (): string => crypto.randomUUID();
