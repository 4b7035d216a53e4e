import { Doctor } from '../../src/db/entities/index.js';
import { insertRows } from '../../src/db/sql/table.js';
import { newId } from '../../src/shared/ids.js';
import { addDays, shanghaiDate } from '../../src/shared/time.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic, createPatients, createSession, idemKey, type Clinic } from '../support/fixtures.js';
import { doctorRow } from '../support/rows.js';

interface Summary {
  id: string;
  date: string;
  freeCount: number;
  releaseAt: string;
  doctor: { id: string; name: string } | null;
}

const HOUR = 3600_000;

describe.each(databaseKinds())('a doctor with their sessions on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let today: string;
  let otherDoctor: string;
  const ids = {} as Record<'d1' | 'd3' | 'unreleased' | 'inOtherDepartment' | 'beyond' | 'nobody' | 'other', string>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const db = t.services.db;
    const now = t.clock.now();
    today = shanghaiDate(now);
    clinic = await createClinic(db, { now, departments: 2 });
    otherDoctor = newId();
    await db.write((tx) =>
      insertRows(tx, Doctor, [
        doctorRow({
          id: otherDoctor,
          hospitalId: clinic.hospitalId,
          departmentId: clinic.departmentIds[0]!,
          name: '王医生',
          namePinyin: 'wangyisheng',
          nameInitials: 'wys',
        }),
      ]),
    );
    const doctorId = clinic.doctorId;
    const session = async (o: Parameters<typeof createSession>[2]) => (await createSession(db, clinic, o)).id;
    ids.d3 = await session({ now, capacity: 4, doctorId, date: addDays(today, 3), type: 'expert', feeFen: 10_000 });
    ids.d1 = await session({ now, capacity: 3, doctorId, date: addDays(today, 1) });
    ids.unreleased = await session({ now, capacity: 2, doctorId, date: addDays(today, 6), releaseAt: now + 5 * HOUR });
    ids.inOtherDepartment = await session({
      now,
      capacity: 2,
      doctorId,
      date: addDays(today, 4),
      departmentId: clinic.departmentIds[1],
    });
    ids.beyond = await session({ now, capacity: 2, doctorId, date: addDays(today, 20) });
    ids.nobody = await session({ now, capacity: 5, date: addDays(today, 1) });
    ids.other = await session({ now, capacity: 5, doctorId: otherDoctor, date: addDays(today, 1) });
  });
  afterAll(async () => t.close());

  const view = (doctorId: string, q = '') => t.http.get(`/api/v1/doctors/${doctorId}/schedules${q}`);

  it('shows who the doctor is and where, with their own sessions over the coming days in order', async () => {
    const r = await view(clinic.doctorId).expect(200);
    expect(r.headers['cache-control']).toBe('public, max-age=1');
    expect(r.body.doctor).toEqual({
      id: clinic.doctorId,
      name: '李医生',
      title: '主任医师',
      specialty: '高血压',
      intro: expect.any(String),
      departmentId: clinic.departmentIds[0],
      departmentName: '测试科1',
      hospitalId: clinic.hospitalId,
      hospitalName: '测试医院',
      releaseRule: { releaseTime: '08:30', daysAhead: 7 },
    });
    const list: Summary[] = r.body.schedules;
    // Today .. today + 7 (the hospital's days ahead), in every department the doctor sits in.
    expect(list.map((s) => s.id)).toEqual([ids.d1, ids.d3, ids.inOtherDepartment, ids.unreleased]);
    expect(list.every((s) => s.doctor?.id === clinic.doctorId)).toBe(true);
    const unreleased = list.find((s) => s.id === ids.unreleased)!;
    expect(Date.parse(unreleased.releaseAt)).toBe(t.clock.now() + 5 * HOUR);
  });

  it('takes an explicit range and refuses a bad one in Chinese', async () => {
    const r = await view(clinic.doctorId, `?from=${addDays(today, 10)}&to=${addDays(today, 25)}`).expect(200);
    expect(r.body.schedules.map((s: Summary) => s.id)).toEqual([ids.beyond]);
    const bad = await view(clinic.doctorId, `?from=${addDays(today, 3)}&to=${addDays(today, 1)}`).expect(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: '开始日期不能晚于结束日期' });
  });

  it('answers an unknown doctor with 404 in Chinese and a malformed id with 400', async () => {
    const none = await view('00000000-0000-7000-8000-000000000000').expect(404);
    expect(none.body.error).toEqual({ code: 'NOT_FOUND', message: '医生不存在' });
    await view(encodeURIComponent("x' OR 1=1 --")).expect(400);
  });

  it('shows a booking at once: the booking core drops the cached doctor view', async () => {
    const [patient] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    const token = (await t.services.tokens.issue(patient!.accountId)).token;
    const before = await view(clinic.doctorId).expect(200);
    expect(before.body.schedules[0]).toMatchObject({ id: ids.d1, freeCount: 3 });
    await t.http
      .post('/api/v1/orders')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', idemKey())
      .send({ scheduleId: ids.d1, patientId: patient!.patientId })
      .expect(201);
    expect((await view(clinic.doctorId).expect(200)).body.schedules[0]).toMatchObject({ id: ids.d1, freeCount: 2 });
  });

  it('shows a newly published session once its department is invalidated', async () => {
    await view(clinic.doctorId).expect(200);
    const added = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 2,
      doctorId: clinic.doctorId,
      date: addDays(today, 2),
    });
    t.services.scheduleViews.invalidateDepartment(clinic.departmentIds[0]!);
    const r = await view(clinic.doctorId).expect(200);
    expect(r.body.schedules.map((s: Summary) => s.id)).toContain(added.id);
  });
});
