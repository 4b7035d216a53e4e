import { addDays, shanghaiDate } from '../../src/shared/time.js';
import { notificationsOf, withPhone, withWechat } from '../notify/notice-support.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import {
  createClinic,
  createPatients,
  createSession,
  idemKey,
  type Clinic,
  type PatientFixture,
} from '../support/fixtures.js';
import { auth } from '../support/identity.js';
import { auditOf, consoleCaller, type ConsoleCaller } from './console-support.js';

interface OrderView {
  id: string;
  status: string;
  payment: { status: string };
  history: { status: string; actor: string; reason: string | null }[];
}

describe.each(databaseKinds())("the hospital scheduler's view in the console on %s", (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let other: Clinic;
  let scheduler: ConsoleCaller;
  let admin: ConsoleCaller;
  let people: PatientFixture[];
  const tokens: string[] = [];
  let next = 0;

  beforeAll(async () => {
    t = await startTestApp(kind, { listen: true, env: { RATE_BOOKING_PER_IP_MINUTE: '100000' } });
    const now = t.clock.now();
    clinic = await createClinic(t.services.db, { now, onlinePayment: true });
    other = await createClinic(t.services.db, { now });
    scheduler = await consoleCaller(t, 'scheduler', clinic.hospitalId);
    admin = await consoleCaller(t, 'admin');
    people = await createPatients(t.services.db, 12, { now });
    for (const p of people) {
      tokens.push((await t.services.tokens.issue(p.accountId)).token);
      await withWechat(t, p);
    }
  });
  afterAll(async () => t.close());

  const day = (n: number) => addDays(shanghaiDate(t.clock.now()), n);
  const book = async (i: number, scheduleId: string) =>
    (
      await t.http
        .post('/api/v1/orders')
        .set(auth(tokens[i]!))
        .set('Idempotency-Key', idemKey())
        .send({ scheduleId, patientId: people[i]!.patientId })
        .expect(201)
    ).body as OrderView;
  const order = async (i: number, id: string) =>
    (await t.http.get(`/api/v1/orders/${id}`).set(auth(tokens[i]!)).expect(200)).body as OrderView;
  const pay = async (i: number, id: string) => {
    const ticket = (
      await t.http.post(`/api/v1/orders/${id}/pay`).set(auth(tokens[i]!)).send({ channel: 'wechat' }).expect(200)
    ).body;
    const prepayId = String(ticket.params.requestPayment.package).replace('prepay_id=', '');
    await fetch(`${t.sandbox!.url}/wechatpay/sandbox/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prepayId, action: 'pay' }),
    });
    await eventually(
      () => order(i, id),
      (o) => o.status === 'booked',
    );
  };
  const sessions = async (caller: ConsoleCaller, q: string) =>
    (await caller.call('get', `/api/v1/console/sessions?${q}`).expect(200)).body.items as {
      id: string;
      capacity: number;
      booked: number;
      free: number;
      status: string;
    }[];

  it('lists sessions by department and doctor with capacity, booked and free', async () => {
    const morning = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 3, date: day(3) });
    const withDoctor = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 2,
      date: day(3),
      period: 'afternoon',
      doctorId: clinic.doctorId,
    });
    await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 2,
      date: day(3),
      departmentId: clinic.departmentIds[1],
    });
    await createSession(t.services.db, other, { now: t.clock.now(), capacity: 2, date: day(3) });
    await book(next++, morning.id);
    const all = await sessions(scheduler, `from=${day(3)}&to=${day(3)}`);
    expect(all).toHaveLength(3);
    expect(all.find((s) => s.id === morning.id)).toMatchObject({
      capacity: 3,
      booked: 1,
      free: 2,
      status: 'open',
      period: 'morning',
      periodLabel: '上午',
      department: { id: clinic.departmentIds[0], name: '测试科1' },
      doctor: null,
    });
    const byDepartment = await sessions(
      scheduler,
      `from=${day(3)}&to=${day(3)}&departmentId=${clinic.departmentIds[0]}`,
    );
    expect(byDepartment.map((s) => s.id).sort()).toEqual([morning.id, withDoctor.id].sort());
    const byDoctor = await sessions(
      admin,
      `hospitalId=${clinic.hospitalId}&from=${day(3)}&to=${day(3)}&doctorId=${clinic.doctorId}`,
    );
    expect(byDoctor).toEqual([
      expect.objectContaining({ id: withDoctor.id, doctor: { id: clinic.doctorId, name: '李医生' } }),
    ]);
  });

  it('refuses a range over 31 days, a reversed one and an administrator who names no hospital (400)', async () => {
    for (const q of [
      `from=${day(0)}&to=${day(31)}`,
      `from=${day(5)}&to=${day(4)}`,
      `from=2026-02-30&to=${day(1)}`,
      `to=${day(1)}`,
    ]) {
      const res = await scheduler.call('get', `/api/v1/console/sessions?${q}`);
      expect([q, res.status, res.body.error?.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
    }
    await scheduler.call('get', `/api/v1/console/sessions?from=${day(0)}&to=${day(30)}`).expect(200);
    const unnamed = await admin.call('get', `/api/v1/console/sessions?from=${day(0)}&to=${day(1)}`).expect(400);
    expect(unnamed.body.error.message).toBe('请选择医院');
    await admin.call('get', `/api/v1/console/bookings?date=${day(0)}`).expect(400);
  });

  it('stops a session as the interface does: cancelled, paid one refunded, patients told, staff as actor', async () => {
    const session = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 3, date: day(4) });
    const [unpaidBy, paidBy] = [next++, next++];
    const phones = [await withPhone(t, people[unpaidBy]!), await withPhone(t, people[paidBy]!)];
    const unpaid = await book(unpaidBy, session.id);
    const paid = await book(paidBy, session.id);
    await pay(paidBy, paid.id);

    const bad = await scheduler.call('post', `/api/v1/console/sessions/${session.id}/stop`, { reason: ' ' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const stop = await scheduler
      .call('post', `/api/v1/console/sessions/${session.id}/stop`, { reason: '王医生临时外出会诊' })
      .expect(200);
    expect(stop.body).toEqual({
      scheduleId: session.id,
      status: 'stopped',
      changed: true,
      cancelled: 2,
      refunding: 1,
      freeCount: 0,
    });
    const why = { status: 'cancelled', actor: 'staff', reason: 'stop-clinic: 王医生临时外出会诊' };
    const closed = await order(unpaidBy, unpaid.id);
    expect(closed).toMatchObject({ status: 'cancelled', payment: { status: 'closed' } });
    expect(closed.history).toContainEqual(expect.objectContaining(why));
    const refunded = await eventually(
      () => order(paidBy, paid.id),
      (o) => o.payment.status === 'refunded',
    );
    expect(refunded.history).toContainEqual(expect.objectContaining(why));
    const [refund] = await t.services.db.query<{ status: string; amount_fen: unknown }>(
      'SELECT status, amount_fen FROM refund WHERE order_id = ?',
      [paid.id],
    );
    expect([refund!.status, Number(refund!.amount_fen)]).toEqual(['succeeded', 500]);
    const [event] = await t.services.db.query<{ actor_type: string; actor_id: string }>(
      "SELECT actor_type, actor_id FROM order_event WHERE order_id = ? AND to_status = 'cancelled'",
      [unpaid.id],
    );
    expect(event).toEqual({ actor_type: 'staff', actor_id: scheduler.id });
    expect((await auditOf(t, session.id)).map((e) => [e.action, e.actor_type, e.actor_id])).toEqual([
      ['schedule.stop', 'staff', scheduler.id],
    ]);

    await t.services.outbox.runOnce();
    const told = await Promise.all(phones.map((phone) => notificationsOf(t, phone)));
    expect(told[0]!.map((n) => n.kind)).toContain('stop-clinic');
    expect(told[1]!.map((n) => n.kind)).toEqual(expect.arrayContaining(['stop-clinic', 'refunded']));
    expect(await sessions(scheduler, `from=${day(4)}&to=${day(4)}`)).toEqual([
      expect.objectContaining({ id: session.id, status: 'stopped', booked: 0, free: 0 }),
    ]);

    const again = await scheduler
      .call('post', `/api/v1/console/sessions/${session.id}/stop`, { reason: '王医生临时外出会诊' })
      .expect(200);
    expect(again.body).toMatchObject({ changed: false, cancelled: 0, refunding: 0 });

    const resumed = await admin.call('post', `/api/v1/console/sessions/${session.id}/resume`).expect(200);
    expect(resumed.body).toEqual({
      scheduleId: session.id,
      status: 'open',
      changed: true,
      cancelled: 0,
      refunding: 0,
      freeCount: 3,
    });
    await admin.call('post', `/api/v1/console/sessions/${session.id}/resume`).expect(200);
    expect((await auditOf(t, session.id)).map((e) => [e.action, e.actor_id])).toEqual([
      ['schedule.stop', scheduler.id],
      ['schedule.resume', admin.id],
    ]);
    await book(next++, session.id);
    await scheduler.call('post', '/api/v1/console/sessions/nosuchsession/stop', { reason: '停诊' }).expect(404);
  });

  it("lists a day's bookings masked, and marks arrival and no-show as the hospital interface does", async () => {
    const session = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 4,
      date: day(5),
      feeFen: 0,
    });
    const [arrivesBy, missesBy, cancelsBy] = [next++, next++, next++];
    const arrives = await book(arrivesBy, session.id);
    const misses = await book(missesBy, session.id);
    const cancels = await book(cancelsBy, session.id);
    await t.http.post(`/api/v1/orders/${cancels.id}/cancel`).set(auth(tokens[cancelsBy]!)).send({}).expect(200);

    const day5 = (await scheduler.call('get', `/api/v1/console/bookings?date=${day(5)}`).expect(200)).body;
    expect(day5.total).toBe(3);
    expect(day5.items.map((b: { orderId: string }) => b.orderId)).toEqual([arrives.id, misses.id, cancels.id]);
    expect(day5.items[0]).toMatchObject({
      orderNo: expect.any(String),
      status: 'booked',
      statusLabel: '预约成功',
      slotSeq: 1,
      patient: { name: '张*', idNumberMasked: '1101**********1234' },
      department: { name: '测试科1' },
    });
    expect(JSON.stringify(day5)).not.toContain('张三');
    const onlyCancelled = await scheduler
      .call('get', `/api/v1/console/bookings?date=${day(5)}&status=cancelled`)
      .expect(200);
    expect(onlyCancelled.body.items.map((b: { orderId: string }) => b.orderId)).toEqual([cancels.id]);

    const mark = (caller: ConsoleCaller, id: string, status: string) =>
      caller.call('post', `/api/v1/console/bookings/${id}/attendance`, { status });
    const arrived = await mark(scheduler, arrives.id, 'arrived').expect(200);
    expect(arrived.body).toEqual({ orderId: arrives.id, status: 'arrived', changed: true, blacklistedUntil: null });
    expect((await mark(scheduler, arrives.id, 'arrived').expect(200)).body.changed).toBe(false);
    const conflicting = await mark(scheduler, arrives.id, 'noshow');
    expect(conflicting.status).toBe(409);
    const noshow = await mark(admin, misses.id, 'noshow').expect(200);
    expect(noshow.body).toMatchObject({ status: 'noshow', changed: true });
    expect((await mark(admin, misses.id, 'noshow').expect(200)).body.changed).toBe(false);
    expect((await order(arrivesBy, arrives.id)).history).toContainEqual(
      expect.objectContaining({ status: 'arrived', actor: 'staff' }),
    );
    expect((await order(missesBy, misses.id)).status).toBe('noshow');
    expect((await auditOf(t, arrives.id)).filter((e) => e.action === 'booking.attendance')).toEqual([
      expect.objectContaining({ actor_type: 'staff', actor_id: scheduler.id }),
    ]);
    expect((await auditOf(t, misses.id)).filter((e) => e.action === 'booking.attendance')).toEqual([
      expect.objectContaining({ actor_type: 'staff', actor_id: admin.id }),
    ]);

    const bad = await mark(scheduler, misses.id, 'fulfilled');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await mark(scheduler, 'nosuchorder', 'arrived')).status).toBe(404);
    const elsewhere = await createSession(t.services.db, other, { now: t.clock.now(), capacity: 2, date: day(5) });
    const foreign = await book(next++, elsewhere.id);
    const refused = await mark(scheduler, foreign.id, 'arrived');
    expect([refused.status, refused.body.error.code]).toEqual([403, 'STAFF_FORBIDDEN']);
    expect((await mark(admin, foreign.id, 'arrived').expect(200)).body.changed).toBe(true);
  });
});
