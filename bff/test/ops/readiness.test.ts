import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic, createPatients, createSession, type Clinic } from '../support/fixtures.js';
import { bookThroughApi } from '../support/booking.js';
import { freePort } from '../support/processes.js';

describe.each(databaseKinds())('readiness on %s', (kind) => {
  describe('a hospital’s delivery backlog', () => {
    let t: TestApp;
    let clinic: Clinic;
    let code: string;

    beforeAll(async () => {
      t = await startTestApp(kind, { env: { READY_HOSPITAL_BACKLOG: '1', READY_HOSPITAL_LAG_SECONDS: '600' } });
      clinic = await createClinic(t.services.db, { now: t.clock.now() });
      const [row] = await t.services.db.query<{ code: string }>('SELECT code FROM hospital WHERE id = ?', [
        clinic.hospitalId,
      ]);
      code = row!.code;
    });
    afterAll(async () => t.close());

    it('is ready while the hospital takes its events', async () => {
      const r = await t.http.get('/readyz').expect(200);
      expect(r.body).toMatchObject({ status: 'ready', checks: { database: true, deliveries: true }, down: [] });
      expect(r.headers['cache-control']).toBe('no-store');
    });

    it('is degraded, still 200, with the hospital named, once its backlog passes the threshold', async () => {
      const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 5 });
      for (const p of await createPatients(t.services.db, 2, { now: t.clock.now() })) await bookThroughApi(t, p, s.id);
      await t.services.outbox.relay.drain();
      t.clock.advance(6000); // past the readiness' memory of its last reading
      const r = await t.http.get('/readyz').expect(200);
      expect(r.body.status).toBe('degraded');
      expect(r.body.checks).toMatchObject({ database: true, deliveries: false });
      expect(r.body.down).toEqual([]);
      expect(r.body.backlogged).toEqual([{ hospital: code, pending: 2, lagSeconds: expect.any(Number) }]);
    });
  });

  describe('Redis', () => {
    let t: TestApp;
    let closedPort: number;

    beforeAll(async () => {
      closedPort = await freePort();
      t = await startTestApp(kind, { env: { REDIS_URL: `redis://:secret-password@127.0.0.1:${closedPort}` } });
    });
    afterAll(async () => t.close());

    it('answers 503 naming Redis when it is down, without its address or password', async () => {
      const r = await t.http.get('/readyz').expect(503);
      expect(r.body).toMatchObject({
        status: 'unavailable',
        checks: { database: true, redis: false },
        down: ['redis'],
      });
      expect(r.text).not.toContain('secret-password');
      expect(r.text).not.toContain(String(closedPort));
      expect(r.text).not.toMatch(/ECONNREFUSED|Error|at /);
    });
  });

  (process.env.REDIS_URL ? describe : describe.skip)('Redis up', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(kind, { env: { REDIS_URL: process.env.REDIS_URL! } });
    });
    afterAll(async () => t.close());

    it('is ready with Redis answering', async () => {
      const r = await t.http.get('/readyz').expect(200);
      expect(r.body).toMatchObject({ status: 'ready', checks: { database: true, redis: true } });
    });
  });

  describe('the database', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(kind);
    });
    afterAll(async () => t.close());

    it('answers 503 naming the database when it is gone', async () => {
      await t.services.db.ds.destroy();
      const r = await t.http.get('/readyz').expect(503);
      expect(r.body).toEqual({
        status: 'unavailable',
        checks: { database: false },
        down: ['database'],
        backlogged: [],
      });
    });
  });
});
