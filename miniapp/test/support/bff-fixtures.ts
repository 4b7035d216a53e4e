import { acceptedVersions } from '../../src/features/agreements';
import type { Patient, ScheduleSummary } from '@cityhealth/shared-types';
import { checkCharacter } from '@cityhealth/shared-types/id-number';
import Taro from './taro-api';
import { api } from '../../src/api';

/* Accounts and patients made through the real BFF (sandbox identity services) for page tests. */

let counter = Math.floor(Math.random() * 1_000_000);
const unique = () => `${process.pid}-${++counter}`;

export const makePhone = (): string => `136${String((process.pid * 1000 + ++counter) % 100_000_000).padStart(8, '0')}`;

/** A well-formed ID number (GB 11643 checksum) that no other test uses. */
export function makeIdNumber(): string {
  const n = ++counter + process.pid;
  const birth = new Date(Date.UTC(1950, 0, 1) + (n % 20_000) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const first17 = `110105${birth}${String(n % 998).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/**
 * Logs in as a fresh WeChat user through the sandbox login service, agreeing to the agreements in force
 * as the login page does; the session is stored as the app stores it.
 */
export async function loginAsNewUser(): Promise<void> {
  const agreements = acceptedVersions((await api.agreements()).items);
  await api.loginWithPlatform('weapp', `sandbox:page-test-${unique()}`, agreements ?? undefined);
}

/** The latest SMS code the sandbox delivered to a phone. */
export async function latestSmsCode(phone: string): Promise<string> {
  const res = await Taro.request({ url: `${__API_BASE__}/sandbox/sms/outbox?phone=${phone}` });
  const code = (res.data as { items: { templateParam?: { code?: string } }[] }).items[0]?.templateParam?.code;
  if (!code) throw new Error(`no SMS delivered to ${phone}`);
  return code;
}

/** Adds a patient by 居民身份证, verified in the same request as the form does it. */
export async function addVerifiedPatient(name: string): Promise<Patient> {
  return api.addPatient({
    documentType: 'id-card',
    name,
    idNumber: makeIdNumber(),
    phone: makePhone(),
    relation: 'self',
  });
}

/**
 * A released, open session with free places at a hospital paid on site (no payment step), or online
 * when asked; `daysAhead`: dated at least that many days from today (its waitlist still open).
 */
export async function findOpenSchedule(
  o: { onlinePayment?: boolean; daysAhead?: number } = {},
): Promise<ScheduleSummary> {
  const now = Date.now();
  const earliest = new Date(now + 8 * 3600_000 + (o.daysAhead ?? 0) * 86_400_000).toISOString().slice(0, 10);
  const { items } = await api.hospitals({ pageSize: 50 });
  for (const h of items.filter((x) => x.onlinePayment === (o.onlinePayment ?? false))) {
    const detail = await api.hospital(h.id);
    for (const d of detail.departments.flatMap((g) => g.children)) {
      const { schedules } = await api.departmentSchedules(d.id);
      const open = schedules.find(
        (s) =>
          s.status === 'open' &&
          s.freeCount > 1 &&
          s.date >= earliest &&
          Date.parse(s.releaseAt) <= now &&
          Date.parse(s.bookingClosesAt) > now,
      );
      if (open) return open;
    }
  }
  throw new Error('no open demo session to book');
}

/**
 * An open session booked full by other, fresh accounts (five patients each, one booking per
 * patient); the session stays logged in as the last of them, so log in again afterwards.
 */
export async function fillSession(session?: ScheduleSummary): Promise<ScheduleSummary> {
  const s = session ?? (await findOpenSchedule({ daysAhead: 2 }));
  for (let left = s.freeCount; left > 0; ) {
    await loginAsNewUser();
    for (let i = 0; i < 5 && left > 0; i++, left--) {
      const p = await addVerifiedPatient(`先约${'甲乙丙丁戊'[i]}`);
      await api.book({ scheduleId: s.id, patientId: p.id }, `fill-${unique()}`);
    }
  }
  const { schedules } = await api.departmentSchedules(s.departmentId, { from: s.date, to: s.date });
  return schedules.find((x) => x.id === s.id)!;
}

/** A department's day (two or more days ahead) with two or more open sessions, each booked full by others. */
export async function fillDepartmentDay(): Promise<{
  departmentId: string;
  date: string;
  sessions: ScheduleSummary[];
}> {
  const now = Date.now();
  const earliest = new Date(now + 8 * 3600_000 + 2 * 86_400_000).toISOString().slice(0, 10);
  const { items } = await api.hospitals({ pageSize: 50 });
  for (const h of items.filter((x) => !x.onlinePayment)) {
    const detail = await api.hospital(h.id);
    for (const d of detail.departments.flatMap((g) => g.children)) {
      const { schedules } = await api.departmentSchedules(d.id);
      const open = schedules.filter(
        (s) => s.status === 'open' && s.freeCount > 0 && s.date >= earliest && Date.parse(s.releaseAt) <= now,
      );
      const date = open.map((s) => s.date).find((day) => open.filter((s) => s.date === day).length >= 2);
      if (!date) continue;
      const day = schedules.filter((s) => s.date === date);
      if (day.some((s) => !open.includes(s))) continue;
      const sessions: ScheduleSummary[] = [];
      for (const s of day) sessions.push(await fillSession(s));
      return { departmentId: d.id, date, sessions };
    }
  }
  throw new Error('no department day with two open sessions to fill');
}

/** A released, open session of a named doctor (ScheduleSummary.doctor set), at any demo hospital. */
export async function findDoctorSchedule(): Promise<
  ScheduleSummary & { doctor: NonNullable<ScheduleSummary['doctor']> }
> {
  const now = Date.now();
  const { items } = await api.hospitals({ pageSize: 20 });
  for (const h of items) {
    const detail = await api.hospital(h.id);
    for (const d of detail.departments.flatMap((g) => g.children)) {
      const { schedules } = await api.departmentSchedules(d.id);
      const open = schedules.find(
        (s) =>
          s.doctor !== null &&
          s.status === 'open' &&
          s.freeCount > 0 &&
          Date.parse(s.releaseAt) <= now &&
          Date.parse(s.bookingClosesAt) > now,
      );
      if (open?.doctor) return { ...open, doctor: open.doctor };
    }
  }
  throw new Error('no open demo session of a named doctor');
}
