import type { Response } from 'supertest';
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
  type SessionOptions,
} from '../support/fixtures.js';
import { staffSession } from '../support/staff.js';
import { phoneApi, type PhoneApi } from './phone-support.js';

/** A phone booking is refused exactly as the same booking in the app: the same status, code, message and details. */
describe.each(databaseKinds())('phone booking rules on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let phone: PhoneApi;

  beforeAll(async () => {
    t = await startTestApp(kind, { env: { BOOKING_MAX_PER_WINDOW: '3', BOOKING_WINDOW_DAYS: '8' } });
    clinic = await createClinic(t.services.db, { now: t.clock.now(), departments: 4 });
    phone = phoneApi(t, await staffSession(t, 'agent'));
  });
  afterAll(async () => t.close());

  const day = (n: number) => addDays(shanghaiDate(t.clock.now()), n);
  const session = (o: Partial<SessionOptions> = {}) =>
    createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 5, ...o });
  const patient = async (o: { verified?: boolean } = {}) =>
    (await createPatients(t.services.db, 1, { now: t.clock.now(), ...o }))[0]!;
  const inApp = async (p: PatientFixture, body: object) =>
    t.http
      .post('/api/v1/orders')
      .set('Authorization', `Bearer ${(await t.services.tokens.issue(p.accountId)).token}`)
      .set('Idempotency-Key', idemKey())
      .send({ patientId: p.patientId, ...body });
  const byPhone = (p: PatientFixture, body: object) => phone.book(p.accountId, { patientId: p.patientId, ...body });
  const refusal = (r: Response) => ({ status: r.status, error: r.body.error });

  /** Both channels refuse the booking alike; returns the phone channel's refusal. */
  async function refusedAlike(p: PatientFixture, body: object) {
    const viaPhone = refusal(await byPhone(p, body));
    expect(refusal(await inApp(p, body))).toEqual(viaPhone);
    expect(viaPhone.status).toBeGreaterThanOrEqual(400);
    return viaPhone;
  }

  it('refuses a second booking of the same department and session, naming the first', async () => {
    const p = await patient();
    const general = await session({ date: day(3), type: 'general' });
    const expert = await session({ date: day(3), type: 'expert' });
    const first = (await byPhone(p, { scheduleId: general.id }).expect(201)).body;
    const r = await refusedAlike(p, { scheduleId: expert.id });
    expect(r).toMatchObject({ status: 409, error: { code: 'DUPLICATE_DEPARTMENT_SESSION' } });
    expect(r.error.details).toMatchObject({ orderId: first.id, orderNo: first.orderNo });
  });

  it('counts phone and app bookings together against the limit per identity', async () => {
    const p = await patient();
    for (const [d, via] of [
      [2, byPhone],
      [3, inApp],
      [4, byPhone],
    ] as const) {
      const s = await session({ date: day(d), departmentId: clinic.departmentIds[1] });
      expect((await via(p, { scheduleId: s.id })).status).toBe(201);
    }
    const s = await session({ date: day(5), departmentId: clinic.departmentIds[1] });
    expect(await refusedAlike(p, { scheduleId: s.id })).toEqual({
      status: 409,
      error: { code: 'BOOKING_LIMIT_REACHED', message: '8 天内最多预约 3 次，已达上限' },
    });
  });

  it('refuses a person suspended for no-shows', async () => {
    const p = await patient();
    const until = t.clock.now() + 30 * 86_400_000;
    await t.services.db.query('UPDATE person SET blacklisted_until = ? WHERE id = ?', [until, p.personId]);
    const s = await session({ date: day(2), departmentId: clinic.departmentIds[2] });
    expect(await refusedAlike(p, { scheduleId: s.id })).toMatchObject({
      status: 403,
      error: { code: 'BLACKLISTED', message: `因多次爽约，${shanghaiDate(until)} 前暂停预约` },
    });
  });

  it('refuses a session not yet released, and a full one', async () => {
    const p = await patient();
    const later = await session({ date: day(7), releaseAt: t.clock.now() + 3600_000 });
    const notYet = await refusedAlike(p, { scheduleId: later.id });
    expect(notYet).toMatchObject({ status: 409, error: { code: 'NOT_YET_RELEASED' } });
    expect(notYet.error.message).toMatch(/^号源将于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 开放预约$/);

    const full = await session({ date: day(2), capacity: 1, departmentId: clinic.departmentIds[3] });
    await byPhone(await patient(), { scheduleId: full.id }).expect(201);
    expect(await refusedAlike(p, { scheduleId: full.id })).toMatchObject({
      status: 409,
      error: { code: 'SLOT_GONE' },
    });
  });

  it('refuses an unverified patient, and a cancellation after the deadline', async () => {
    const unverified = await patient({ verified: false });
    const s = await session({ date: day(2), departmentId: clinic.departmentIds[3], period: 'afternoon' });
    expect(await refusedAlike(unverified, { scheduleId: s.id })).toMatchObject({
      status: 403,
      error: { code: 'REAL_NAME_REQUIRED' },
    });

    const p = await patient();
    const order = (await byPhone(p, { scheduleId: s.id }).expect(201)).body;
    const saved = t.clock.now();
    t.clock.set(Date.parse(order.cancelDeadline) + 60_000);
    try {
      // a day later: the console session has long idled out, so the agent signs in again
      const later = await staffSession(t, 'agent');
      const r = await phoneApi(t, later).cancel(p.accountId, order.id).expect(409);
      expect(r.body.error).toEqual(
        (
          await t.http
            .post(`/api/v1/orders/${order.id}/cancel`)
            .set('Authorization', `Bearer ${(await t.services.tokens.issue(p.accountId)).token}`)
            .send({})
            .expect(409)
        ).body.error,
      );
      expect(r.body.error.code).toBe('CANCEL_DEADLINE_PASSED');
      const trail = await t.services.db.query<{ detail: string }>(
        "SELECT detail FROM audit_event WHERE actor_id = ? AND action = 'phone.order.cancel'",
        [later.login.id],
      );
      expect(trail.map((a) => JSON.parse(a.detail))).toContainEqual({
        orderId: order.id,
        refused: 'CANCEL_DEADLINE_PASSED',
      });
    } finally {
      t.clock.set(saved);
    }
  });
});
