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

/** A released, open session with free places at a hospital paid on site (no payment step), or online when asked. */
export async function findOpenSchedule(o: { onlinePayment?: boolean } = {}): Promise<ScheduleSummary> {
  const now = Date.now();
  const { items } = await api.hospitals({ pageSize: 50 });
  for (const h of items.filter((x) => x.onlinePayment === (o.onlinePayment ?? false))) {
    const detail = await api.hospital(h.id);
    for (const d of detail.departments.flatMap((g) => g.children)) {
      const { schedules } = await api.departmentSchedules(d.id);
      const open = schedules.find(
        (s) =>
          s.status === 'open' &&
          s.freeCount > 1 &&
          Date.parse(s.releaseAt) <= now &&
          Date.parse(s.bookingClosesAt) > now,
      );
      if (open) return open;
    }
  }
  throw new Error('no open demo session to book');
}
