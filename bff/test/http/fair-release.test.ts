import { CLAIM_GRACE_MS } from '../../src/core/booking/draw/fair-release.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { createClinic, createPatients, createSession, idemKey, type Clinic } from '../support/fixtures.js';
import { auth } from '../support/identity.js';
import { type StaffHeaders, staffHttp, staffSession } from '../support/staff.js';
import { shanghaiDate } from '../../src/shared/time.js';

describe.each(databaseKinds())('fair release through the API on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;

  beforeAll(async () => {
    t = await startTestApp(kind, {
      env: { FAIR_RELEASE_WINDOW_MS: '2000', FAIR_RELEASE_TYPES: 'expert', RATE_BOOKING_PER_IP_MINUTE: '1000' },
    });
    clinic = await createClinic(t.services.db, { now: t.clock.now() });
  });
  afterAll(() => t.close());

  it('shows the draw on a drawn session only, and answers the window’s bookings once the draw is decided', async () => {
    const releaseAt = t.clock.now() + 60_000;
    const drawn = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 2,
      type: 'expert',
      releaseAt,
    });
    const plain = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 2,
      type: 'general',
      period: 'afternoon',
      releaseAt,
    });
    const view = await t.http.get(`/api/v1/schedules/${drawn.id}`);
    expect(view.status).toBe(200);
    expect(view.body.fairDrawUntil).toBe(new Date(releaseAt + 2000).toISOString());
    expect((await t.http.get(`/api/v1/schedules/${plain.id}`)).body.fairDrawUntil).toBeUndefined();

    const patients = await createPatients(t.services.db, 5, { now: t.clock.now() });
    const tokens = await Promise.all(patients.map((p) => t.services.tokens.issue(p.accountId)));
    t.clock.set(releaseAt + 200);
    const answers = patients.map((p, i) =>
      t.http
        .post('/api/v1/orders')
        .set(auth(tokens[i]!.token))
        .set('Idempotency-Key', idemKey())
        .send({ scheduleId: drawn.id, patientId: p.patientId })
        .then((r) => r),
    );
    await eventually(
      () => t.services.db.query('SELECT id FROM draw_ticket WHERE schedule_id = ?', [drawn.id]),
      (rows) => rows.length === 5,
    );
    t.clock.set(releaseAt + 2000 + CLAIM_GRACE_MS);
    const results = await Promise.all(answers);
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409]);
    expect(new Set(results.filter((r) => r.status === 409).map((r) => r.body.error.code))).toEqual(
      new Set(['SLOT_GONE']),
    );
    expect(results.every((r) => !r.headers['idempotent-replayed'])).toBe(true);

    // the console's figures of the release
    const day = shanghaiDate(releaseAt);
    const admin: StaffHeaders = await staffSession(t, 'admin');
    const stats = await staffHttp(t)
      .get('/api/v1/console/statistics/draws')
      .query({ from: day, to: day })
      .set(admin)
      .expect(200);
    const [seed] = await t.services.db.query<{ seed: string }>('SELECT seed FROM release_draw WHERE schedule_id = ?', [
      drawn.id,
    ]);
    expect(stats.body.totals).toEqual({ draws: 1, entered: 5, won: 2 });
    expect(stats.body.draws).toEqual([
      expect.objectContaining({
        scheduleId: drawn.id,
        hospital: expect.objectContaining({ id: clinic.hospitalId }),
        state: 'decided',
        entered: 5,
        won: 2,
        releaseAt: new Date(releaseAt).toISOString(),
        seed: seed!.seed,
      }),
    ]);
    const other = await createClinic(t.services.db, { now: t.clock.now() });
    const elsewhere: StaffHeaders = await staffSession(t, 'scheduler', { hospitalId: other.hospitalId });
    await staffHttp(t)
      .get('/api/v1/console/statistics/draws')
      .query({ from: day, to: day, hospitalId: clinic.hospitalId })
      .set(elsewhere)
      .expect(403);
  });
});
