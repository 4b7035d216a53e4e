import { BookingCore } from '../../../src/core/booking/booking-core.js';
import { CLAIM_GRACE_MS, LEASE_MS } from '../../../src/core/booking/draw/fair-release.js';
import { drawOrder } from '../../../src/core/booking/draw/shuffle.js';
import { Patient } from '../../../src/db/entities/index.js';
import { insertRows } from '../../../src/db/sql/table.js';
import { AppError } from '../../../src/shared/errors.js';
import { newId } from '../../../src/shared/ids.js';
import { createLogger } from '../../../src/shared/logger.js';
import { addDays, shanghaiDate } from '../../../src/shared/time.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { eventually } from '../../support/eventually.js';
import { createClinic, createPatients, createSession, idemKey, type Clinic } from '../../support/fixtures.js';
import type { PatientFixture } from '../../support/fixtures.js';
import { patientRow } from '../../support/rows.js';

const WINDOW_MS = 3000;

type Answer = { ok: true; orderId: string; slotId: string; replay: boolean } | { ok: false; code: string };

describe.each(databaseKinds())('fair release on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let day = 0;

  beforeAll(async () => {
    t = await startTestApp(kind, {
      env: {
        RATE_BOOKING_PER_IP_MINUTE: '100000',
        RATE_BOOKING_PER_ACCOUNT_MINUTE: '1000',
        FAIR_RELEASE_WINDOW_MS: String(WINDOW_MS),
      },
    });
    clinic = await createClinic(t.services.db, { now: t.clock.now(), departments: 10 });
  });
  afterAll(async () => {
    t.services.booking.stopJobs();
    await t.close();
  });

  /** A session released at `releaseAt` (a day of its own, so the per-person rules of other tests do not meet it). */
  async function releasedSession(capacity: number, releaseAt: number) {
    day++;
    return createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity,
      releaseAt,
      departmentId: clinic.departmentIds[day % 10],
      date: addDays(shanghaiDate(t.clock.now()), 2 + Math.floor(day / 10)),
    });
  }

  function place(core: BookingCore, p: { accountId: string; patientId: string }, scheduleId: string, key = idemKey()) {
    return core
      .placeOrder({
        accountId: p.accountId,
        patientId: p.patientId,
        scheduleId,
        idempotencyKey: key,
        ip: '10.0.0.1',
        channel: 'h5',
      })
      .then(
        ({ order, replay }): Answer => ({ ok: true, orderId: order.id, slotId: order.slot.id, replay }),
        (e: unknown): Answer => {
          if (e instanceof AppError) return { ok: false, code: e.code };
          throw e;
        },
      );
  }

  const liveOrders = async (scheduleId: string) =>
    t.services.db.query<{ id: string; person_id: string; slot_id: string }>(
      'SELECT id, person_id, slot_id FROM booking_order WHERE schedule_id = ? AND live = 1',
      [scheduleId],
    );
  const drawOf = async (scheduleId: string) =>
    (
      await t.services.db.query<Record<string, unknown>>('SELECT * FROM release_draw WHERE schedule_id = ?', [
        scheduleId,
      ])
    )[0];
  const ticketsOf = (scheduleId: string) =>
    t.services.db.query<Record<string, unknown>>('SELECT * FROM draw_ticket WHERE schedule_id = ? ORDER BY position', [
      scheduleId,
    ]);
  /** Lets the requests in flight reach the draw (their tickets written) before the clock moves. */
  const admitted = (scheduleId: string, n: number) =>
    eventually(
      () => ticketsOf(scheduleId),
      (rows) => rows.length >= n,
    );

  it('draws the window in the seeded order; refuses before the release, serves in turn after', async () => {
    const releaseAt = t.clock.now() + 60_000;
    const s = await releasedSession(5, releaseAt);
    const patients = await createPatients(t.services.db, 22, { now: t.clock.now() });
    const [early, late, ...inWindow] = patients as [PatientFixture, PatientFixture, ...PatientFixture[]];

    t.clock.set(releaseAt - 1);
    expect(await place(t.services.booking, early, s.id)).toEqual({ ok: false, code: 'NOT_YET_RELEASED' });

    t.clock.set(releaseAt + 100);
    const answers = inWindow.map((p) => place(t.services.booking, p, s.id));
    await admitted(s.id, inWindow.length);
    // nothing is decided while the window is open
    expect(await liveOrders(s.id)).toHaveLength(0);
    t.clock.set(releaseAt + WINDOW_MS + CLAIM_GRACE_MS);
    const results = await Promise.all(answers);

    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(new Set(results.filter((r) => !r.ok).map((r) => (r as { code: string }).code))).toEqual(
      new Set(['SLOT_GONE']),
    );
    const draw = (await drawOf(s.id))!;
    expect([draw.state, Number(draw.entered), Number(draw.won), Number(draw.claims)]).toEqual(['decided', 20, 5, 1]);
    expect(String(draw.seed)).toMatch(/^[0-9a-f]{64}$/);

    // replay: the stored seed and the tickets give the stored order, and the first five places won
    const tickets = await ticketsOf(s.id);
    expect(tickets.map((r) => Number(r.position))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(tickets.map((r) => String(r.person_id))).toEqual(
      drawOrder(
        String(draw.seed),
        tickets.map((r) => String(r.person_id)),
      ),
    );
    const winners = new Set((await liveOrders(s.id)).map((o) => o.person_id));
    expect(
      tickets
        .slice(0, 5)
        .map((r) => String(r.person_id))
        .every((id) => winners.has(id)),
    ).toBe(true);
    expect(tickets.map((r) => r.outcome)).toEqual([...Array(5).fill('won'), ...Array(15).fill('lost')]);
    // and the winners' own requests were answered with their orders
    const byAccount = new Map(inWindow.map((p, i) => [p.personId, results[i]!]));
    for (const r of tickets.slice(0, 5))
      expect(byAccount.get(String(r.person_id))).toMatchObject({ ok: true, replay: false });

    // after the window: first come first served (the session is full now)
    expect(await place(t.services.booking, late, s.id)).toEqual({ ok: false, code: 'SLOT_GONE' });
    expect(await ticketsOf(s.id)).toHaveLength(20);
  });

  it('gives a person one ticket however many accounts and requests, and every request the same answer', async () => {
    const releaseAt = t.clock.now() + 60_000;
    const s = await releasedSession(3, releaseAt);
    const [person, ...others] = await createPatients(t.services.db, 4, { now: t.clock.now() });
    // the same real-name person added as a patient under a second account
    const second = { accountId: others[0]!.accountId, patientId: newId() };
    await t.services.db.write((tx) =>
      insertRows(tx, Patient, [
        patientRow({
          id: second.patientId,
          accountId: second.accountId,
          personId: person!.personId,
          idHash: `h-${person!.personId}`,
          verifiedAt: t.clock.now(),
          createdAt: t.clock.now(),
        }),
      ]),
    );

    t.clock.set(releaseAt + 10);
    const first = place(t.services.booking, person!, s.id);
    await admitted(s.id, 1);
    const again = [
      place(t.services.booking, person!, s.id),
      place(t.services.booking, person!, s.id),
      place(t.services.booking, second, s.id),
      ...others.slice(1).map((p) => place(t.services.booking, p, s.id)),
    ];
    await admitted(s.id, 3);
    t.clock.set(releaseAt + WINDOW_MS + CLAIM_GRACE_MS);
    const [own, replayA, replayB, elsewhere] = await Promise.all([first, ...again]);

    expect(await ticketsOf(s.id)).toHaveLength(3);
    const orders = await liveOrders(s.id);
    expect(orders.filter((o) => o.person_id === person!.personId)).toHaveLength(1);
    expect(own).toMatchObject({ ok: true, replay: false });
    const orderId = (own as { orderId: string }).orderId;
    expect(replayA).toEqual({ ...own, replay: true, orderId });
    expect(replayB).toEqual({ ...own, replay: true, orderId });
    expect(elsewhere).toEqual({ ok: false, code: 'DUPLICATE_DEPARTMENT_SESSION' });
  });

  it('is one draw for two booking cores: decided once, never oversold', async () => {
    const releaseAt = t.clock.now() + 60_000;
    const s = await releasedSession(10, releaseAt);
    const other = secondCore();
    const patients = await createPatients(t.services.db, 40, { now: t.clock.now() });
    t.clock.set(releaseAt + 500);
    const answers = patients.map((p, i) => place(i % 2 ? other : t.services.booking, p, s.id));
    await admitted(s.id, 40);
    t.clock.set(releaseAt + WINDOW_MS + CLAIM_GRACE_MS);
    const results = await Promise.all(answers);

    expect(results.filter((r) => r.ok)).toHaveLength(10);
    const orders = await liveOrders(s.id);
    expect([orders.length, new Set(orders.map((o) => o.slot_id)).size]).toEqual([10, 10]);
    const draw = (await drawOf(s.id))!;
    expect([draw.state, Number(draw.claims), Number(draw.won)]).toEqual(['decided', 1, 10]);
  });

  it('resumes a draw whose decider died mid-way: the same order, nothing booked twice, never oversold', async () => {
    const releaseAt = t.clock.now() + 60_000;
    const s = await releasedSession(6, releaseAt);
    let chunks = 0;
    // decides its first chunk of 4 through the batches, then "dies" before storing the outcomes
    const dying = secondCore({
      batchMax: 4,
      drawAfterChunk: () => (++chunks === 1 ? new Promise<void>(() => undefined) : Promise.resolve()),
    });
    const patients = await createPatients(t.services.db, 15, { now: t.clock.now() });
    t.clock.set(releaseAt + 1);
    // admitted through the dying core, whose answers never come
    for (const p of patients) void place(dying, p, s.id);
    await admitted(s.id, 15);
    t.clock.set(releaseAt + WINDOW_MS + CLAIM_GRACE_MS);
    await eventually(
      () => liveOrders(s.id),
      (rows) => rows.length === 4,
    );
    const before = (await ticketsOf(s.id)).map((r) => [r.id, Number(r.position)]);
    expect((await ticketsOf(s.id)).every((r) => r.outcome === 'pending')).toBe(true);

    // the other process's sweep finds it once the lease has lapsed
    expect(await t.services.booking.draw!.decideDue()).toBe(0);
    t.clock.advance(LEASE_MS + 1);
    expect(await t.services.booking.draw!.decideDue()).toBe(1);

    const tickets = await ticketsOf(s.id);
    expect(tickets.map((r) => [r.id, Number(r.position)])).toEqual(before);
    expect(tickets.map((r) => r.outcome)).toEqual([...Array(6).fill('won'), ...Array(9).fill('lost')]);
    const orders = await liveOrders(s.id);
    expect([orders.length, new Set(orders.map((o) => o.slot_id)).size]).toEqual([6, 6]);
    expect(new Set(orders.map((o) => o.id))).toEqual(new Set(tickets.slice(0, 6).map((r) => String(r.order_id))));
    const draw = (await drawOf(s.id))!;
    expect([draw.state, Number(draw.claims), Number(draw.entered), Number(draw.won)]).toEqual(['decided', 2, 15, 6]);
    const [free] = await t.services.db.query<{ free_count: number }>('SELECT free_count FROM schedule WHERE id = ?', [
      s.id,
    ]);
    expect(Number(free!.free_count)).toBe(0);
    dying.stopJobs();
  });

  it('never oversells under a storm of concurrent requests in the window', async () => {
    const releaseAt = t.clock.now() + 60_000;
    const s = await releasedSession(50, releaseAt);
    const patients = await createPatients(t.services.db, 200, { now: t.clock.now() });
    t.clock.set(releaseAt);
    // each patient twice: the same request repeated by an impatient client
    const answers = patients.flatMap((p) => {
      const key = idemKey();
      return [place(t.services.booking, p, s.id, key), place(t.services.booking, p, s.id, key)];
    });
    await admitted(s.id, 200);
    t.clock.set(releaseAt + WINDOW_MS + CLAIM_GRACE_MS);
    const results = await Promise.all(answers);
    const orders = await liveOrders(s.id);
    expect([
      orders.length,
      new Set(orders.map((o) => o.slot_id)).size,
      new Set(orders.map((o) => o.person_id)).size,
    ]).toEqual([50, 50, 50]);
    expect(new Set(results.filter((r) => r.ok).map((r) => (r as { orderId: string }).orderId)).size).toBe(50);
    expect(results.filter((r) => r.ok)).toHaveLength(100);
    expect(results.filter((r) => r.ok && r.replay)).toHaveLength(50);
  }, 60_000);

  it('admits by arrival time, and keeps a request after the window waiting until the draw is decided', async () => {
    const releaseAt = t.clock.now() + 60_000;
    const s = await releasedSession(2, releaseAt);
    const [a, held, after] = await createPatients(t.services.db, 3, { now: t.clock.now() });
    t.clock.set(releaseAt + 10);
    const first = place(t.services.booking, a!, s.id);
    await admitted(s.id, 1);
    // past the window but not yet claimable: one that arrived in the window, one that did not
    t.clock.set(releaseAt + WINDOW_MS + 100);
    const input = (p: PatientFixture, receivedAt: number) => ({
      accountId: p.accountId,
      patientId: p.patientId,
      scheduleId: s.id,
      idempotencyKey: idemKey(),
      ip: '10.0.0.1',
      channel: 'h5' as const,
      receivedAt,
    });
    const inWindow = t.services.booking.placeOrder(input(held!, releaseAt + WINDOW_MS - 50));
    const afterWindow = t.services.booking.placeOrder(input(after!, releaseAt + WINDOW_MS + 100)).then(
      () => 'booked',
      (e: AppError) => e.code,
    );
    await admitted(s.id, 2);
    expect(await liveOrders(s.id)).toHaveLength(0);
    t.clock.set(releaseAt + WINDOW_MS + CLAIM_GRACE_MS);
    await Promise.all([first, inWindow]);
    expect(await afterWindow).toBe('SLOT_GONE');
    expect(await ticketsOf(s.id)).toHaveLength(2);
    expect(new Set((await liveOrders(s.id)).map((o) => o.person_id))).toEqual(new Set([a!.personId, held!.personId]));
  });

  it('decides a ticket admitted after the draw was decided (a process whose clock is behind) on its own', async () => {
    const releaseAt = t.clock.now() + 60_000;
    const s = await releasedSession(3, releaseAt);
    const [a, b, late] = await createPatients(t.services.db, 3, { now: t.clock.now() });
    t.clock.set(releaseAt + 5);
    const first = [place(t.services.booking, a!, s.id), place(t.services.booking, b!, s.id)];
    await admitted(s.id, 2);
    t.clock.set(releaseAt + WINDOW_MS + CLAIM_GRACE_MS);
    expect((await Promise.all(first)).every((r) => r.ok)).toBe(true);

    t.clock.set(releaseAt + WINDOW_MS - 1);
    expect(await place(t.services.booking, late!, s.id)).toMatchObject({ ok: true, replay: false });
    const ticket = (await ticketsOf(s.id)).find((r) => r.person_id === late!.personId)!;
    expect([ticket.outcome, ticket.position]).toEqual(['won', null]);
    const draw = (await drawOf(s.id))!;
    expect([draw.state, Number(draw.entered), Number(draw.won), Number(draw.claims)]).toEqual(['decided', 3, 3, 1]);
    expect(await liveOrders(s.id)).toHaveLength(3);
  });

  it('answers DRAW_PENDING (已登记) when the draw is not decided in time; asking again gets the result', async () => {
    const releaseAt = t.clock.now() + 60_000;
    const s = await releasedSession(2, releaseAt);
    const [stuck, patient] = await createPatients(t.services.db, 2, { now: t.clock.now() });
    const hanging = secondCore({ drawAfterChunk: () => new Promise<void>(() => undefined) });
    const impatient = secondCore({ fairRelease: { windowMs: WINDOW_MS, types: [], maxWaitMs: 1000 } });
    t.clock.set(releaseAt + 1);
    void place(hanging, stuck!, s.id);
    await admitted(s.id, 1);
    t.clock.set(releaseAt + WINDOW_MS + CLAIM_GRACE_MS);
    // the hanging core claims the draw and stops after booking its one ticket
    await eventually(
      () => liveOrders(s.id),
      (rows) => rows.length === 1,
    );
    // a request that arrived in the window, seen only now: its ticket waits on a draw nobody finishes
    const key = idemKey();
    const request = {
      accountId: patient!.accountId,
      patientId: patient!.patientId,
      scheduleId: s.id,
      idempotencyKey: key,
      ip: '10.0.0.2',
      channel: 'h5' as const,
      receivedAt: releaseAt + WINDOW_MS - 1,
    };
    const first = impatient.placeOrder(request).catch((e: AppError) => e.code);
    await admitted(s.id, 2);
    t.clock.set(releaseAt + WINDOW_MS + 1000);
    expect(await first).toBe('DRAW_PENDING');

    // once the lease has lapsed the draw is resumed, and the same request gets its booking
    t.clock.advance(LEASE_MS);
    expect(await impatient.draw!.decideDue()).toBe(1);
    const again = await impatient.placeOrder(request);
    expect(again.order.patient.id).toBe(patient!.patientId);
    expect((await ticketsOf(s.id)).map((r) => r.outcome)).toEqual(['won', 'won']);
    expect(await liveOrders(s.id)).toHaveLength(2);
    hanging.stopJobs();
    impatient.stopJobs();
  });

  it('refuses a request before the release itself: a batch a moment later must not book it', async () => {
    const releaseAt = t.clock.now() + 60_000;
    const s = await releasedSession(2, releaseAt);
    const [p] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    // the request is looked at 1 ms before the release; everything after it, 1 ms after
    let calls = 0;
    const stepping = { now: () => (calls++ === 0 ? releaseAt - 1 : releaseAt + 1) };
    const core = secondCore({ clock: stepping });
    expect(await place(core, p!, s.id)).toEqual({ ok: false, code: 'NOT_YET_RELEASED' });
    expect(await liveOrders(s.id)).toHaveLength(0);
  });

  it('leaves sessions of other types, and every session when the window is 0, to first come first served', async () => {
    const off = secondCore({ fairRelease: { windowMs: 0, types: [], maxWaitMs: 10_000 } });
    expect(off.draw).toBeUndefined();
    const releaseAt = t.clock.now() + 60_000;
    const s = await releasedSession(2, releaseAt);
    const [p] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    t.clock.set(releaseAt + 1);
    expect(await place(off, p!, s.id)).toMatchObject({ ok: true });
    expect(await ticketsOf(s.id)).toHaveLength(0);

    const onlyExperts = secondCore({ fairRelease: { windowMs: WINDOW_MS, types: ['expert'], maxWaitMs: 10_000 } });
    const s2 = await releasedSession(2, releaseAt);
    const [q] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    expect(await place(onlyExperts, q!, s2.id)).toMatchObject({ ok: true });
    expect(await ticketsOf(s2.id)).toHaveLength(0);
  });

  /** Another booking core on the same database, as another process would have. */
  function secondCore(o: Partial<ConstructorParameters<typeof BookingCore>[0]> = {}): BookingCore {
    return new BookingCore({
      db: t.services.db,
      rules: t.config.rules,
      clock: t.clock,
      logger: createLogger('silent'),
      audit: t.services.audit,
      batchMax: 100,
      lanes: 4,
      fairRelease: t.config.fairRelease,
      ...o,
    });
  }
});
