import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { createClinic, createPatients, createSession, idemKey, type PatientFixture } from '../../support/fixtures.js';
import { listen, postJson } from '../../support/http-client.js';

/* A freed slot is offered to the queue and to patients booking it at the same moment: the queue gets it, once. */

describe.each(databaseKinds())('the waitlist under concurrency on %s', (kind) => {
  let t: TestApp;
  let server: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    t = await startTestApp(kind, { env: { RATE_BOOKING_PER_IP_MINUTE: '100000' } });
    server = await listen(t.handler);
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  const tokenOf = async (p: PatientFixture) => (await t.services.tokens.issue(p.accountId)).token;
  const book = async (p: PatientFixture, scheduleId: string) =>
    postJson(
      `${server.url}/api/v1/orders`,
      { scheduleId, patientId: p.patientId },
      { authorization: `Bearer ${await tokenOf(p)}`, 'idempotency-key': idemKey() },
    );

  it('15 cancellations, 60 bookings and the sweep at once: the first 15 in the queue get the 15 slots', async () => {
    const clinic = await createClinic(t.services.db, { now: t.clock.now() });
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 30, feeFen: 0 });
    const holders = await createPatients(t.services.db, 30, { now: t.clock.now() });
    const orders: string[] = [];
    for (const h of holders) orders.push((await book(h, s.id)).body.id);
    const waiters = await createPatients(t.services.db, 20, { now: t.clock.now() });
    for (const w of waiters) {
      t.clock.advance(1); // one after another, as their order in the queue
      const r = await postJson(
        `${server.url}/api/v1/waitlist`,
        { scheduleId: s.id, patientId: w.patientId },
        { authorization: `Bearer ${await tokenOf(w)}` },
      );
      expect(r.status).toBe(201);
    }
    const direct = await createPatients(t.services.db, 60, { now: t.clock.now() });

    const results = await Promise.all([
      ...holders
        .slice(0, 15)
        .map(async (h, i) =>
          postJson(
            `${server.url}/api/v1/orders/${orders[i]}/cancel`,
            {},
            { authorization: `Bearer ${await tokenOf(h)}` },
          ),
        ),
      ...direct.map((p) => book(p, s.id)),
      t.services.waitlist.queue.sweep().then(() => ({ status: 0, body: null })),
      t.services.waitlist.queue.serve(s.id).then(() => ({ status: 0, body: null })),
    ]);
    await t.services.waitlist.queue.idle();
    await t.services.waitlist.queue.serve(s.id);

    expect(results.slice(0, 15).map((r) => r.status)).toEqual(Array(15).fill(200));
    const directAnswers = results.slice(15, 75);
    expect(new Set(directAnswers.map((r) => `${r.status} ${r.body.error?.code}`))).toEqual(new Set(['409 SLOT_GONE']));

    const [live] = await t.services.db.query<{ n: unknown; slots: unknown; persons: unknown }>(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT slot_id) AS slots, COUNT(DISTINCT person_id) AS persons FROM booking_order
        WHERE schedule_id = ? AND live = 1`,
      [s.id],
    );
    expect([Number(live!.n), Number(live!.slots), Number(live!.persons)]).toEqual([30, 30, 30]);
    const places = await t.services.db.query<{ person_id: string; status: string; order_id: string | null }>(
      'SELECT person_id, status, order_id FROM waitlist_entry WHERE schedule_id = ? ORDER BY joined_at, id',
      [s.id],
    );
    // first come, first served: the queue's first 15 were booked, the last 5 still wait
    expect(places.map((p) => p.status)).toEqual([...Array(15).fill('booked'), ...Array(5).fill('waiting')]);
    expect(places.map((p) => p.person_id)).toEqual(waiters.map((w) => w.personId));
    const [schedule] = await t.services.db.query<{ free_count: unknown; waiting_count: unknown }>(
      'SELECT free_count, waiting_count FROM schedule WHERE id = ?',
      [s.id],
    );
    expect([Number(schedule!.free_count), Number(schedule!.waiting_count)]).toEqual([0, 5]);
  });
});
