import crypto from 'node:crypto';
import { HospitalNonces } from '../../src/hospital/nonces.js';
import { signedHeaders } from '../../src/hospital/signature.js';
import { addDays, shanghaiDate } from '../../src/shared/time.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { hospitalClient } from '../support/hospital-client.js';
import {
  createClinic,
  createPatients,
  createSession,
  idemKey,
  type Clinic,
  type PatientFixture,
} from '../support/fixtures.js';

describe.each(databaseKinds())('hospital interface on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let other: Clinic;
  let code: string;
  let otherCode: string;
  let secret: string;
  let otherSecret: string;
  let p: PatientFixture[];
  const tokens: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind);
    clinic = await createClinic(t.services.db, { now: t.clock.now(), departments: 3 });
    other = await createClinic(t.services.db, { now: t.clock.now() });
    [code, otherCode] = (await Promise.all(
      [clinic, other].map(
        async (c) =>
          (
            await t.services.db.query<{ code: string }>('SELECT code FROM hospital WHERE id = ?', [c.hospitalId])
          )[0]!.code,
      ),
    )) as [string, string];
    secret = (await t.http.get(`/sandbox/hospitals/${code}/credentials`).expect(200)).body.secret;
    otherSecret = (await t.http.get(`/sandbox/hospitals/${otherCode}/credentials`).expect(200)).body.secret;
    p = await createPatients(t.services.db, 3, { now: t.clock.now() });
    for (const x of p) tokens.push((await t.services.tokens.issue(x.accountId)).token);
  });
  afterAll(async () => t.close());

  const day = (n: number) => addDays(shanghaiDate(t.clock.now()), n);

  /** A signed call of the clinic's HIS (or, with options, one that is not quite). */
  const call: ReturnType<typeof hospitalClient> = (...args) => hospitalClient(t, { code, secret })(...args);

  const bookFor = async (i: number, departmentIndex: number, date: string) => {
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 3,
      date,
      departmentId: clinic.departmentIds[departmentIndex],
    });
    const r = await t.http
      .post('/api/v1/orders')
      .set('Authorization', `Bearer ${tokens[i]}`)
      .set('Idempotency-Key', idemKey())
      .send({ patientId: p[i]!.patientId, scheduleId: s.id })
      .expect(201);
    return r.body.id as string;
  };

  it('gives each sandbox hospital its credentials, the same on every read', async () => {
    const r = await t.http.get(`/sandbox/hospitals/${code}/credentials`).expect(200);
    expect(r.body).toEqual({
      hospitalCode: code,
      secret,
      webhookUrl: expect.stringMatching(new RegExp(`/his/${code}/events$`)),
    });
    expect(secret).toMatch(/^hs_[A-Za-z0-9_-]{43}$/);
    await t.http.get('/sandbox/hospitals/NO-SUCH/credentials').expect(404);
    const [stored] = await t.services.db.query<{ secret_enc: string }>(
      'SELECT secret_enc FROM hospital_secret LIMIT 1',
    );
    expect(stored!.secret_enc).not.toContain(secret.slice(3));
  });

  it('answers a correctly signed call', async () => {
    const r = await call('GET', `/api/hospital/v1/orders?date=${day(2)}`, undefined).expect(200);
    expect(r.body).toEqual({ items: [], next: null });
  });

  it.each([
    ['no signature headers', 'HOSPITAL_SIGNATURE_MISSING'],
    ['an unknown hospital code', 'HOSPITAL_UNKNOWN'],
    ['a timestamp 301 s behind', 'HOSPITAL_TIMESTAMP_SKEWED'],
    ['a timestamp 301 s ahead', 'HOSPITAL_TIMESTAMP_SKEWED'],
    ['a short nonce', 'HOSPITAL_NONCE_INVALID'],
    ['another hospital’s code', 'HOSPITAL_SIGNATURE_INVALID'],
    ['a changed body', 'HOSPITAL_SIGNATURE_INVALID'],
    ['a wrong secret', 'HOSPITAL_SIGNATURE_INVALID'],
  ])('refuses %s with 401 %s', async (what, errorCode) => {
    const orderId = crypto.randomUUID();
    const target = `/api/hospital/v1/orders/${orderId}/attendance`;
    const body = { status: 'arrived' };
    const r = await (() => {
      switch (what) {
        case 'no signature headers':
          return t.http.post(target).send(body);
        case 'an unknown hospital code':
          return call('POST', target, body, { as: 'NO-SUCH-HOSPITAL' });
        case 'a timestamp 301 s behind':
          return call('POST', target, body, { at: t.clock.now() - 301_000 });
        case 'a timestamp 301 s ahead':
          return call('POST', target, body, { at: t.clock.now() + 301_000 });
        case 'a short nonce':
          return call('POST', target, body, { nonce: 'short-nonce' });
        case 'another hospital’s code':
          return call('POST', target, body, { as: otherCode });
        case 'a changed body':
          return call('POST', target, body, { sendBody: JSON.stringify({ status: 'noshow' }) });
        default:
          return call('POST', target, body, { secret: `hs_${crypto.randomBytes(32).toString('base64url')}` });
      }
    })();
    expect([r.status, r.body.error?.code]).toEqual([401, errorCode]);
    expect(r.body.error.message).toEqual(expect.any(String));
  });

  it('accepts HMAC-SM3 named in X-Signature-Method, and refuses it wrong as it refuses HMAC-SHA256', async () => {
    const target = `/api/hospital/v1/orders?date=${day(2)}`;
    const r = await call('GET', target, undefined, { method: 'HMAC-SM3' }).expect(200);
    expect(r.body).toEqual({ items: [], next: null });
    const wrongSecret = `hs_${crypto.randomBytes(32).toString('base64url')}`;
    const wrong = await call('GET', target, undefined, { method: 'HMAC-SM3', secret: wrongSecret });
    const changed = await call(
      'POST',
      `/api/hospital/v1/orders/${crypto.randomUUID()}/attendance`,
      {
        status: 'arrived',
      },
      { method: 'HMAC-SM3', sendBody: JSON.stringify({ status: 'noshow' }) },
    );
    // an HMAC-SM3 signature sent without the header is checked as HMAC-SHA256, and fails
    const unnamed = t.http
      .get(target)
      .set(
        Object.fromEntries(
          Object.entries(
            signedHeaders(code, secret, { method: 'GET', pathWithQuery: target, body: '' }, t.clock.now(), 'HMAC-SM3'),
          ).filter(([h]) => h !== 'x-signature-method'),
        ),
      );
    const unknown = call('GET', target, undefined, { method: 'HMAC-SM3' }).set('X-Signature-Method', 'HMAC-MD5');
    for (const refused of [wrong, changed, await unnamed, await unknown]) {
      expect([refused.status, refused.body.error?.code]).toEqual([401, 'HOSPITAL_SIGNATURE_INVALID']);
      expect(refused.body.error.message).toEqual(expect.any(String));
    }
  });

  it('accepts a timestamp just within 300 s either way', async () => {
    for (const at of [t.clock.now() - 299_000, t.clock.now() + 299_000]) {
      await call('GET', `/api/hospital/v1/orders?date=${day(2)}`, undefined, { at }).expect(200);
    }
  });

  it('refuses a replayed nonce, also when another process saw it first', async () => {
    const nonce = crypto.randomBytes(12).toString('hex');
    const target = `/api/hospital/v1/orders?date=${day(2)}`;
    await call('GET', target, undefined, { nonce }).expect(200);
    const again = await call('GET', target, undefined, { nonce }).expect(401);
    expect(again.body.error.code).toBe('HOSPITAL_NONCE_REPLAYED');
    // Nonces live in the database: a second process (its own nonce store) refuses what the first saw.
    const elsewhere = new HospitalNonces(t.services.db);
    expect(await elsewhere.remember(clinic.hospitalId, nonce, t.clock.now())).toBe(false);
    const fresh = crypto.randomBytes(12).toString('hex');
    expect(await elsewhere.remember(clinic.hospitalId, fresh, t.clock.now())).toBe(true);
    expect((await call('GET', target, undefined, { nonce: fresh }).expect(401)).body.error.code).toBe(
      'HOSPITAL_NONCE_REPLAYED',
    );
    // the same nonce is another hospital's to use
    await call('GET', target, undefined, { nonce, as: otherCode, secret: otherSecret }).expect(200);
  });

  it('rotates a secret: both sign while the hospital switches, the retired one no longer', async () => {
    const target = `/api/hospital/v1/orders?date=${day(2)}`;
    const next = await t.services.hospitals.secrets.issue(clinic.hospitalId, 'admin-1');
    await call('GET', target, undefined, { secret }).expect(200);
    await call('GET', target, undefined, { secret: next.secret }).expect(200);
    await expect(t.services.hospitals.secrets.issue(clinic.hospitalId, 'admin-1')).rejects.toThrow(/active secrets/);
    const [first] = (await t.services.hospitals.secrets.list(clinic.hospitalId)).filter((s) => s.id !== next.secretId);
    expect(await t.services.hospitals.secrets.retire(clinic.hospitalId, first!.id, 'admin-1')).toBe(true);
    const old = await call('GET', target, undefined, { secret }).expect(401);
    expect(old.body.error.code).toBe('HOSPITAL_SIGNATURE_INVALID');
    await call('GET', target, undefined, { secret: next.secret }).expect(200);
    secret = next.secret;
    const audit = await t.services.db.query<{ action: string }>(
      "SELECT action FROM audit_event WHERE action LIKE 'hospital.secret.%' AND target_id = ? ORDER BY at",
      [clinic.hospitalId],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'hospital.secret.issue',
      'hospital.secret.issue',
      'hospital.secret.retire',
    ]);
  });

  it('marks attendance once, only on its own bookings, and three no-shows suspend the patient', async () => {
    const orders = [await bookFor(0, 0, day(2)), await bookFor(0, 1, day(3)), await bookFor(0, 2, day(4))];
    const arrived = await call('POST', `/api/hospital/v1/orders/${orders[0]}/attendance`, { status: 'arrived' }).expect(
      200,
    );
    expect(arrived.body).toEqual({ orderId: orders[0], status: 'arrived', changed: true, blacklistedUntil: null });
    const again = await call('POST', `/api/hospital/v1/orders/${orders[0]}/attendance`, { status: 'arrived' }).expect(
      200,
    );
    expect(again.body.changed).toBe(false);
    const foreign = await call(
      'POST',
      `/api/hospital/v1/orders/${orders[1]}/attendance`,
      { status: 'noshow' },
      {
        as: otherCode,
        secret: otherSecret,
      },
    ).expect(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    const bad = await call('POST', `/api/hospital/v1/orders/${orders[1]}/attendance`, { status: 'late' }).expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');

    const noshows = [await bookFor(1, 0, day(2)), await bookFor(1, 1, day(3)), await bookFor(1, 2, day(4))];
    const answers = [];
    for (const id of noshows) {
      answers.push(
        (await call('POST', `/api/hospital/v1/orders/${id}/attendance`, { status: 'noshow' }).expect(200)).body,
      );
    }
    const until = shanghaiDate(t.clock.now() + 90 * 86_400_000);
    expect(answers.map((a) => a.blacklistedUntil)).toEqual([null, null, until]);
    const seen = await t.http.get('/api/v1/patients').set('Authorization', `Bearer ${tokens[1]}`).expect(200);
    expect(seen.body.items[0].blacklistedUntil).toBe(until);
    const order = await t.http
      .get(`/api/v1/orders/${noshows[0]}`)
      .set('Authorization', `Bearer ${tokens[1]}`)
      .expect(200);
    expect(order.body.status).toBe('noshow');
  });

  it('lists a visit date’s bookings to their hospital only, page by page', async () => {
    const date = day(6);
    const made = [await bookFor(2, 0, date), await bookFor(2, 1, date)];
    const first = await call('GET', `/api/hospital/v1/orders?date=${date}&limit=1`, undefined).expect(200);
    expect(first.body.items.map((o: { orderId: string }) => o.orderId)).toEqual([made[0]]);
    expect(first.body.items[0]).toMatchObject({
      status: 'booked',
      visitDate: date,
      slotSeq: 1,
      patient: { name: expect.any(String), idNumberMasked: expect.stringMatching(/\*{4,}/) },
    });
    const second = await call(
      'GET',
      `/api/hospital/v1/orders?date=${date}&limit=1&after=${first.body.next}`,
      undefined,
    ).expect(200);
    expect(second.body.items.map((o: { orderId: string }) => o.orderId)).toEqual([made[1]]);
    const third = await call(
      'GET',
      `/api/hospital/v1/orders?date=${date}&limit=1&after=${second.body.next}`,
      undefined,
    ).expect(200);
    expect(third.body).toEqual({ items: [], next: null });
    const elsewhere = await call('GET', `/api/hospital/v1/orders?date=${date}`, undefined, {
      as: otherCode,
      secret: otherSecret,
    }).expect(200);
    expect(elsewhere.body.items).toEqual([]);
    const undated = await call('GET', '/api/hospital/v1/orders', undefined).expect(400);
    expect(undated.body.error.code).toBe('VALIDATION_FAILED');
  });
});
