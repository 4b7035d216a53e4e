import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic, createSession } from '../support/fixtures.js';
import { auth, latestSmsCode, makeIdNumber, makePhone } from '../support/identity.js';

/** A new user's whole journey through the patient API, as the mini-program drives it. */
describe.each(databaseKinds())('patient journey on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t.close());

  it('SMS login → patient → real-name → search → schedules → book → list → cancel', async () => {
    const clinic = await createClinic(t.services.db, { now: t.clock.now() });
    const session = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 10,
      doctorId: clinic.doctorId,
      type: 'expert',
    });

    const phone = makePhone();
    await t.http.post('/api/v1/auth/sms/send').send({ phone }).expect(200);
    const login = await t.http
      .post('/api/v1/auth/sms/login')
      .send({ phone, code: await latestSmsCode(t, phone) })
      .expect(200);
    const me = auth(login.body.token);
    expect(login.body.account.phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);

    const patient = await t.http
      .post('/api/v1/patients')
      .set(me)
      .send({ name: '王五', idNumber: makeIdNumber(), phone, relation: 'self' })
      .expect(201);
    expect(patient.body.verified).toBe(false);
    const refused = await t.http
      .post('/api/v1/orders')
      .set(me)
      .set('Idempotency-Key', 'journey-unverified')
      .send({ scheduleId: session.id, patientId: patient.body.id })
      .expect(403);
    expect(refused.body.error.code).toBe('REAL_NAME_REQUIRED');
    const verified = await t.http.post(`/api/v1/patients/${patient.body.id}/verify`).set(me).expect(200);
    expect(verified.body.verified).toBe(true);

    const found = await t.http.get('/api/v1/search').query({ q: 'csyy' }).expect(200);
    expect(found.body.hospitals.map((h: { id: string }) => h.id)).toContain(clinic.hospitalId);
    const hospital = await t.http.get(`/api/v1/hospitals/${clinic.hospitalId}`).expect(200);
    const departmentIds = hospital.body.departments.flatMap((g: { id: string; children: { id: string }[] }) => [
      g.id,
      ...g.children.map((c) => c.id),
    ]);
    expect(departmentIds).toContain(clinic.departmentIds[0]);
    const schedules = await t.http.get(`/api/v1/departments/${clinic.departmentIds[0]}/schedules`).expect(200);
    const listed = schedules.body.schedules.find((s: { id: string }) => s.id === session.id);
    expect(listed).toMatchObject({ freeCount: 10, type: 'expert', doctor: { name: '李医生' } });
    const detail = await t.http.get(`/api/v1/schedules/${session.id}`).expect(200);
    expect(detail.body.slots).toHaveLength(10);

    const order = await t.http
      .post('/api/v1/orders')
      .set(me)
      .set('Idempotency-Key', 'journey-booking-1')
      .send({ scheduleId: session.id, patientId: patient.body.id })
      .expect(201);
    expect(order.body).toMatchObject({
      status: 'booked',
      patient: { name: '王五' },
      slot: { seq: 1 },
      doctor: { name: '李医生' },
    });
    expect((await t.http.get(`/api/v1/schedules/${session.id}`).expect(200)).body.freeCount).toBe(9);
    const mine = await t.http.get('/api/v1/orders').set(me).expect(200);
    expect(mine.body).toMatchObject({ total: 1, items: [{ id: order.body.id, statusLabel: '预约成功' }] });

    const cancelled = await t.http
      .post(`/api/v1/orders/${order.body.id}/cancel`)
      .set(me)
      .send({ reason: '已好转' })
      .expect(200);
    expect(cancelled.body.history.map((h: { status: string }) => h.status)).toEqual(['booked', 'cancelled']);
    expect((await t.http.get(`/api/v1/schedules/${session.id}`).expect(200)).body.freeCount).toBe(10);
    const history = await t.http.get('/api/v1/orders?status=history').set(me).expect(200);
    expect(history.body.items.map((o: { id: string }) => o.id)).toEqual([order.body.id]);
  });
});
