import { newId } from '../../../src/shared/ids.js';
import { databaseKinds } from '../../support/databases.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import {
  createClinic,
  createPatients,
  createSession,
  idemKey,
  type Clinic,
  type PatientFixture,
} from '../../support/fixtures.js';
import { addDays, shanghaiDate, shanghaiInstant } from '../../../src/shared/time.js';

describe.each(databaseKinds())('booking rules on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let payClinic: Clinic;
  let p: PatientFixture[];
  const tokens: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind, {
      env: { BOOKING_MAX_PER_WINDOW: '3', BOOKING_WINDOW_DAYS: '8', PAYMENT_WINDOW_MINUTES: '15' },
    });
    clinic = await createClinic(t.services.db, { now: t.clock.now(), departments: 4 });
    payClinic = await createClinic(t.services.db, { now: t.clock.now(), onlinePayment: true });
    p = await createPatients(t.services.db, 8, { now: t.clock.now() });
    for (const x of p) tokens.push((await t.services.tokens.issue(x.accountId)).token);
  });
  afterAll(async () => t.close());

  const day = (n: number) => addDays(shanghaiDate(t.clock.now()), n);
  const book = (i: number, body: object) =>
    t.http
      .post('/api/v1/orders')
      .set('Authorization', `Bearer ${tokens[i]}`)
      .set('Idempotency-Key', idemKey())
      .send({ patientId: p[i]!.patientId, ...body });
  const session = (o: Partial<Parameters<typeof createSession>[2]> & { capacity?: number }, c = clinic) =>
    createSession(t.services.db, c, { now: t.clock.now(), capacity: 5, ...o });

  it('refuses before the release time and says when it opens', async () => {
    const s = await session({ releaseAt: t.clock.now() + 3600_000, date: day(8) });
    const r = await book(0, { scheduleId: s.id }).expect(409);
    expect(r.body.error.code).toBe('NOT_YET_RELEASED');
    expect(r.body.error.message).toMatch(/^号源将于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 开放预约$/);
  });

  it('refuses once booking has closed for the session', async () => {
    // yesterday's session: closed whatever the time of day the suite
    // runs (a session today at 00:00 is still open just after midnight)
    const s = await session({ date: day(-1), startTime: '00:00', endTime: '00:30', closesBeforeEndMs: 0 });
    const r = await book(0, { scheduleId: s.id });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('BOOKING_WINDOW_CLOSED');
  });

  it('requires a verified patient', async () => {
    const [unverified] = await createPatients(t.services.db, 1, { now: t.clock.now(), verified: false });
    const token = (await t.services.tokens.issue(unverified!.accountId)).token;
    const s = await session({ date: day(2) });
    const r = await t.http
      .post('/api/v1/orders')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', idemKey())
      .send({ scheduleId: s.id, patientId: unverified!.patientId })
      .expect(403);
    expect(r.body.error.code).toBe('REAL_NAME_REQUIRED');
  });

  it('allows one booking per identity, department and session, and no overlapping visits', async () => {
    const general = await session({ date: day(3), type: 'general', departmentId: clinic.departmentIds[0] });
    const expert = await session({ date: day(3), type: 'expert', departmentId: clinic.departmentIds[0] });
    const otherDept = await session({ date: day(3), departmentId: clinic.departmentIds[1], capacity: 1 });
    const first = (await book(1, { scheduleId: general.id }).expect(201)).body;
    const dup = await book(1, { scheduleId: expert.id }).expect(409);
    expect(dup.body.error.code).toBe('DUPLICATE_DEPARTMENT_SESSION');
    // The refusal names the booking in the way, so the patient can open it (and pay it).
    expect(dup.body.error.details).toEqual({ orderId: first.id, orderNo: first.orderNo, status: first.status });
    expect(dup.body.error.message).toContain(first.orderNo);
    const overlap = await book(1, { scheduleId: otherDept.id }).expect(409);
    expect(overlap.body.error.code).toBe('VISIT_OVERLAP');
  });

  it('does not show a booking of the same person made under another account', async () => {
    const [owner, relative] = await createPatients(t.services.db, 2, { now: t.clock.now() });
    // The relative's account has added the owner's person (a family member booking for the same patient).
    const shared = newId();
    await t.services.db.query(
      `INSERT INTO patient (id, account_id, person_id, name, id_enc, id_hash, id_masked, phone_enc, phone_masked,
        relation, gender, birth_date, verified_at, live, deleted_at, created_at, updated_at)
        SELECT ?, ?, person_id, name, id_enc, id_hash, id_masked, phone_enc, phone_masked, ?, gender, birth_date,
        verified_at, live, deleted_at, created_at, updated_at FROM patient WHERE id = ?`,
      [shared, relative!.accountId, 'parent', owner!.patientId],
    );
    const a = await session({ date: day(4), type: 'general', departmentId: clinic.departmentIds[3] });
    const b = await session({ date: day(4), type: 'expert', departmentId: clinic.departmentIds[3] });
    const as = async (x: PatientFixture) => `Bearer ${(await t.services.tokens.issue(x.accountId)).token}`;
    await t.http
      .post('/api/v1/orders')
      .set('Authorization', await as(owner!))
      .set('Idempotency-Key', idemKey())
      .send({ patientId: owner!.patientId, scheduleId: a.id })
      .expect(201);
    const r = await t.http
      .post('/api/v1/orders')
      .set('Authorization', await as(relative!))
      .set('Idempotency-Key', idemKey())
      .send({ patientId: shared, scheduleId: b.id })
      .expect(409);
    expect(r.body.error.code).toBe('DUPLICATE_DEPARTMENT_SESSION');
    expect(r.body.error.message).toContain('其他账号');
    expect(r.body.error.details).toBeUndefined();
  });

  it('limits bookings per identity in the window; a patient’s own cancellation still counts', async () => {
    const ids = [] as string[];
    for (let d = 0; d < 3; d++) {
      const s = await session({ date: day(2 + d), departmentId: clinic.departmentIds[2] });
      ids.push((await book(2, { scheduleId: s.id }).expect(201)).body.id);
    }
    await t.http
      .post(`/api/v1/orders/${ids[0]}/cancel`)
      .set('Authorization', `Bearer ${tokens[2]}`)
      .send({})
      .expect(200);
    const s = await session({ date: day(6), departmentId: clinic.departmentIds[2] });
    const r = await book(2, { scheduleId: s.id }).expect(409);
    expect(r.body.error).toEqual({ code: 'BOOKING_LIMIT_REACHED', message: '8 天内最多预约 3 次，已达上限' });
  });

  it('refuses cancellation after the deadline (15:00 the day before)', async () => {
    const s = await session({ date: day(2), departmentId: clinic.departmentIds[3] });
    const order = (await book(3, { scheduleId: s.id }).expect(201)).body;
    const saved = t.clock.now();
    const dayBefore = day(1);
    t.clock.set(shanghaiInstant(dayBefore, '15:01'));
    try {
      const r = await t.http
        .post(`/api/v1/orders/${order.id}/cancel`)
        .set('Authorization', `Bearer ${tokens[3]}`)
        .send({})
        .expect(409);
      expect(r.body.error.code).toBe('CANCEL_DEADLINE_PASSED');
      expect(r.body.error.message).toContain(`${dayBefore} 15:00`);
    } finally {
      t.clock.set(saved);
    }
  });

  it('holds an unpaid booking for the payment window, then returns the slot automatically', async () => {
    const s = await session({ date: day(4), capacity: 1, feeFen: 5000 }, payClinic);
    const order = (await book(4, { scheduleId: s.id }).expect(201)).body;
    expect(order).toMatchObject({ status: 'pending', payment: { status: 'unpaid' }, feeFen: 5000 });
    expect(Date.parse(order.payment.deadline) - t.clock.now()).toBe(15 * 60_000);
    const full = await book(5, { scheduleId: s.id }).expect(409);
    expect(full.body.error.code).toBe('SLOT_GONE');
    expect(await t.services.booking.expireUnpaid()).toBe(0);
    t.clock.advance(15 * 60_000 + 1);
    expect(await t.services.booking.expireUnpaid()).toBe(1);
    const after = await t.http
      .get(`/api/v1/orders/${order.id}`)
      .set('Authorization', `Bearer ${tokens[4]}`)
      .expect(200);
    expect(after.body).toMatchObject({ status: 'cancelled', payment: { status: 'closed' } });
    expect(after.body.history.at(-1)).toMatchObject({
      status: 'cancelled',
      actor: 'system',
      reason: 'payment-timeout',
    });
    await book(5, { scheduleId: s.id }).expect(201);
  });

  it('blacklists after 3 no-shows in 30 days, tells until when, and an administrator can lift it', async () => {
    const orders = [] as string[];
    for (let d = 0; d < 3; d++) {
      const s = await session({ date: day(2 + d), departmentId: clinic.departmentIds[1], period: 'afternoon' });
      orders.push((await book(6, { scheduleId: s.id }).expect(201)).body.id);
    }
    let until: number | undefined;
    for (const id of orders)
      until = (await t.services.booking.recordAttendance(id, 'noshow', { type: 'hospital', id: 'his' }))
        .blacklistedUntil;
    expect(until).toBe(t.clock.now() + 90 * 86_400_000);
    const s = await session({ date: day(5), departmentId: clinic.departmentIds[1] });
    const r = await book(6, { scheduleId: s.id }).expect(403);
    expect(r.body.error.code).toBe('BLACKLISTED');
    expect(r.body.error.message).toBe(`因多次爽约，${shanghaiDate(until!)} 前暂停预约`);
    await t.services.booking.liftBlacklist(p[6]!.personId, { type: 'admin', id: 'admin-1' }, '核实后解除');
    // Lifted: the blacklist no longer applies (the three no-show bookings still count toward the limit of 3).
    const lifted = await book(6, { scheduleId: s.id }).expect(409);
    expect(lifted.body.error.code).toBe('BOOKING_LIMIT_REACHED');
    const audit = await t.services.db.query<{ action: string }>(
      "SELECT action FROM audit_event WHERE action LIKE 'person.blacklist%' ORDER BY at",
    );
    expect(audit.map((a) => a.action)).toEqual(['person.blacklist', 'person.blacklist.lift']);
  });

  it('stops a session (停诊): its bookings are cancelled and nobody can book it', async () => {
    const s = await session({ date: day(7), departmentId: clinic.departmentIds[3] });
    const order = (await book(7, { scheduleId: s.id }).expect(201)).body;
    const cancelled = await t.services.booking.stopSchedule(s.id, { type: 'hospital', id: 'his' }, '专家临时出差');
    expect(cancelled).toMatchObject({ changed: true, cancelled: [order.id], refunding: 0 });
    const after = await t.http
      .get(`/api/v1/orders/${order.id}`)
      .set('Authorization', `Bearer ${tokens[7]}`)
      .expect(200);
    expect(after.body.history.at(-1)).toMatchObject({ status: 'cancelled', actor: 'hospital' });
    const r = await book(7, { scheduleId: s.id }).expect(409);
    expect(r.body.error.code).toBe('SCHEDULE_STOPPED');
    const [{ n }] = (await t.services.db.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM slot WHERE schedule_id = ? AND status = 'busy-unavailable'",
      [s.id],
    )) as [{ n: number }];
    expect(Number(n)).toBe(5);
  });
});
