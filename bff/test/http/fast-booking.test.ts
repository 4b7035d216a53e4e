import type http from 'node:http';
import supertest from 'supertest';
import { withFastBooking } from '../../src/http/fast-booking.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import {
  createClinic,
  createPatients,
  createSession,
  idemKey,
  type Clinic,
  type PatientFixture,
} from '../support/fixtures.js';

type Case = (
  http: supertest.Agent,
  p: PatientFixture,
  token: string,
  scheduleId: string,
) => supertest.Test | Promise<supertest.Response>;

/** What two answers must share: status, body (ids, numbers and times aside) and headers (date and request id aside). */
function comparable(r: supertest.Response) {
  const headers = { ...r.headers };
  delete headers.date;
  delete headers['x-request-id'];
  delete headers['content-length'];
  delete headers.connection;
  delete headers['keep-alive'];
  const body = JSON.parse(JSON.stringify(r.body), (key, value) =>
    /^(id|orderNo)$/.test(key) || /At$|Deadline$|^deadline$|^at$/.test(key) ? typeof value : value,
  );
  return { status: r.status, headers, body };
}

describe.each(databaseKinds())('booking fast path on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let koaHits = 0;
  let fast: supertest.Agent;
  let koa: supertest.Agent;

  beforeAll(async () => {
    t = await startTestApp(kind);
    clinic = await createClinic(t.services.db, { now: t.clock.now(), departments: 3 });
    const koaOnly = t.app.callback();
    const countingKoa: http.RequestListener = (req, res) => {
      koaHits++;
      void koaOnly(req, res);
    };
    fast = supertest.agent(withFastBooking(t.services, countingKoa));
    koa = supertest.agent(koaOnly);
  });
  afterAll(async () => t.close());

  /** Runs a case through the fast path and through Koa alone, each with its own patient and session. */
  async function both(run: Case, options: { capacity?: number } = {}) {
    const out: supertest.Response[] = [];
    for (const agent of [fast, koa]) {
      const [p] = await createPatients(t.services.db, 1, { now: t.clock.now() });
      const { token } = await t.services.tokens.issue(p!.accountId);
      const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: options.capacity ?? 3 });
      out.push(await run(agent, p!, token, s.id));
    }
    expect(comparable(out[0]!)).toEqual(comparable(out[1]!));
    return out[0]!;
  }

  const post = (agent: supertest.Agent, token: string | null, key: string | null) => {
    const req = agent.post('/api/v1/orders').set('Content-Type', 'application/json');
    if (token) req.set('Authorization', `Bearer ${token}`);
    if (key) req.set('Idempotency-Key', key);
    return req;
  };

  it('books without Koa and answers exactly as the Koa route does', async () => {
    const before = koaHits;
    const r = await both((a, p, token, id) =>
      post(a, token, idemKey()).set('X-Request-Id', 'trace-0001').send({ scheduleId: id, patientId: p.patientId }),
    );
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      status: 'booked',
      slot: { seq: 1 },
      history: [expect.objectContaining({ status: 'booked' })],
    });
    expect(r.headers).toMatchObject({
      'x-request-id': 'trace-0001',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    expect(koaHits).toBe(before);
  });

  it('replays a retry with the same key as Koa does', async () => {
    const r = await both(async (a, p, token, id) => {
      const key = idemKey();
      await post(a, token, key).send({ scheduleId: id, patientId: p.patientId }).expect(201);
      return post(a, token, key).send({ scheduleId: id, patientId: p.patientId });
    });
    expect(r.headers['idempotent-replayed']).toBe('true');
  });

  it.each([
    ['broken JSON', '{"scheduleId":', 'INVALID_JSON'],
    ['a JSON string instead of an object', '"hello"', 'INVALID_JSON'],
    ['a __proto__ key', '{"__proto__":{"admin":true}}', 'INVALID_JSON'],
    ['an empty body', '', 'VALIDATION_FAILED'],
    ['a wrong type', '{"scheduleId":42,"patientId":"x"}', 'VALIDATION_FAILED'],
    ['SQL-looking text', `{"scheduleId":"1' OR '1'='1","patientId":"x; DROP TABLE slot"}`, 'VALIDATION_FAILED'],
  ])('refuses %s with the same error as Koa', async (_name, text, code) => {
    const before = koaHits;
    const r = await both((a, _p, token) => post(a, token, idemKey()).send(text));
    expect(r.body.error.code).toBe(code);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(koaHits).toBe(before);
  });

  it('checks the body before the login and the login before the schema, as Koa does', async () => {
    const badJson = await both((a) => post(a, null, idemKey()).send('{oops'));
    expect(badJson.body.error.code).toBe('INVALID_JSON');
    const noLogin = await both((a) => post(a, null, idemKey()).send({ scheduleId: 1 }));
    expect(noLogin.body.error.code).toBe('UNAUTHENTICATED');
    const badToken = await both((a) => post(a, 'not.a.token', idemKey()).send({}));
    expect(badToken.status).toBe(401);
  });

  it("asks for the Idempotency-Key and refuses a full session and a stranger's patient like Koa", async () => {
    const noKey = await both((a, p, token, id) =>
      post(a, token, null).send({ scheduleId: id, patientId: p.patientId }),
    );
    expect(noKey.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('Idempotency-Key'),
    });
    const full = await both(
      async (a, p, token, id) => {
        const [other] = await createPatients(t.services.db, 1, { now: t.clock.now() });
        const { token: otherToken } = await t.services.tokens.issue(other!.accountId);
        await post(a, otherToken, idemKey()).send({ scheduleId: id, patientId: other!.patientId }).expect(201);
        return post(a, token, idemKey()).send({ scheduleId: id, patientId: p.patientId });
      },
      { capacity: 1 },
    );
    expect(full.body.error.code).toBe('SLOT_GONE');
    const stranger = await both(async (a, _p, token, id) => {
      const [other] = await createPatients(t.services.db, 1, { now: t.clock.now() });
      return post(a, token, idemKey()).send({ scheduleId: id, patientId: other!.patientId });
    });
    expect(stranger.body.error.code).toBe('NOT_FOUND');
  });

  it('leaves other shapes to Koa: another media type, an oversized body', async () => {
    const before = koaHits;
    const text = await both((a, p, token, id) =>
      post(a, token, idemKey())
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify({ scheduleId: id, patientId: p.patientId })),
    );
    expect(text.status).toBe(400);
    const huge = await both((a, _p, token) => post(a, token, idemKey()).send({ pad: 'x'.repeat(70_000) }));
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(koaHits).toBe(before + 2);
  });
});
