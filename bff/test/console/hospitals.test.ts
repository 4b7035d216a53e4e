import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../support/app.js';
import { bookThroughApi } from '../support/booking.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic, createPatients, createSession, type Clinic } from '../support/fixtures.js';
import { hospitalClient } from '../support/hospital-client.js';
import { auditOf, consoleCaller, type ConsoleCaller } from './console-support.js';

/** A hospital's webhook that answers 503 until told otherwise. */
async function webhook(): Promise<{ url: string; up: boolean; close(): Promise<void> }> {
  const state = { up: false };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(state.up ? 200 : 503, { 'content-type': 'application/json' });
      res.end(state.up ? '{}' : '{"error":"HIS under maintenance"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/his/events`;
  return Object.assign(state, {
    url,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  });
}

describe.each(databaseKinds())('the hospitals registry in the console on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let admin: ConsoleCaller;
  let auditor: ConsoleCaller;
  let code: string;
  const path = () => `/api/v1/console/hospitals/${clinic.hospitalId}`;

  beforeAll(async () => {
    t = await startTestApp(kind, { env: { HOSPITAL_PUSH_TIMEOUT_MS: '500' } });
    clinic = await createClinic(t.services.db, { now: t.clock.now() });
    code = (
      await t.services.db.query<{ code: string }>('SELECT code FROM hospital WHERE id = ?', [clinic.hospitalId])
    )[0]!.code;
    admin = await consoleCaller(t, 'admin');
    auditor = await consoleCaller(t, 'auditor');
  });
  afterAll(async () => t.close());

  it('lists each hospital with its code, level, district, addresses and a quiet delivery health', async () => {
    const list = await auditor.call('get', '/api/v1/console/hospitals').expect(200);
    const entry = list.body.items.find((h: { id: string }) => h.id === clinic.hospitalId);
    expect(entry).toMatchObject({
      code,
      name: expect.any(String),
      level: expect.any(String),
      levelLabel: expect.any(String),
      district: expect.any(String),
      secrets: [],
      endpoints: { webhookUrl: null, fhirBaseUrl: null, dicomwebBaseUrl: null },
      delivery: {
        pending: 0,
        oldestPendingAt: null,
        lastSuccessAt: null,
        lastFailure: null,
        failuresLast24h: 0,
        stream: { lastSeq: 0, firstPendingSeq: null },
      },
    });
    await auditor.call('get', '/api/v1/console/hospitals/nosuchhospital').expect(404);
  });

  it('sets the addresses as the CLI does (trailing slashes dropped, empty clears), refusing a bad URL', async () => {
    const set = await admin
      .call('put', `${path()}/endpoints`, {
        fhirBaseUrl: 'https://fhir.his.example/r4/',
        dicomwebBaseUrl: 'http://pacs.example/dicom-web',
      })
      .expect(200);
    expect(set.body.endpoints).toEqual({
      webhookUrl: null,
      fhirBaseUrl: 'https://fhir.his.example/r4',
      dicomwebBaseUrl: 'http://pacs.example/dicom-web',
    });
    const cleared = await admin.call('put', `${path()}/endpoints`, { dicomwebBaseUrl: '' }).expect(200);
    expect(cleared.body.endpoints).toMatchObject({ fhirBaseUrl: 'https://fhir.his.example/r4', dicomwebBaseUrl: null });
    for (const body of [
      { webhookUrl: 'ftp://his.example/events' },
      { webhookUrl: 'not a url' },
      { fhirBaseUrl: `https://his.example/${'x'.repeat(300)}` },
      { webhookUrl: 42 },
      {},
      { somethingElse: 'https://x.example' },
    ]) {
      const res = await admin.call('put', `${path()}/endpoints`, body);
      expect([JSON.stringify(body), res.status, res.body.error?.code]).toEqual([
        JSON.stringify(body),
        400,
        'VALIDATION_FAILED',
      ]);
    }
    const ftp = await admin.call('put', `${path()}/endpoints`, { webhookUrl: 'ftp://his.example/events' });
    expect(ftp.body.error.message).toMatch(/http:\/\/ 或 https:\/\//);
    const audited = (await auditOf(t, clinic.hospitalId)).filter((e) => e.action === 'hospital.endpoints.set');
    expect(audited.map((e) => [e.actor_type, e.actor_id])).toEqual([
      ['staff', admin.id],
      ['staff', admin.id],
    ]);
  });

  it('issues a secret shown only once, at most two active, and retires one so its calls are refused', async () => {
    const first = await admin.call('post', `${path()}/secrets`).expect(201);
    expect(first.body).toEqual({
      secretId: expect.any(String),
      secret: expect.stringMatching(/^hs_/),
      issuedAt: expect.any(String),
    });
    expect(first.headers['cache-control']).toBe('no-store');
    const entry = await admin.call('get', path()).expect(200);
    expect(entry.body.secrets).toEqual([
      { id: first.body.secretId, issuedAt: first.body.issuedAt, retiredAt: null, active: true },
    ]);
    expect(JSON.stringify(entry.body)).not.toContain(first.body.secret);
    expect(JSON.stringify((await admin.call('get', '/api/v1/console/hospitals').expect(200)).body)).not.toContain(
      first.body.secret,
    );

    const call = hospitalClient(t, { code, secret: first.body.secret });
    const date = new Date(t.clock.now()).toISOString().slice(0, 10);
    await call('GET', `/api/hospital/v1/orders?date=${date}`).expect(200);

    t.clock.advance(1000);
    const second = await admin.call('post', `${path()}/secrets`).expect(201);
    const full = await admin.call('post', `${path()}/secrets`).expect(409);
    expect(full.body.error.code).toBe('HOSPITAL_SECRETS_FULL');

    const retired = await admin.call('post', `${path()}/secrets/${first.body.secretId}/retire`).expect(200);
    expect(retired.body.secrets).toEqual([
      expect.objectContaining({ id: first.body.secretId, active: false, retiredAt: expect.any(String) }),
      expect.objectContaining({ id: second.body.secretId, active: true, retiredAt: null }),
    ]);
    const refused = await call('GET', `/api/hospital/v1/orders?date=${date}`);
    expect(refused.status).toBe(401);
    const again = await admin.call('post', `${path()}/secrets/${first.body.secretId}/retire`).expect(404);
    expect(again.body.error.code).toBe('HOSPITAL_SECRET_NOT_FOUND');
    await admin.call('post', '/api/v1/console/hospitals/nosuchhospital/secrets').expect(404);

    const trail = (await auditOf(t, clinic.hospitalId)).filter((e) => e.action.startsWith('hospital.secret.'));
    expect(trail.map((e) => [e.action, e.actor_type, e.actor_id, JSON.parse(e.detail!).secretId])).toEqual([
      ['hospital.secret.issue', 'staff', admin.id, first.body.secretId],
      ['hospital.secret.issue', 'staff', admin.id, second.body.secretId],
      ['hospital.secret.retire', 'staff', admin.id, first.body.secretId],
    ]);
  });

  it('counts what waits and what failed for a hospital whose webhook is down, then its recovery', async () => {
    const down = await createClinic(t.services.db, { now: t.clock.now() });
    const hook = await webhook();
    try {
      const at = `/api/v1/console/hospitals/${down.hospitalId}`;
      await admin.call('post', `${at}/secrets`).expect(201);
      await admin.call('put', `${at}/endpoints`, { webhookUrl: hook.url }).expect(200);
      const session = await createSession(t.services.db, down, { now: t.clock.now(), capacity: 3, feeFen: 0 });
      const [p1, p2] = await createPatients(t.services.db, 2, { now: t.clock.now() });
      const bookedAt = t.clock.now();
      await bookThroughApi(t, p1!, session.id);
      await bookThroughApi(t, p2!, session.id);
      await t.services.outbox.runOnce();

      t.clock.advance(10_000);
      const health = async () => (await auditor.call('get', at).expect(200)).body.delivery;
      let h = await health();
      expect(h).toMatchObject({
        pending: 2,
        oldestPendingAt: new Date(bookedAt).toISOString(),
        oldestPendingAgeSeconds: 10,
        lastSuccessAt: null,
        lastFailure: { at: new Date(bookedAt).toISOString(), error: expect.stringMatching(/^HTTP 503/) },
        failuresLast24h: 1,
        consecutiveFailures: 1,
        nextAttemptAt: expect.any(String),
        stream: { lastSeq: 2, firstPendingSeq: 1 },
      });

      await t.services.outbox.runOnce(); // the back-off of a few seconds is over: tried and failed again
      h = await health();
      expect(h).toMatchObject({ pending: 2, failuresLast24h: 2, consecutiveFailures: 2 });
      expect(h.lastFailure.at).toBe(new Date(t.clock.now()).toISOString());

      hook.up = true;
      t.clock.advance(60_000);
      await t.services.outbox.runOnce();
      h = await health();
      expect(h).toMatchObject({
        pending: 0,
        oldestPendingAt: null,
        lastSuccessAt: new Date(t.clock.now()).toISOString(),
        failuresLast24h: 2,
        consecutiveFailures: 0,
        nextAttemptAt: null,
        stream: { lastSeq: 2, firstPendingSeq: null },
      });

      t.clock.advance(25 * 3600_000);
      const later = await consoleCaller(t, 'auditor'); // the other session has long timed out
      expect((await later.call('get', at).expect(200)).body.delivery).toMatchObject({
        failuresLast24h: 0,
        lastFailure: { error: expect.stringMatching(/503/) },
      });
    } finally {
      await hook.close();
    }
  });
});
