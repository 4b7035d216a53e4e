import http from 'node:http';
import { withFastReads } from '../../src/http/fast-reads.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic, createPatients, createSession, idemKey } from '../support/fixtures.js';

describe.each(databaseKinds())('raw fast path for cached reads on %s', (kind) => {
  let t: TestApp;
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    server = http.createServer(withFastReads(t.services, t.app.callback()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await t.close();
  });

  it('answers a cached schedule view with the bytes Koa made, never a stale free count in this process', async () => {
    const clinic = await createClinic(t.services.db, { now: t.clock.now() });
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 3 });
    const cache = t.services.scheduleViews.cache;
    const first = await fetch(`${url}/api/v1/schedules/${s.id}`);
    const firstText = await first.text();
    const hitsAfterFirst = cache.hits;
    const second = await fetch(`${url}/api/v1/schedules/${s.id}`);
    expect(await second.text()).toBe(firstText);
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(second.headers.get('cache-control')).toBe('public, max-age=1');
    expect(cache.hits).toBe(hitsAfterFirst); // served by the fast path, not through Koa's cache lookup

    const [p] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    const { token } = await t.services.tokens.issue(p!.accountId);
    const booked = await fetch(`${url}/api/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': idemKey() },
      body: JSON.stringify({ scheduleId: s.id, patientId: p!.patientId }),
    });
    expect(booked.status).toBe(201);
    const after = (await (await fetch(`${url}/api/v1/schedules/${s.id}`)).json()) as { freeCount: number };
    expect(after.freeCount).toBe(2);
  });

  it('answers a cached doctor view (the doctor page) with the bytes Koa made', async () => {
    const clinic = await createClinic(t.services.db, { now: t.clock.now() });
    await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 2, doctorId: clinic.doctorId });
    const cache = t.services.scheduleViews.cache;
    const path = `${url}/api/v1/doctors/${clinic.doctorId}/schedules`;
    const first = await fetch(path);
    const firstText = await first.text();
    const hitsAfterFirst = cache.hits;
    const second = await fetch(path);
    expect(await second.text()).toBe(firstText);
    expect(second.headers.get('cache-control')).toBe('public, max-age=1');
    expect(cache.hits).toBe(hitsAfterFirst);
    expect((JSON.parse(firstText) as { schedules: unknown[] }).schedules).toHaveLength(1);
  });

  it('leaves invalid queries and unknown ids to Koa (clean 4xx)', async () => {
    await fetch(`${url}/api/v1/hospitals?page=1&pageSize=20`);
    const bad = await fetch(`${url}/api/v1/hospitals?page=1&pageSize=999`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    const missing = await fetch(`${url}/api/v1/schedules/nope-nope`);
    expect(missing.status).toBe(404);
    const hostile = await fetch(`${url}/api/v1/schedules/${encodeURIComponent("1' OR '1'='1")}`);
    expect(hostile.status).toBe(400);
  });
});
