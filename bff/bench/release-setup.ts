import crypto from 'node:crypto';
import type { Database } from '../src/db/database.js';
import { bulkInsert } from '../src/db/sql/bulk-insert.js';
import { publishSchedule } from '../src/core/schedule/publish.js';
import { newId } from '../src/shared/ids.js';
import { addDays, shanghaiDate } from '../src/shared/time.js';

export interface Release {
  hospitalId: string;
  scheduleIds: string[];
  slots: number;
}

/**
 * One hospital releasing `slots` slots at once: sessions of `perSession` slots over departments, days and half-days.
 */
export async function createRelease(
  db: Database,
  slots: number,
  perSession: number,
  releaseAt: number,
  options: { onlinePayment?: boolean; code?: string } = {},
): Promise<Release> {
  const now = Date.now();
  const sessions = Math.ceil(slots / perSession);
  const departments = Math.max(1, Math.ceil(sessions / 14));
  const hospitalId = newId();
  const departmentIds = Array.from({ length: departments }, () => newId());
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
          options.code ?? 'BENCH0001',
          '压测医院',
          'yacheyiyuan',
          'ycyy',
          '3A',
          '东城区',
          '压测路 1 号',
          '010-00000000',
          'benchmark',
          '08:30',
          7,
          options.onlinePayment ? 1 : 0,
          1,
          now,
          now,
        ],
      ],
    );
    await bulkInsert(
      tx,
      'department',
      ['id', 'hospital_id', 'parent_id', 'name', 'name_pinyin', 'name_initials', 'intro', 'sort'],
      departmentIds.map((id, i) => [id, hospitalId, null, `科室${i + 1}`, `keshi${i + 1}`, `ks${i + 1}`, '', i]),
    );
  });
  const scheduleIds: string[] = [];
  const today = shanghaiDate(now);
  let left = slots;
  for (let i = 0; i < sessions; i++) {
    const capacity = Math.min(perSession, left);
    left -= capacity;
    const schedule = await db.write((tx) =>
      publishSchedule(tx, {
        hospitalId,
        departmentId: departmentIds[Math.floor(i / 14)]!,
        date: addDays(today, 2 + (i % 7)),
        period: Math.floor(i / 7) % 2 === 0 ? 'morning' : 'afternoon',
        type: 'general',
        feeFen: 500,
        capacity,
        releaseAt,
        closesBeforeEndMs: 3600_000,
        publishedBy: 'bench',
        now,
      }),
    );
    scheduleIds.push(schedule.id);
  }
  return { hospitalId, scheduleIds, slots };
}

export interface BenchPatient {
  accountId: string;
  patientId: string;
}

/** `count` accounts, each with one verified patient of its own identity. */
export async function createPatients(db: Database, count: number): Promise<BenchPatient[]> {
  const now = Date.now();
  const out: BenchPatient[] = [];
  const chunk = 5000;
  for (let start = 0; start < count; start += chunk) {
    const part = Array.from({ length: Math.min(chunk, count - start) }, () => ({
      accountId: newId(),
      patientId: newId(),
      personId: newId(),
      hash: crypto.randomBytes(32).toString('hex'),
    }));
    await db.write(async (tx) => {
      await bulkInsert(
        tx,
        'account',
        ['id', 'nickname', 'phone_enc', 'phone_hash', 'phone_masked', 'status', 'created_at', 'updated_at'],
        part.map((p) => [p.accountId, 'bench', null, null, null, 'active', now, now]),
      );
      await bulkInsert(
        tx,
        'person',
        ['id', 'id_hash', 'blacklisted_until', 'created_at', 'updated_at'],
        part.map((p) => [p.personId, p.hash, null, now, now]),
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
        part.map((p) => [
          p.patientId,
          p.accountId,
          p.personId,
          '压测',
          'bench',
          p.hash,
          '1101**********0000',
          'bench',
          '138****0000',
          'self',
          'M',
          '1980-01-01',
          now,
          1,
          null,
          now,
          now,
        ]),
      );
    });
    out.push(...part.map(({ accountId, patientId }) => ({ accountId, patientId })));
  }
  return out;
}
