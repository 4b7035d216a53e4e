import { BookingCore } from '../../../src/core/booking/booking-core.js';
import { CLAIM_GRACE_MS, LEASE_MS } from '../../../src/core/booking/draw/fair-release.js';
import { drawOrder } from '../../../src/core/booking/draw/shuffle.js';
import { AppError } from '../../../src/shared/errors.js';
import { createLogger } from '../../../src/shared/logger.js';
import { addDays, beijingMinute, shanghaiDate } from '../../../src/shared/time.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { eventually } from '../../support/eventually.js';
import { createClinic, createPatients, createSession, idemKey, type Clinic } from '../../support/fixtures.js';
import type { PatientFixture } from '../../support/fixtures.js';

const WINDOW_MS = 3000;
const IMPATIENT_WAIT_MS = 1000;

type NoticeOf = { kind: string; source: string; order_id: string; params: string };

/* 放号抽签: the result's notice, for the holders answered 已登记 (DRAW_PENDING), written once when decided. */
describe.each(databaseKinds())('release draw notices on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let day = 0;
  const cores: BookingCore[] = [];

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
    for (const core of cores) core.stopJobs();
    t.services.booking.stopJobs();
    await t.close();
  });

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

  /** Another process's booking core on the same database, its draw notices written as the app's are. */
  function otherCore(o: Partial<ConstructorParameters<typeof BookingCore>[0]> = {}): BookingCore {
    const core = new BookingCore({
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
    core.draw!.tellDecidedBy(t.services.notices.tellDrawDecided);
    cores.push(core);
    return core;
  }

  const place = (core: BookingCore, p: PatientFixture, scheduleId: string, receivedAt?: number) =>
    core
      .placeOrder({
        accountId: p.accountId,
        patientId: p.patientId,
        scheduleId,
        idempotencyKey: idemKey(),
        ip: '10.0.0.3',
        channel: 'h5',
        ...(receivedAt === undefined ? {} : { receivedAt }),
      })
      .then(
        ({ order }) => ({ ok: true as const, orderId: order.id }),
        (e: unknown) => {
          if (e instanceof AppError) return { ok: false as const, code: e.code };
          throw e;
        },
      );

  const ticketsOf = (scheduleId: string) =>
    t.services.db.query<Record<string, unknown>>('SELECT * FROM draw_ticket WHERE schedule_id = ?', [scheduleId]);
  const admitted = (scheduleId: string, n: number) =>
    eventually(
      () => ticketsOf(scheduleId),
      (rows) => rows.length >= n,
    );
  const noticesOf = (accountId: string) =>
    t.services.db.query<NoticeOf>('SELECT kind, source, order_id, params FROM notice WHERE account_id = ?', [
      accountId,
    ]);
  const orderOf = async (id: string) =>
    (
      await t.services.db.query<{ pay_deadline: unknown; status: string }>(
        'SELECT pay_deadline, status FROM booking_order WHERE id = ?',
        [id],
      )
    )[0]!;

  it('tells a holder answered 已登记 the result once, won or lost, after a decider died; others as before', async () => {
    const releaseAt = t.clock.now() + 60_000;
    const s = await releasedSession(3, releaseAt);
    const [stuck, ...contenders] = (await createPatients(t.services.db, 4, { now: t.clock.now() })) as [
      PatientFixture,
      ...PatientFixture[],
    ];
    // a decider that books its chunk and dies before it stores the outcomes
    const hanging = otherCore({ drawAfterChunk: () => new Promise<void>(() => undefined) });
    const impatient = otherCore({ fairRelease: { windowMs: WINDOW_MS, types: [], maxWaitMs: IMPATIENT_WAIT_MS } });
    t.clock.set(releaseAt + 1);
    void place(hanging, stuck, s.id);
    await admitted(s.id, 1);
    t.clock.set(releaseAt + WINDOW_MS + CLAIM_GRACE_MS);
    await eventually(
      () => t.services.db.query('SELECT id FROM booking_order WHERE schedule_id = ?', [s.id]),
      (rows) => rows.length === 1,
    );
    // the seed is fixed now: the late tickets' places follow it, so the roles are given by it
    const [draw] = await t.services.db.query<{ seed: string }>('SELECT seed FROM release_draw WHERE schedule_id = ?', [
      s.id,
    ]);
    const order = drawOrder(
      draw!.seed,
      contenders.map((p) => p.personId),
    );
    const [toldWinner, answeredWinner, toldLoser] = order.map((id) => contenders.find((p) => p.personId === id)!);

    // requests that arrived in the window, seen only now: two wait 1 s at most, one 10 s
    const inWindow = releaseAt + WINDOW_MS - 1;
    const pending = [place(impatient, toldWinner!, s.id, inWindow), place(impatient, toldLoser!, s.id, inWindow)];
    const answered = place(t.services.booking, answeredWinner!, s.id, inWindow);
    await admitted(s.id, 4);
    t.clock.set(releaseAt + WINDOW_MS + IMPATIENT_WAIT_MS);
    expect(await Promise.all(pending)).toEqual([
      { ok: false, code: 'DRAW_PENDING' },
      { ok: false, code: 'DRAW_PENDING' },
    ]);
    const told = await ticketsOf(s.id);
    const toldIds = new Set(told.filter((r) => r.told_pending_at !== null).map((r) => String(r.person_id)));
    expect(toldIds).toEqual(new Set([toldWinner!.personId, toldLoser!.personId]));
    expect(await noticesOf(toldWinner!.accountId)).toEqual([]);

    // the lease lapses: the app's core resumes the draw (its waiting request claims it)
    t.clock.advance(LEASE_MS);
    const answer = await answered;
    expect(answer).toMatchObject({ ok: true });
    const tickets = new Map((await ticketsOf(s.id)).map((r) => [String(r.person_id), r]));
    expect([stuck, toldWinner, answeredWinner, toldLoser].map((p) => tickets.get(p!.personId)!.outcome)).toEqual([
      'won',
      'won',
      'won',
      'lost',
    ]);

    // the relay passes the draw's booking events on without a notice of their own; a second pass decides nothing
    await t.services.outbox.runOnce();
    expect(await impatient.draw!.decideDue()).toBe(0);

    const won = await noticesOf(toldWinner!.accountId);
    const wonOrderId = String(tickets.get(toldWinner!.personId)!.order_id);
    expect(won.map((n) => [n.kind, n.source, n.order_id])).toEqual([
      ['draw-won', `draw:${String(tickets.get(toldWinner!.personId)!.id)}`, wonOrderId],
    ]);
    const wonOrder = await orderOf(wonOrderId);
    const params = JSON.parse(won[0]!.params) as Record<string, string>;
    expect(params.status).toBe('抽签成功');
    expect(params.tip).toBe(
      wonOrder.status === 'pending'
        ? `请于${beijingMinute(Number(wonOrder.pay_deadline)).slice(11)}前完成支付`
        : '请按时就诊',
    );

    const lost = await noticesOf(toldLoser!.accountId);
    expect(lost.map((n) => [n.kind, n.order_id])).toEqual([
      ['draw-lost', String(tickets.get(toldLoser!.personId)!.id)],
    ]);
    expect(JSON.parse(lost[0]!.params)).toMatchObject({ status: '未约上', tip: '号源已被抽完' });

    // answered in the response (and the dead process's own request): the booking's usual notice, once, no draw notice
    for (const p of [answeredWinner!, stuck]) {
      const notices = await noticesOf(p.accountId);
      expect(notices.map((n) => n.kind)).toHaveLength(1);
      expect(['booked', 'booked-unpaid']).toContain(notices[0]!.kind);
    }
  }, 30_000);

  it('tells holders answered in the response nothing more: the loser none, the winner its booking', async () => {
    const releaseAt = t.clock.now() + 60_000;
    const s = await releasedSession(1, releaseAt);
    const patients = await createPatients(t.services.db, 3, { now: t.clock.now() });
    t.clock.set(releaseAt + 10);
    const answers = patients.map((p) => place(t.services.booking, p, s.id));
    await admitted(s.id, 3);
    t.clock.set(releaseAt + WINDOW_MS + CLAIM_GRACE_MS);
    const results = await Promise.all(answers);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    await t.services.outbox.runOnce();
    const kinds = await Promise.all(patients.map(async (p) => (await noticesOf(p.accountId)).map((n) => n.kind)));
    results.forEach((r, i) => {
      if (r.ok) expect(kinds[i]).toEqual([expect.stringMatching(/^booked(-unpaid)?$/)]);
      else expect(kinds[i]).toEqual([]);
    });
    expect((await ticketsOf(s.id)).every((r) => r.told_pending_at === null)).toBe(true);
  });
});
