import { databaseKinds } from '../../support/databases.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createClinic, createPatients, createSession, idemKey, type Clinic } from '../../support/fixtures.js';
import { listen, postJson } from '../../support/http-client.js';
import { addDays, shanghaiDate } from '../../../src/shared/time.js';
import { laneOf } from '../../../src/core/booking/booking-core.js';

describe.each(databaseKinds())('concurrent booking on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let server: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    // Hundreds of patients, all from this machine's one address:
    // the per-address booking throttle is not under test here.
    t = await startTestApp(kind, { env: { RATE_BOOKING_PER_IP_MINUTE: '100000' } });
    clinic = await createClinic(t.services.db, { now: t.clock.now(), departments: 20 });
    server = await listen(t.handler);
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  it('300 simultaneous bookings for a 50-slot session: exactly 50 orders on 50 distinct slots', async () => {
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 50 });
    const patients = await createPatients(t.services.db, 300, { now: t.clock.now() });
    const tokens = await Promise.all(patients.map((p) => t.services.tokens.issue(p.accountId)));
    const results = await Promise.all(
      patients.map((p, i) =>
        postJson(
          `${server.url}/api/v1/orders`,
          { scheduleId: s.id, patientId: p.patientId },
          { authorization: `Bearer ${tokens[i]!.token}`, 'idempotency-key': idemKey() },
        ),
      ),
    );
    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    expect(created).toHaveLength(50);
    expect(new Set(refused.map((r) => r.body.error.code))).toEqual(new Set(['SLOT_GONE']));
    expect(new Set(created.map((r) => r.body.slot.id)).size).toBe(50);
    expect(created.map((r) => r.body.slot.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );

    const [orders] = await t.services.db.query<{ n: number; slots: number }>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT slot_id) AS slots FROM booking_order WHERE schedule_id = ? AND live = 1',
      [s.id],
    );
    expect([Number(orders!.n), Number(orders!.slots)]).toEqual([50, 50]);
    const [sched] = await t.services.db.query<{ free_count: number }>('SELECT free_count FROM schedule WHERE id = ?', [
      s.id,
    ]);
    expect(Number(sched!.free_count)).toBe(0);
    const [busy] = await t.services.db.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM slot WHERE schedule_id = ? AND status = 'busy'",
      [s.id],
    );
    expect(Number(busy!.n)).toBe(50);
  });

  it('one patient firing 20 simultaneous bookings on 20 different sessions: the limit of 10 holds', async () => {
    const [p] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    const { token } = await t.services.tokens.issue(p!.accountId);
    const base = shanghaiDate(t.clock.now());
    const sessions = [];
    for (let i = 0; i < 20; i++)
      sessions.push(
        await createSession(t.services.db, clinic, {
          now: t.clock.now(),
          capacity: 5,
          departmentId: clinic.departmentIds[i],
          date: addDays(base, 2 + (i % 7)),
          period: i < 7 ? 'morning' : i < 14 ? 'afternoon' : 'evening',
        }),
      );
    const results = await Promise.all(
      sessions.map((s) =>
        postJson(
          `${server.url}/api/v1/orders`,
          { scheduleId: s.id, patientId: p!.patientId },
          { authorization: `Bearer ${token}`, 'idempotency-key': idemKey() },
        ),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    expect(new Set(results.filter((r) => r.status !== 201).map((r) => r.body.error.code))).toEqual(
      new Set(['BOOKING_LIMIT_REACHED']),
    );
    const [row] = await t.services.db.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM booking_order WHERE person_id = ? AND live = 1',
      [p!.personId],
    );
    expect(Number(row!.n)).toBe(10);
  });

  it('one patient firing 20 simultaneous bookings on one session gets exactly one', async () => {
    const [p] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    const { token } = await t.services.tokens.issue(p!.accountId);
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 30,
      departmentId: clinic.departmentIds[5],
      date: addDays(shanghaiDate(t.clock.now()), 9),
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        postJson(
          `${server.url}/api/v1/orders`,
          { scheduleId: s.id, patientId: p!.patientId },
          { authorization: `Bearer ${token}`, 'idempotency-key': idemKey() },
        ),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(results.filter((r) => r.status !== 201).map((r) => r.body.error.code))).toEqual(
      new Set(['DUPLICATE_DEPARTMENT_SESSION']),
    );
  });

  it('the same Idempotency-Key fired 10 times at once creates one order', async () => {
    const [p] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    const { token } = await t.services.tokens.issue(p!.accountId);
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 30,
      departmentId: clinic.departmentIds[6],
      date: addDays(shanghaiDate(t.clock.now()), 10),
    });
    const key = idemKey();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        postJson(
          `${server.url}/api/v1/orders`,
          { scheduleId: s.id, patientId: p!.patientId },
          { authorization: `Bearer ${token}`, 'idempotency-key': key },
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
  });
  (kind === 'mariadb' ? it : it.skip)(
    'a session held by another transaction puts off only its own bookings: ' +
      'its lane goes on booking, the held one follows the release',
    async () => {
      const lanes = t.config.env.BOOKING_LANES;
      const session = (department: number) =>
        createSession(t.services.db, clinic, {
          now: t.clock.now(),
          capacity: 5,
          departmentId: clinic.departmentIds[department],
          date: addDays(shanghaiDate(t.clock.now()), 11),
        });
      const held = await session(7);
      let free = await session(8);
      // the same lane: without skipping, the held session's batch would stop the other booking
      for (let d = 9; laneOf(free.id, lanes) !== laneOf(held.id, lanes); d++) free = await session(d);
      const [a, b] = await createPatients(t.services.db, 2, { now: t.clock.now() });
      const [ta, tb] = await Promise.all([a!, b!].map((p) => t.services.tokens.issue(p.accountId)));
      let release!: () => void;
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const holder = t.services.db.write(async (tx) => {
        await tx.query('SELECT id FROM schedule WHERE id = ? FOR UPDATE', [held.id]);
        locked();
        await new Promise<void>((r) => (release = r));
      });
      await isLocked;
      let heldSettled = false;
      const heldBooking = postJson(
        `${server.url}/api/v1/orders`,
        { scheduleId: held.id, patientId: a!.patientId },
        { authorization: `Bearer ${ta!.token}`, 'idempotency-key': idemKey() },
      ).finally(() => (heldSettled = true));
      await new Promise((r) => setTimeout(r, 50));
      const freeBooking = await postJson(
        `${server.url}/api/v1/orders`,
        { scheduleId: free.id, patientId: b!.patientId },
        { authorization: `Bearer ${tb!.token}`, 'idempotency-key': idemKey() },
      );
      expect(freeBooking.status).toBe(201);
      expect(heldSettled).toBe(false);
      release();
      await holder;
      const r = await heldBooking;
      expect(r.status).toBe(201);
      expect(r.body.slot.seq).toBe(1);
    },
  );
});
