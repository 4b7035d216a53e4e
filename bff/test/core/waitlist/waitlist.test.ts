import { addDays, shanghaiDate, shanghaiInstant } from '../../../src/shared/time.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { bookThroughApi } from '../../support/booking.js';
import { databaseKinds } from '../../support/databases.js';
import {
  createClinic,
  createPatients,
  createSession,
  type Clinic,
  type PatientFixture,
} from '../../support/fixtures.js';
import { auth } from '../../support/identity.js';

/* 候补: joining, the queue served from freed slots under every rule, leaving, closing, the notices. */

describe.each(databaseKinds())('the waitlist on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let department = 0;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp(kind, { env: { RATE_BOOKING_PER_IP_MINUTE: '100000' } });
    clinic = await createClinic(t.services.db, { now: t.clock.now(), onlinePayment: true, departments: 20 });
  });
  afterAll(() => t.close());

  const tokenOf = async (p: PatientFixture) => {
    if (!tokens.has(p.accountId)) tokens.set(p.accountId, (await t.services.tokens.issue(p.accountId)).token);
    return tokens.get(p.accountId)!;
  };
  const join = async (p: PatientFixture, body: Record<string, unknown>) =>
    t.http
      .post('/api/v1/waitlist')
      .set(auth(await tokenOf(p)))
      .send({ patientId: p.patientId, ...body });
  const list = async (p: PatientFixture) =>
    (await t.http.get('/api/v1/waitlist').set(auth(await tokenOf(p)))).body.items as {
      id: string;
      status: string;
      position: number | null;
      orderId: string | null;
      note: string;
    }[];
  const leave = async (p: PatientFixture, id: string) =>
    t.http
      .post(`/api/v1/waitlist/${id}/leave`)
      .set(auth(await tokenOf(p)))
      .send({});
  const cancel = async (p: PatientFixture, orderId: string) =>
    t.http
      .post(`/api/v1/orders/${orderId}/cancel`)
      .set(auth(await tokenOf(p)))
      .send({});
  const count = async (sql: string, params: unknown[]) =>
    Number((await t.services.db.query<{ n: unknown }>(sql, params))[0]!.n);
  const waitingCount = async (scheduleId: string) =>
    count('SELECT waiting_count AS n FROM schedule WHERE id = ?', [scheduleId]);

  /** A session of its own department, booked full by `capacity` patients; answers it and their orders. */
  async function fullSession(
    capacity: number,
    o: { date?: string; period?: 'morning' | 'afternoon'; departmentId?: string } = {},
  ) {
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity,
      departmentId: o.departmentId ?? clinic.departmentIds[department++],
      date: o.date,
      period: o.period,
    });
    const holders = await createPatients(t.services.db, capacity, { now: t.clock.now() });
    const orders: string[] = [];
    for (const h of holders) orders.push(await bookThroughApi(t, h, s.id));
    return { s, holders, orders };
  }

  it('is for a full session only, one place per patient, with the place in the queue shown', async () => {
    const open = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 3,
      departmentId: clinic.departmentIds[department++],
    });
    const [a, b] = await createPatients(t.services.db, 2, { now: t.clock.now() });
    const notFull = await join(a!, { scheduleId: open.id });
    expect([notFull.status, notFull.body.error.code]).toEqual([409, 'WAITLIST_NOT_FULL']);
    expect(notFull.body.error.message).toBe('该时段尚有余号，请直接预约');

    const { s } = await fullSession(1);
    const first = await join(a!, { scheduleId: s.id });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'waiting', statusLabel: '候补中', position: 1, orderId: null });
    expect(first.body.sessions).toHaveLength(1);
    const second = await join(b!, { scheduleId: s.id });
    expect(second.body.position).toBe(2);
    const again = await join(a!, { scheduleId: s.id });
    expect([again.status, again.body.error.code]).toEqual([409, 'WAITLIST_DUPLICATE']);
    expect(await waitingCount(s.id)).toBe(2);
  });

  it('refuses what booking would refuse: unverified, suspended, already booked there, too many waitlists', async () => {
    const { s, holders } = await fullSession(1);
    const [unverified] = await createPatients(t.services.db, 1, { now: t.clock.now(), verified: false });
    expect((await join(unverified!, { scheduleId: s.id })).body.error.code).toBe('REAL_NAME_REQUIRED');
    const booked = await join(holders[0]!, { scheduleId: s.id });
    expect([booked.status, booked.body.error.code]).toEqual([409, 'WAITLIST_ALREADY_BOOKED']);

    const [busy] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    for (let i = 0; i < 3; i++)
      expect((await join(busy!, { scheduleId: (await fullSession(1)).s.id })).status).toBe(201);
    const fourth = await join(busy!, { scheduleId: s.id });
    expect([fourth.status, fourth.body.error.code]).toEqual([409, 'WAITLIST_LIMIT_REACHED']);
    expect(fourth.body.error.message).toContain('最多同时候补 3 个');

    const [suspended] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    await t.services.db.write((tx) =>
      tx.query('UPDATE person SET blacklisted_until = ? WHERE id = ?', [
        t.clock.now() + 86_400_000,
        suspended!.personId,
      ]),
    );
    expect((await join(suspended!, { scheduleId: s.id })).body.error.code).toBe('BLACKLISTED');
  });

  it('answers bad input with 400 and an unknown session with 404', async () => {
    const [p] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    const neither = await join(p!, {});
    expect([neither.status, neither.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const halfDay = await join(p!, { departmentId: clinic.departmentIds[0] });
    expect(halfDay.status).toBe(400);
    const unknown = await join(p!, { scheduleId: '0190a000-0000-7000-8000-000000000000' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await leave(p!, '0190a000-0000-7000-8000-000000000000')).status).toBe(404);
  });

  it('gives a freed slot to the head of the queue, held for payment; a patient asking for it is refused', async () => {
    const { s, holders, orders } = await fullSession(2);
    const waiters = await createPatients(t.services.db, 2, { now: t.clock.now() });
    for (const w of waiters) expect((await join(w, { scheduleId: s.id })).status).toBe(201);
    const [direct] = await createPatients(t.services.db, 1, { now: t.clock.now() });

    expect((await cancel(holders[0]!, orders[0]!)).status).toBe(200);
    // asked for at the moment it is freed: the slot is the queue's
    const asked = await t.http
      .post('/api/v1/orders')
      .set(auth(await tokenOf(direct!)))
      .set('Idempotency-Key', crypto.randomUUID())
      .send({ scheduleId: s.id, patientId: direct!.patientId });
    expect([asked.status, asked.body.error?.code]).toEqual([409, 'SLOT_GONE']);
    await t.services.waitlist.queue.idle();

    const [served] = await list(waiters[0]!);
    expect(served).toMatchObject({ status: 'booked', statusLabel: '候补成功', position: null });
    const order = await t.http.get(`/api/v1/orders/${served!.orderId}`).set(auth(await tokenOf(waiters[0]!)));
    expect(order.body).toMatchObject({ status: 'pending', patient: { id: waiters[0]!.patientId } });
    expect(order.body.payment.deadline).not.toBeNull();
    expect(order.body.history[0]).toMatchObject({ actor: 'system', reason: 'waitlist' });
    expect((await list(waiters[1]!))[0]).toMatchObject({ status: 'waiting', position: 1 });
    expect(await waitingCount(s.id)).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM booking_order WHERE schedule_id = ? AND live = 1', [s.id])).toBe(2);

    // unpaid within the window: the booking lapses and the slot goes to the next in the queue
    t.clock.advance(t.config.rules.paymentWindowMs + 1000);
    expect(await t.services.booking.expireUnpaid()).toBeGreaterThanOrEqual(1);
    await t.services.waitlist.queue.idle();
    expect((await list(waiters[0]!))[0]).toMatchObject({ status: 'ended', endReason: 'unpaid' });
    expect((await list(waiters[1]!))[0]).toMatchObject({ status: 'booked' });
    expect(await waitingCount(s.id)).toBe(0);
  });

  it('books a turn under the rules of the moment: a place refused ends, told why; the next is served', async () => {
    const { s, holders, orders } = await fullSession(1);
    const [late, next] = await createPatients(t.services.db, 2, { now: t.clock.now() });
    await join(late!, { scheduleId: s.id });
    await join(next!, { scheduleId: s.id });
    await t.services.db.write((tx) =>
      tx.query('UPDATE person SET blacklisted_until = ? WHERE id = ?', [t.clock.now() + 86_400_000, late!.personId]),
    );
    await cancel(holders[0]!, orders[0]!);
    await t.services.waitlist.queue.idle();

    const [refused] = await list(late!);
    expect(refused).toMatchObject({ status: 'ended', endReason: 'refused' });
    expect(refused!.note).toContain('暂停预约');
    expect((await list(next!))[0]).toMatchObject({ status: 'booked' });

    // (earlier tests' expired bookings served other waitlists too: counted, not asserted here)
    expect(await t.services.waitlist.queue.tellEnded()).toBeGreaterThanOrEqual(1);
    expect(await t.services.waitlist.queue.tellEnded()).toBe(0);
    const notices = await t.services.db.query<{ kind: string; order_id: string }>(
      "SELECT kind, order_id FROM notice WHERE account_id = ? AND kind = 'waitlist-ended'",
      [late!.accountId],
    );
    expect(notices).toEqual([{ kind: 'waitlist-ended', order_id: refused!.id }]);
  });

  it('waits on every full session of a department’s day and is booked once', async () => {
    const departmentId = clinic.departmentIds[department++];
    const date = addDays(shanghaiDate(t.clock.now()), 3);
    const morning = await fullSession(1, { departmentId, date, period: 'morning' });
    const afternoon = await fullSession(1, { departmentId, date, period: 'afternoon' });
    const [p] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    const joined = await join(p!, { departmentId, date });
    expect(joined.status).toBe(201);
    expect(joined.body.sessions.map((x: { period: string }) => x.period)).toEqual(['morning', 'afternoon']);

    await cancel(afternoon.holders[0]!, afternoon.orders[0]!);
    await t.services.waitlist.queue.idle();
    const [w] = await list(p!);
    expect(w).toMatchObject({ status: 'booked' });
    expect((w as unknown as { sessions: { status: string }[] }).sessions.map((x) => x.status)).toEqual([
      'ended',
      'booked',
    ]);
    expect(await waitingCount(morning.s.id)).toBe(0);
    // the morning's freed slot is anyone's now
    await cancel(morning.holders[0]!, morning.orders[0]!);
    await t.services.waitlist.queue.idle();
    expect(await count('SELECT free_count AS n FROM schedule WHERE id = ?', [morning.s.id])).toBe(1);
  });

  it('is left by the patient (twice changes nothing), and the slot it held goes on to the next', async () => {
    const { s, holders, orders } = await fullSession(1);
    const [a, b] = await createPatients(t.services.db, 2, { now: t.clock.now() });
    const joined = await join(a!, { scheduleId: s.id });
    await join(b!, { scheduleId: s.id });
    const left = await leave(a!, joined.body.id);
    expect(left.body).toMatchObject({ status: 'ended', endReason: 'left', note: '已取消候补' });
    expect((await leave(a!, joined.body.id)).body.status).toBe('ended');
    expect(await waitingCount(s.id)).toBe(1);
    expect((await list(b!))[0]!.position).toBe(1);
    await cancel(holders[0]!, orders[0]!);
    await t.services.waitlist.queue.idle();
    const [served] = await list(b!);
    expect(served!.status).toBe('booked');
    const refused = await leave(b!, served!.id);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'WAITLIST_NOT_WAITING']);
    // another account's waitlist is not found
    expect((await leave(a!, served!.id)).status).toBe(404);
  });

  it('closes the evening before the visit: the places end unserved and the patient is told once', async () => {
    const date = addDays(shanghaiDate(t.clock.now()), 5);
    const { s } = await fullSession(1, { date });
    const [p] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    const joined = await join(p!, { scheduleId: s.id });
    expect(joined.body.closesAt).toBe(new Date(shanghaiInstant(addDays(date, -1), '20:00')).toISOString());

    const before = t.clock.now();
    t.clock.set(shanghaiInstant(addDays(date, -1), '20:00'));
    try {
      expect(await t.services.waitlist.queue.close()).toBeGreaterThanOrEqual(1);
      expect((await list(p!))[0]).toMatchObject({ status: 'ended', endReason: 'closed' });
      expect(await waitingCount(s.id)).toBe(0);
      const [q] = await createPatients(t.services.db, 1, { now: t.clock.now() });
      expect((await join(q!, { scheduleId: s.id })).body.error.code).toBe('WAITLIST_CLOSED');
      expect(await t.services.waitlist.queue.tellEnded()).toBeGreaterThanOrEqual(1);
      expect(
        await count("SELECT COUNT(*) AS n FROM notice WHERE account_id = ? AND kind = 'waitlist-ended'", [
          p!.accountId,
        ]),
      ).toBe(1);
    } finally {
      t.clock.set(before);
    }
  });

  it('serves a raised capacity to the queue first, and leaves the rest to anyone', async () => {
    const { s } = await fullSession(1);
    const waiters = await createPatients(t.services.db, 2, { now: t.clock.now() });
    for (const w of waiters) await join(w, { scheduleId: s.id });
    // three more slots, as a hospital's schedule change adds them
    await t.services.db.write(async (tx) => {
      for (let seq = 2; seq <= 4; seq++)
        await tx.query(
          `INSERT INTO slot (id, schedule_id, seq, starts_at, ends_at, status, version, updated_at)
            SELECT ?, id, ?, starts_at + ?, starts_at + ?, 'free', 1, ? FROM schedule WHERE id = ?`,
          [crypto.randomUUID(), seq, (seq - 1) * 600_000, seq * 600_000, t.clock.now(), s.id],
        );
      await tx.query('UPDATE schedule SET capacity = 4, free_count = 3 WHERE id = ?', [s.id]);
    });
    expect(await t.services.waitlist.queue.sweep()).toBe(1);
    await t.services.waitlist.queue.idle();
    for (const w of waiters) expect((await list(w))[0]!.status).toBe('booked');
    expect(await count('SELECT free_count AS n FROM schedule WHERE id = ?', [s.id])).toBe(1);
    const [direct] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    await bookThroughApi(t, direct!, s.id);
  });

  it('serves the queue when a stopped session is resumed (停诊 lifted)', async () => {
    const { s } = await fullSession(2);
    const [w] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    await join(w!, { scheduleId: s.id });
    const hospital = { type: 'hospital' as const, id: clinic.hospitalId };
    expect((await t.services.booking.stopSchedule(s.id, hospital, '专家临时出差')).cancelled).toHaveLength(2);
    expect((await list(w!))[0]!.status).toBe('waiting');
    await t.services.booking.resumeSchedule(s.id, hospital);
    await t.services.waitlist.queue.idle();
    expect((await list(w!))[0]).toMatchObject({ status: 'booked' });
    expect(await count('SELECT free_count AS n FROM schedule WHERE id = ?', [s.id])).toBe(1);
  });
});
