import crypto from 'node:crypto';
import { startMetricsListener, type MetricsListener } from '../../src/ops/metrics/metrics-listener.js';
import { newId } from '../../src/shared/ids.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { createClinic, createPatients, createSession, idemKey, type Clinic } from '../support/fixtures.js';
import { auth } from '../support/identity.js';
import { parseSamples, sampleSum } from '../support/prometheus.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe.each(databaseKinds())('metrics on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let listener: MetricsListener;
  const token = crypto.randomBytes(24).toString('hex');
  /** Every id this suite made: none may show up in a label. */
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind, { listen: true });
    clinic = await createClinic(t.services.db, { now: t.clock.now(), onlinePayment: true });
    ids.push(clinic.hospitalId, ...clinic.departmentIds);
    listener = await startMetricsListener({
      host: '127.0.0.1',
      port: 0,
      token,
      render: t.services.metrics.render,
      logger: t.services.logger,
    });
  });
  afterAll(async () => {
    await listener.close();
    await t.close();
  });

  const scrape = async () => {
    const r = await fetch(`http://127.0.0.1:${listener.port}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return r.text();
  };
  const delta = async (work: () => Promise<void>, name: string, labels: Record<string, string>) => {
    const before = sampleSum(await scrape(), name, labels);
    await work();
    return sampleSum(await scrape(), name, labels) - before;
  };

  async function person() {
    const [p] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    ids.push(p!.accountId, p!.patientId, p!.personId);
    const { token: session } = await t.services.tokens.issue(p!.accountId);
    return { ...p!, session };
  }
  const book = (p: { patientId: string; session: string }, scheduleId: string) =>
    t.http
      .post('/api/v1/orders')
      .set(auth(p.session))
      .set('Idempotency-Key', idemKey())
      .send({ scheduleId, patientId: p.patientId });

  it('is refused without the key and is not served on the public port', async () => {
    const base = `http://127.0.0.1:${listener.port}/metrics`;
    expect((await fetch(base)).status).toBe(401);
    expect((await fetch(base, { headers: { authorization: 'Bearer wrong-token-of-some-length' } })).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${listener.port}/other`)).status).toBe(404);
    const open = await t.http.get('/metrics');
    expect(open.status).toBe(404);
    expect(open.text).not.toContain('cityhealth_');
    // and the Node defaults are there
    expect(sampleSum(await scrape(), 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('counts a booking and a refused booking under their operation and code', async () => {
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 1 });
    ids.push(s.id);
    const [first, second] = [await person(), await person()];
    const before = await scrape();
    const made = await book(first, s.id).expect(201);
    ids.push(made.body.id, made.body.orderNo);
    await book(second, s.id).expect(409);
    await t.http
      .post('/api/v1/orders')
      .set(auth(second.session))
      .send({ scheduleId: s.id, patientId: second.patientId });
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}) =>
      sampleSum(after, name, labels) - sampleSum(before, name, labels);
    expect(moved('cityhealth_bookings_total', { outcome: 'created' })).toBe(1);
    expect(moved('cityhealth_booking_refusals_total', { code: 'SLOT_GONE' })).toBe(1);
    expect(moved('cityhealth_booking_refusals_total', { code: 'VALIDATION_FAILED' })).toBe(1);
    expect(moved('cityhealth_http_requests_total', { operation: 'createOrder', status_class: '2xx' })).toBe(1);
    expect(moved('cityhealth_http_requests_total', { operation: 'createOrder', status_class: '4xx' })).toBe(2);
    expect(moved('cityhealth_http_request_duration_seconds_count', { operation: 'createOrder' })).toBe(3);
    // two requests reached a batch (the third failed its idempotency key first)
    expect(moved('cityhealth_booking_batch_size_count')).toBe(2);
    expect(moved('cityhealth_booking_batch_size_sum')).toBe(2);
  });

  it('counts fast-path reads, Koa reads and unmatched paths under their operation', async () => {
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 2 });
    const cache = t.services.scheduleViews.cache;
    let hitsAfterFirst = 0;
    // the first read fills the cache through Koa, the second is answered before Koa
    expect(
      await delta(
        async () => {
          await t.http.get(`/api/v1/schedules/${s.id}`).expect(200);
          hitsAfterFirst = cache.hits;
          await t.http.get(`/api/v1/schedules/${s.id}`).expect(200);
        },
        'cityhealth_http_requests_total',
        { operation: 'getSchedule', status_class: '2xx' },
      ),
    ).toBe(2);
    expect(cache.hits).toBe(hitsAfterFirst); // the second never reached Koa's cache lookup
    const unmatched = { operation: 'unmatched', status_class: '4xx' };
    expect(
      await delta(
        async () => void (await t.http.get(`/api/v1/no-such/${newId()}`).expect(404)),
        'cityhealth_http_requests_total',
        unmatched,
      ),
    ).toBe(1);
  });

  it('counts payment notifies by outcome', async () => {
    expect(
      await delta(
        async () =>
          void (await t.http
            .post('/api/v1/payments/notify/wechat')
            .set('content-type', 'application/json')
            .send('{"id":"forged"}')),
        'cityhealth_payment_notifies_total',
        { channel: 'wechat', outcome: 'rejected' },
      ),
    ).toBe(1);

    const p = await person();
    await t.services.db.query(
      `INSERT INTO account_identity (id, account_id, platform, open_id, union_id, created_at)
        VALUES (?, ?, ?, ?, ?, ?)`,
      [newId(), p.accountId, 'weapp', `o${crypto.randomBytes(13).toString('base64url')}`, null, t.clock.now()],
    );
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 2, feeFen: 1200 });
    const order = (await book(p, s.id).expect(201)).body as { id: string; orderNo: string };
    ids.push(s.id, order.id, order.orderNo);
    const applied = { channel: 'wechat', outcome: 'applied' };
    const before = sampleSum(await scrape(), 'cityhealth_payment_notifies_total', applied);
    const ticket = (
      await t.http.post(`/api/v1/orders/${order.id}/pay`).set(auth(p.session)).send({ channel: 'wechat' }).expect(200)
    ).body;
    const prepayId = String(ticket.params.requestPayment.package).replace('prepay_id=', '');
    const paid = await fetch(`${t.sandbox!.url}/wechatpay/sandbox/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prepayId, action: 'pay' }),
    });
    expect(paid.status).toBe(200);
    await eventually(
      async () => sampleSum(await scrape(), 'cityhealth_payment_notifies_total', applied),
      (n) => n === before + 1,
    );
  });

  it('reports the outbox and each hospital’s backlog, by hospital code', async () => {
    const text = await scrape();
    // the bookings above wrote events that no relay has moved yet (this app runs no jobs)
    expect(sampleSum(text, 'cityhealth_outbox_relay_waiting_events')).toBeGreaterThan(0);
    await t.services.outbox.relay.drain();
    const relayed = await scrape();
    expect(sampleSum(relayed, 'cityhealth_outbox_relay_waiting_events')).toBe(0);
    const [row] = await t.services.db.query<{ code: string }>('SELECT code FROM hospital WHERE id = ?', [
      clinic.hospitalId,
    ]);
    const code = row!.code;
    expect(sampleSum(relayed, 'cityhealth_hospital_delivery_backlog_events', { hospital: code })).toBeGreaterThan(0);
    t.clock.advance(120_000);
    expect(sampleSum(await scrape(), 'cityhealth_hospital_delivery_lag_seconds', { hospital: code })).toBeGreaterThan(
      119,
    );
  });

  it('counts job runs and failures by job', async () => {
    const jobs = t.services.metrics.jobs;
    const failed = await delta(
      async () => {
        await jobs.run('test-job', async () => 1);
        await expect(jobs.run('test-job', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      },
      'cityhealth_job_failures_total',
      { job: 'test-job' },
    );
    expect(failed).toBe(1);
    expect(sampleSum(await scrape(), 'cityhealth_job_runs_total', { job: 'test-job' })).toBe(2);
    if (kind === 'mariadb') {
      const text = await scrape();
      expect(sampleSum(text, 'cityhealth_db_pool_max_connections', { pool: 'orm' })).toBeGreaterThan(0);
      expect(sampleSum(text, 'cityhealth_db_pool_connections', { pool: 'orm', state: 'open' })).toBeGreaterThan(0);
    }
  });

  it('puts no id of a patient, an account or an order in any label', async () => {
    const samples = parseSamples(await scrape());
    expect(samples.length).toBeGreaterThan(50);
    expect(ids.length).toBeGreaterThan(10);
    for (const s of samples)
      for (const value of Object.values(s.labels)) {
        expect(value).not.toMatch(UUID);
        for (const id of ids) expect(value).not.toContain(id);
      }
  });
});
