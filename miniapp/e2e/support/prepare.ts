import { randomUUID } from 'node:crypto';
import type { HospitalDetail, HospitalSummary, ScheduleSummary } from '@cityhealth/shared-types';
import { type Api, ApiFailure } from './api.js';

export interface OpenSession {
  hospital: HospitalSummary;
  departmentName: string;
  schedule: ScheduleSummary;
}

const DAY_MS = 86_400_000;
/** A Shanghai calendar date `days` from now. */
const shanghaiDate = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * DAY_MS).toISOString().slice(0, 10);

/**
 * A demo session a new patient can book and still cancel: open, released, untouched, at least two
 * days ahead (the cancel deadline is the day before at 15:00), paid at the hospital (no payment
 * step) unless `onlinePayment`. `pick` chooses among a department's candidates (default: the first).
 */
export async function findOpenSession(
  api: Api,
  o: {
    skipScheduleIds?: Set<string>;
    pick?: (candidates: ScheduleSummary[]) => ScheduleSummary | undefined;
    onlinePayment?: boolean;
  } = {},
): Promise<OpenSession> {
  const earliest = shanghaiDate(2);
  const now = Date.now();
  const { items } = await api.call<{ items: HospitalSummary[] }>('GET', '/api/v1/hospitals?pageSize=50');
  for (const hospital of items.filter((h) => h.onlinePayment === (o.onlinePayment ?? false))) {
    const detail = await api.call<HospitalDetail>('GET', `/api/v1/hospitals/${hospital.id}`);
    for (const department of detail.departments.flatMap((g) => g.children)) {
      const { schedules } = await api.schedules(department.id);
      const candidates = schedules.filter(
        (s) =>
          s.status === 'open' &&
          s.freeCount === s.capacity &&
          s.date >= earliest &&
          Date.parse(s.releaseAt) <= now &&
          Date.parse(s.bookingClosesAt) > now &&
          !o.skipScheduleIds?.has(s.id),
      );
      const schedule = (o.pick ?? ((c) => c[0]))(candidates);
      if (schedule) return { hospital, departmentName: department.name, schedule };
    }
  }
  throw new Error('no open demo session found two or more days ahead');
}

/** A logged-in account of its own with `count` verified patients (mini-program login: no SMS spent). */
export async function accountWithPatients(api: Api, count: number): Promise<{ account: Api; patientIds: string[] }> {
  const account = await api.platformLogin(`e2e-${randomUUID().slice(0, 8)}`);
  const patientIds: string[] = [];
  for (let i = 0; i < count; i++) patientIds.push((await account.addVerifiedPatient(`填号${'甲乙丙丁戊'[i]}`)).id);
  return { account, patientIds };
}

/** Books a session through the API with other people until only `leaveFree` slots are left. */
export async function fillSession(api: Api, schedule: ScheduleSummary, leaveFree: number): Promise<void> {
  let toBook = schedule.freeCount - leaveFree;
  while (toBook > 0) {
    const { account, patientIds } = await accountWithPatients(api, Math.min(5, toBook));
    for (const patientId of patientIds) {
      await account.book(schedule.id, patientId);
      toBook -= 1;
    }
  }
}

/**
 * Books and cancels through the API until the patient's booking limit refuses (cancelled
 * bookings count toward it), so the next booking in the browser meets BOOKING_LIMIT_REACHED.
 */
export async function reachBookingLimit(account: Api, patientId: string, scheduleId: string): Promise<number> {
  for (let made = 0; made < 50; made++) {
    try {
      const order = await account.book(scheduleId, patientId);
      await account.cancel(order.id);
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'BOOKING_LIMIT_REACHED') return made;
      throw e;
    }
  }
  throw new Error('the booking limit was not reached after 50 bookings');
}
