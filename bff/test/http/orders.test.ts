import { databaseKinds } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { addDays, shanghaiDate } from '../../src/shared/time.js';
import {
  createClinic,
  createPatients,
  createSession,
  idemKey,
  type Clinic,
  type PatientFixture,
} from '../support/fixtures.js';

describe.each(databaseKinds())('orders API on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let alice = {} as PatientFixture;
  let bob = {} as PatientFixture;
  let aliceToken: string;
  let bobToken: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const db = t.services.db;
    clinic = await createClinic(db, { now: t.clock.now(), departments: 3 });
    [alice, bob] = (await createPatients(db, 2, { now: t.clock.now() })) as [PatientFixture, PatientFixture];
    aliceToken = (await t.services.tokens.issue(alice!.accountId)).token;
    bobToken = (await t.services.tokens.issue(bob!.accountId)).token;
  });
  afterAll(async () => t.close());

  const book = (token: string, body: object, key = idemKey()) =>
    t.http.post('/api/v1/orders').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', key).send(body);

  it('books the next free slot of a session and shows it in the list and detail', async () => {
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 5,
      type: 'expert',
      doctorId: clinic.doctorId,
    });
    const r = await book(aliceToken, { scheduleId: s.id, patientId: alice.patientId }).expect(201);
    expect(r.body).toMatchObject({
      status: 'booked',
      slot: { seq: 1 },
      feeFen: 500,
      payment: { status: 'pay-at-hospital' },
      cancellable: true,
    });
    expect(r.body).toMatchObject({
      hospital: { name: '测试医院', address: '测试路 1 号' },
      department: { name: '测试科1' },
      doctor: { id: clinic.doctorId, name: '李医生', title: '主任医师' },
      schedule: { type: 'expert' },
    });
    expect(r.body.history).toEqual([expect.objectContaining({ status: 'booked', actor: 'patient' })]);
    const view = await t.http.get(`/api/v1/schedules/${s.id}`);
    if (view.status === 200) expect(view.body.freeCount).toBe(4);
    const list = await t.http
      .get('/api/v1/orders?status=active')
      .set('Authorization', `Bearer ${aliceToken}`)
      .expect(200);
    expect(list.body.items.map((o: { id: string }) => o.id)).toContain(r.body.id);
    const one = await t.http
      .get(`/api/v1/orders/${r.body.id}`)
      .set('Authorization', `Bearer ${aliceToken}`)
      .expect(200);
    expect(one.body.orderNo).toBe(r.body.orderNo);
  });

  it('replays a retried booking with the same Idempotency-Key, refuses a reused key for another booking', async () => {
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 5,
      departmentId: clinic.departmentIds[1],
      period: 'afternoon',
    });
    const key = idemKey();
    const first = await book(aliceToken, { scheduleId: s.id, patientId: alice.patientId }, key).expect(201);
    const again = await book(aliceToken, { scheduleId: s.id, patientId: alice.patientId }, key).expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 5,
      departmentId: clinic.departmentIds[2],
      period: 'evening',
    });
    const conflict = await book(aliceToken, { scheduleId: other.id, patientId: alice.patientId }, key).expect(422);
    expect(conflict.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    const [{ n }] = (await t.services.db.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM booking_order WHERE idempotency_key = ?',
      [key],
    )) as [{ n: number }];
    expect(Number(n)).toBe(1);
  });

  it('tells apart Idempotency-Keys that differ only in letter case', async () => {
    const s1 = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 5,
      departmentId: clinic.departmentIds[1],
      period: 'morning',
    });
    const s2 = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 5,
      departmentId: clinic.departmentIds[2],
      period: 'afternoon',
    });
    const upper = await book(bobToken, { scheduleId: s1.id, patientId: bob.patientId }, 'Case-Key-0001').expect(201);
    const lower = await book(bobToken, { scheduleId: s2.id, patientId: bob.patientId }, 'case-key-0001').expect(201);
    expect(lower.headers['idempotent-replayed']).toBeUndefined();
    expect(lower.body.id).not.toBe(upper.body.id);
  });

  it('requires the Idempotency-Key header, a valid body and a login', async () => {
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 1 });
    const noKey = await t.http
      .post('/api/v1/orders')
      .set('Authorization', `Bearer ${aliceToken}`)
      .send({ scheduleId: s.id, patientId: alice.patientId })
      .expect(400);
    expect(noKey.body.error.code).toBe('VALIDATION_FAILED');
    const both = await book(aliceToken, { scheduleId: s.id, slotId: s.id, patientId: alice.patientId }).expect(400);
    expect(both.body.error.message).toMatch(/其中之一/);
    await book(aliceToken, { scheduleId: 12, patientId: alice.patientId }).expect(400);
    await book(aliceToken, { scheduleId: "' OR 1=1 --", patientId: alice.patientId }).expect(400);
    await t.http
      .post('/api/v1/orders')
      .set('Idempotency-Key', idemKey())
      .send({ scheduleId: s.id, patientId: alice.patientId })
      .expect(401);
    t.clock.advance(8 * 86_400_000);
    const expired = await book(aliceToken, { scheduleId: s.id, patientId: alice.patientId }).expect(401);
    expect(expired.body.error).toEqual({ code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' });
    t.clock.advance(-8 * 86_400_000);
    const bad = await t.http
      .post('/api/v1/orders')
      .set('Authorization', `Bearer ${aliceToken}`)
      .set('Idempotency-Key', idemKey())
      .set('Content-Type', 'application/json')
      .send('{"scheduleId":')
      .expect(400);
    expect(bad.body.error.code).toBe('INVALID_JSON');
    const huge = await t.http
      .post('/api/v1/orders')
      .set('Authorization', `Bearer ${aliceToken}`)
      .set('Idempotency-Key', idemKey())
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ patientId: 'x'.repeat(200_000) }))
      .expect(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const [{ n }] = (await t.services.db.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM booking_order WHERE schedule_id = ?',
      [s.id],
    )) as [{ n: number }];
    expect(Number(n)).toBe(0);
  });

  it('keeps accounts apart: no booking with, reading or cancelling another account’s patient or order', async () => {
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 5,
      departmentId: clinic.departmentIds[2],
    });
    const foreign = await book(bobToken, { scheduleId: s.id, patientId: alice.patientId }).expect(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    const mine = await book(aliceToken, { scheduleId: s.id, patientId: alice.patientId }).expect(201);
    await t.http.get(`/api/v1/orders/${mine.body.id}`).set('Authorization', `Bearer ${bobToken}`).expect(404);
    await t.http
      .post(`/api/v1/orders/${mine.body.id}/cancel`)
      .set('Authorization', `Bearer ${bobToken}`)
      .send({})
      .expect(404);
    const bobs = await t.http.get('/api/v1/orders').set('Authorization', `Bearer ${bobToken}`).expect(200);
    expect(bobs.body.items.find((o: { id: string }) => o.id === mine.body.id)).toBeUndefined();
  });

  it('books a chosen slot once; the next patient asking for it is told it is gone', async () => {
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 3,
      period: 'evening',
      departmentId: clinic.departmentIds[0],
    });
    const [slot] = await t.services.db.query<{ id: string }>('SELECT id FROM slot WHERE schedule_id = ? AND seq = 2', [
      s.id,
    ]);
    const r = await book(aliceToken, { slotId: slot!.id, patientId: alice.patientId }).expect(201);
    expect(r.body.slot.seq).toBe(2);
    const gone = await book(bobToken, { slotId: slot!.id, patientId: bob.patientId }).expect(409);
    expect(gone.body.error).toEqual({ code: 'SLOT_GONE', message: expect.stringMatching(/已被预约/) });
  });

  it('assigns session bookings around a slot someone chose, and reuses slots freed by cancellation', async () => {
    const date = addDays(shanghaiDate(t.clock.now()), 4);
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 3,
      departmentId: clinic.departmentIds[0],
      date,
      period: 'afternoon',
    });
    const [first] = await t.services.db.query<{ id: string }>('SELECT id FROM slot WHERE schedule_id = ? AND seq = 1', [
      s.id,
    ]);
    const chosen = await book(aliceToken, { slotId: first!.id, patientId: alice.patientId }).expect(201);
    expect(chosen.body.slot.seq).toBe(1);
    const next = await book(bobToken, { scheduleId: s.id, patientId: bob.patientId }).expect(201);
    expect(next.body.slot.seq).toBe(2);
    await t.http
      .post(`/api/v1/orders/${chosen.body.id}/cancel`)
      .set('Authorization', `Bearer ${aliceToken}`)
      .send({})
      .expect(200);
    const [carol] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    const carolToken = (await t.services.tokens.issue(carol!.accountId)).token;
    const third = await book(carolToken, { scheduleId: s.id, patientId: carol!.patientId }).expect(201);
    const again = await book(aliceToken, { scheduleId: s.id, patientId: alice.patientId }).expect(201);
    // the slot freed by the cancellation is handed out again: seqs 1 and 3 are the last two
    expect([third.body.slot.seq, again.body.slot.seq].sort()).toEqual([1, 3]);
    const full = await book(aliceToken, { scheduleId: s.id, patientId: alice.patientId }).expect(409);
    expect(full.body.error.code).toBe('DUPLICATE_DEPARTMENT_SESSION');
    const [row] = (await t.services.db.query<{ free_count: number }>('SELECT free_count FROM schedule WHERE id = ?', [
      s.id,
    ])) as [{ free_count: number }];
    expect(Number(row.free_count)).toBe(0);
  });

  it('cancels before the deadline and returns the slot; a second cancel is refused', async () => {
    const date = addDays(shanghaiDate(t.clock.now()), 3);
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 1,
      departmentId: clinic.departmentIds[1],
      date,
    });
    const r = await book(bobToken, { scheduleId: s.id, patientId: bob.patientId }).expect(201);
    const c = await t.http
      .post(`/api/v1/orders/${r.body.id}/cancel`)
      .set('Authorization', `Bearer ${bobToken}`)
      .send({ reason: '行程有变' })
      .expect(200);
    expect(c.body.status).toBe('cancelled');
    expect(c.body.history.map((h: { status: string }) => h.status)).toEqual(['booked', 'cancelled']);
    const again = await t.http
      .post(`/api/v1/orders/${r.body.id}/cancel`)
      .set('Authorization', `Bearer ${bobToken}`)
      .send({})
      .expect(409);
    expect(again.body.error.code).toBe('ORDER_NOT_CANCELLABLE');
    const rebook = await book(aliceToken, { scheduleId: s.id, patientId: alice.patientId }).expect(201);
    expect(rebook.body.slot.id).toBe(r.body.slot.id);
    const events = await t.services.db.query<{ action: string }>(
      'SELECT action FROM slot_event WHERE slot_id = ? ORDER BY at, id',
      [r.body.slot.id],
    );
    expect(events.map((e) => e.action)).toEqual(['booked', 'released', 'booked']);
  });
});

describe('booking rate limit', () => {
  it('refuses a script booking faster than a person would (429 RATE_LIMITED, nothing booked)', async () => {
    const t = await startTestApp('sqlite', { env: { RATE_BOOKING_PER_ACCOUNT_MINUTE: '5' } });
    try {
      const clinic = await createClinic(t.services.db, { now: t.clock.now(), departments: 1 });
      const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 50 });
      const [p] = await createPatients(t.services.db, 1, { now: t.clock.now(), verified: false });
      const { token } = await t.services.tokens.issue(p!.accountId);
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const r = await t.http
          .post('/api/v1/orders')
          .set('Authorization', `Bearer ${token}`)
          .set('Idempotency-Key', idemKey())
          .send({ scheduleId: s.id, patientId: p!.patientId });
        statuses.push(r.status);
        if (r.status === 429)
          expect(r.body.error).toMatchObject({
            code: 'RATE_LIMITED',
            message: expect.stringMatching(/^预约操作过于频繁/),
          });
      }
      expect(statuses).toEqual([403, 403, 403, 403, 403, 429, 429, 429]);
    } finally {
      await t.close();
    }
  });
});
