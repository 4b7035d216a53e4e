import { Department } from '../../src/db/entities/index.js';
import { insertRows } from '../../src/db/sql/table.js';
import { departmentRow } from '../support/rows.js';
import { newId } from '../../src/shared/ids.js';
import { addDays, shanghaiDate } from '../../src/shared/time.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import {
  createClinic,
  createPatients,
  createSession,
  idemKey,
  type Clinic,
  type PatientFixture,
} from '../support/fixtures.js';

interface Summary {
  id: string;
  date: string;
  period: string;
  type: string;
  freeCount: number;
  capacity: number;
  departmentName: string;
  startsAt: string;
}

const CHINESE = /[\u4e00-\u9fa5]/;

describe.each(databaseKinds())('schedule views on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let today: string;
  let patient: PatientFixture;
  let token: string;
  let childId: string;
  const ids = {} as Record<'d5pm' | 'd2am' | 'd2amExpert' | 'd10' | 'child' | 'other', string>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const db = t.services.db;
    const now = t.clock.now();
    today = shanghaiDate(now);
    clinic = await createClinic(db, { now, departments: 2 });
    childId = newId();
    const child = departmentRow({
      id: childId,
      hospitalId: clinic.hospitalId,
      parentId: clinic.departmentIds[0]!,
      name: '心血管内科',
      namePinyin: 'xinxueguanneike',
      nameInitials: 'xxgnk',
      sort: 10,
    });
    await db.write((tx) => insertRows(tx, Department, [child]));
    // Created out of order on purpose: the view sorts by date, period, type.
    ids.d5pm = (await createSession(db, clinic, { now, capacity: 3, date: addDays(today, 5), period: 'afternoon' })).id;
    ids.d2am = (await createSession(db, clinic, { now, capacity: 5, date: addDays(today, 2), period: 'morning' })).id;
    ids.d2amExpert = (
      await createSession(db, clinic, {
        now,
        capacity: 2,
        date: addDays(today, 2),
        period: 'morning',
        type: 'expert',
        feeFen: 10_000,
      })
    ).id;
    ids.d10 = (await createSession(db, clinic, { now, capacity: 4, date: addDays(today, 10) })).id;
    ids.child = (
      await createSession(db, clinic, { now, capacity: 6, date: addDays(today, 3), departmentId: childId })
    ).id;
    ids.other = (
      await createSession(db, clinic, {
        now,
        capacity: 6,
        date: addDays(today, 3),
        departmentId: clinic.departmentIds[1],
      })
    ).id;
    [patient] = (await createPatients(db, 1, { now })) as [PatientFixture];
    token = (await t.services.tokens.issue(patient.accountId)).token;
  });
  afterAll(async () => t.close());

  const view = (departmentId: string, q = '') => t.http.get(`/api/v1/departments/${departmentId}/schedules${q}`);

  it('shows a department’s sessions, today to today + days ahead by default, sorted, with subdepartments', async () => {
    const r = await view(clinic.departmentIds[0]!).expect(200);
    expect(r.headers['cache-control']).toBe('public, max-age=1');
    expect(r.body.department).toEqual({
      id: clinic.departmentIds[0],
      name: '测试科1',
      hospitalId: clinic.hospitalId,
      hospitalName: '测试医院',
      releaseRule: { releaseTime: '08:30', daysAhead: 7 },
    });
    const list: Summary[] = r.body.schedules;
    expect(list.map((s) => s.id)).toEqual([ids.d2am, ids.d2amExpert, ids.child, ids.d5pm]);
    expect(list[0]).toMatchObject({
      date: addDays(today, 2),
      period: 'morning',
      type: 'general',
      feeFen: 500,
      capacity: 5,
      freeCount: 5,
      status: 'open',
      doctor: null,
    });
    expect(list[0]!.startsAt).toMatch(/Z$/);
    expect(list.find((s) => s.id === ids.child)!.departmentName).toBe('心血管内科');
    const child = await view(childId).expect(200);
    expect(child.body.schedules.map((s: Summary) => s.id)).toEqual([ids.child]);
  });

  it('takes an explicit range, up to 31 days', async () => {
    const r = await view(clinic.departmentIds[0]!, `?from=${addDays(today, 5)}&to=${addDays(today, 35)}`).expect(200);
    expect(r.body.schedules.map((s: Summary) => s.id)).toEqual([ids.d5pm, ids.d10]);
    const one = await view(clinic.departmentIds[0]!, `?from=${addDays(today, 10)}&to=${addDays(today, 10)}`).expect(
      200,
    );
    expect(one.body.schedules.map((s: Summary) => s.id)).toEqual([ids.d10]);
    const from = await view(clinic.departmentIds[0]!, `?from=${addDays(today, 3)}`).expect(200);
    expect(from.body.schedules.map((s: Summary) => s.id)).toEqual([ids.child, ids.d5pm, ids.d10]);
  });

  it('refuses bad dates, a start after the end and ranges over 31 days with VALIDATION_FAILED in Chinese', async () => {
    const cases = [
      `?from=${addDays(today, 3)}&to=${addDays(today, 1)}`,
      `?from=${today}&to=${addDays(today, 31)}`,
      `?to=${addDays(today, 40)}`,
      '?from=2026-13-01',
      '?from=2026-02-30',
      '?from=tomorrow',
      `?from=${encodeURIComponent("2026-01-01' OR '1'='1")}`,
    ];
    for (const q of cases) {
      const r = await view(clinic.departmentIds[0]!, q).expect(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.message).toMatch(CHINESE);
    }
  });

  it('shows one session with its slots and free count', async () => {
    const r = await t.http.get(`/api/v1/schedules/${ids.d2am}`).expect(200);
    expect(r.body).toMatchObject({
      id: ids.d2am,
      hospitalName: '测试医院',
      hospitalAddress: '测试路 1 号',
      capacity: 5,
      freeCount: 5,
      departmentName: '测试科1',
    });
    expect(r.body.slots.map((s: { seq: number }) => s.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(r.body.slots.every((s: { status: string }) => s.status === 'free')).toBe(true);
    expect(r.body.slots[0].startsAt).toBe(r.body.startsAt);
    expect(r.body.slots[4].endsAt).toBe(r.body.endsAt);
  });

  it('answers unknown or malformed ids with 404 or 400', async () => {
    const none = '00000000-0000-7000-8000-000000000000';
    expect((await t.http.get(`/api/v1/schedules/${none}`).expect(404)).body.error.code).toBe('NOT_FOUND');
    expect((await view(none).expect(404)).body.error.code).toBe('NOT_FOUND');
    await t.http.get(`/api/v1/schedules/${encodeURIComponent("x' OR 1=1 --")}`).expect(400);
    await view(encodeURIComponent('a b')).expect(400);
  });

  it('shows a booking and a cancellation at once: the booking core invalidates the cached views', async () => {
    await t.http.get(`/api/v1/schedules/${ids.other}`).expect(200);
    await view(clinic.departmentIds[1]!).expect(200);
    const booked = await t.http
      .post('/api/v1/orders')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', idemKey())
      .send({ scheduleId: ids.other, patientId: patient.patientId })
      .expect(201);
    const after = await t.http.get(`/api/v1/schedules/${ids.other}`).expect(200);
    expect(after.body.freeCount).toBe(5);
    expect(after.body.slots[0]).toMatchObject({ seq: 1, status: 'busy' });
    expect((await view(clinic.departmentIds[1]!).expect(200)).body.schedules[0].freeCount).toBe(5);
    await t.http
      .post(`/api/v1/orders/${booked.body.id}/cancel`)
      .set('Authorization', `Bearer ${token}`)
      .send({})
      .expect(200);
    const cancelled = await t.http.get(`/api/v1/schedules/${ids.other}`).expect(200);
    expect(cancelled.body.freeCount).toBe(6);
    expect(cancelled.body.slots[0].status).toBe('free');
  });

  it('serves cached views until invalidated or expired, and shows every busy status as busy', async () => {
    const db = t.services.db;
    await t.http.get(`/api/v1/schedules/${ids.d5pm}`).expect(200);
    await db.write(async (tx) => {
      await tx.query("UPDATE slot SET status = 'busy-tentative' WHERE schedule_id = ? AND seq = 1", [ids.d5pm]);
      await tx.query("UPDATE slot SET status = 'busy-unavailable' WHERE schedule_id = ? AND seq = 2", [ids.d5pm]);
      await tx.query('UPDATE schedule SET free_count = 1 WHERE id = ?', [ids.d5pm]);
    });
    // Written behind the cache's back: still the cached view…
    expect((await t.http.get(`/api/v1/schedules/${ids.d5pm}`).expect(200)).body.freeCount).toBe(3);
    t.services.scheduleViews.invalidateSchedule(ids.d5pm);
    const fresh = await t.http.get(`/api/v1/schedules/${ids.d5pm}`).expect(200);
    expect(fresh.body.freeCount).toBe(1);
    expect(fresh.body.slots.map((s: { status: string }) => s.status)).toEqual(['busy', 'busy', 'free']);

    await db.write((tx) => tx.query('UPDATE schedule SET free_count = 0 WHERE id = ?', [ids.d5pm]));
    expect((await t.http.get(`/api/v1/schedules/${ids.d5pm}`).expect(200)).body.freeCount).toBe(1);
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await t.http.get(`/api/v1/schedules/${ids.d5pm}`).expect(200)).body.freeCount).toBe(0);
  });

  it('shows a stopped session as stopped with nothing free', async () => {
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 2,
      date: addDays(today, 4),
      departmentId: clinic.departmentIds[1],
    });
    await t.services.booking.stopSchedule(s.id, { type: 'hospital', id: 'test' }, '专家临时停诊');
    const r = await t.http.get(`/api/v1/schedules/${s.id}`).expect(200);
    expect(r.body).toMatchObject({ status: 'stopped', freeCount: 0 });
    expect(r.body.slots.every((x: { status: string }) => x.status === 'busy')).toBe(true);
  });
});
