import crypto from 'node:crypto';
import { maskIdNumber, type Pii } from '../src/identity/pii.js';
import type { Database } from '../src/db/database.js';
import { Account, Department, Hospital, Patient, Person } from '../src/db/entities/index.js';
import { insertRows } from '../src/db/sql/table.js';
import { publishSchedule } from '../src/core/schedule/publish.js';
import { newId } from '../src/shared/ids.js';
import { addDays, shanghaiDate } from '../src/shared/time.js';
import { makeIdNumber } from '../test/support/identity.js';
import { accountRow, departmentRow, hospitalRow, patientRow, personRow } from '../test/support/rows.js';

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
    const hospital = hospitalRow({
      id: hospitalId,
      code: options.code ?? 'BENCH0001',
      name: '压测医院',
      namePinyin: 'yacheyiyuan',
      nameInitials: 'ycyy',
      address: '压测路 1 号',
      intro: 'benchmark',
      onlinePayment: !!options.onlinePayment,
      demo: true,
      createdAt: now,
    });
    await insertRows(tx, Hospital, [hospital]);
    const rows = departmentIds.map((id, i) =>
      departmentRow({
        id,
        hospitalId,
        name: `科室${i + 1}`,
        namePinyin: `keshi${i + 1}`,
        nameInitials: `ks${i + 1}`,
        sort: i,
      }),
    );
    await insertRows(tx, Department, rows);
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
/** Each bench patient has a phone of its own (its notices go to it), encrypted like a real one. */
let phoneSerial = 0;

/** `realIds`: each with a valid ID number of its own, encrypted as in production (hospitals match by it). */
export async function createPatients(
  db: Database,
  count: number,
  pii: Pii,
  o: { realIds?: boolean } = {},
): Promise<BenchPatient[]> {
  const now = Date.now();
  const out: BenchPatient[] = [];
  const chunk = 5000;
  for (let start = 0; start < count; start += chunk) {
    const part = Array.from({ length: Math.min(chunk, count - start) }, () => ({
      accountId: newId(),
      patientId: newId(),
      personId: newId(),
      hash: crypto.randomBytes(32).toString('hex'),
      phone: `139${String(phoneSerial++).padStart(8, '0')}`,
      idNumber: o.realIds ? makeIdNumber() : null,
    }));
    await db.write(async (tx) => {
      await insertRows(
        tx,
        Account,
        part.map((p) => accountRow({ id: p.accountId, nickname: 'bench', createdAt: now })),
      );
      await insertRows(
        tx,
        Person,
        part.map((p) => personRow({ id: p.personId, idHash: p.hash, createdAt: now })),
      );
      const patients = part.map((p) =>
        patientRow({
          id: p.patientId,
          accountId: p.accountId,
          personId: p.personId,
          idHash: p.hash,
          name: '压测',
          idEnc: p.idNumber ? pii.encrypt('id-number', p.idNumber) : 'bench',
          idMasked: p.idNumber ? maskIdNumber(p.idNumber) : '1101**********0000',
          phoneEnc: pii.encrypt('phone', p.phone),
          phoneMasked: `${p.phone.slice(0, 3)}****${p.phone.slice(-4)}`,
          createdAt: now,
        }),
      );
      await insertRows(tx, Patient, patients);
    });
    out.push(...part.map(({ accountId, patientId }) => ({ accountId, patientId })));
  }
  return out;
}
