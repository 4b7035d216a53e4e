import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic, createPatients, createSession, idemKey, type Clinic } from '../support/fixtures.js';
import { latestSmsCode, makePhone } from '../support/identity.js';

/** Every booking records where it came from: the platform the patient logged in on (or H5) and the edition. */
describe.each(databaseKinds())('order origin on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;

  beforeAll(async () => {
    t = await startTestApp(kind);
    clinic = await createClinic(t.services.db, { now: t.clock.now() });
  });
  afterAll(async () => t.close());

  const origin = async (orderId: string) =>
    (
      await t.services.db.query<{ channel: string | null; edition: string | null; agent_id: string | null }>(
        'SELECT channel, edition, agent_id FROM booking_order WHERE id = ?',
        [orderId],
      )
    )[0];

  async function bookWith(token: string, patientId: string, body: Record<string, unknown> = {}) {
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 3 });
    const r = await t.http
      .post('/api/v1/orders')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', idemKey())
      .send({ scheduleId: s.id, patientId, ...body });
    expect(r.status).toBe(201);
    return r.body.id as string;
  }

  it('counts a booking under the platform of the login, and in the edition the app names', async () => {
    const [p] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    for (const channel of ['weapp', 'alipay', 'swan', 'h5'] as const) {
      const { token } = await t.services.tokens.issue(p!.accountId, channel);
      const orderId = await bookWith(token, p!.patientId, channel === 'alipay' ? { edition: 'elder' } : {});
      expect(await origin(orderId)).toEqual({
        channel,
        edition: channel === 'alipay' ? 'elder' : 'standard',
        agent_id: null,
      });
      await t.http
        .post(`/api/v1/orders/${orderId}/cancel`)
        .set('Authorization', `Bearer ${token}`)
        .send({})
        .expect(200);
    }
  });

  it('names the channel in the token of each login, and a renewed token keeps it', async () => {
    const platform = await t.http.post('/api/v1/auth/login').send({ platform: 'swan', code: 'sandbox:origin' });
    expect((await t.services.tokens.verifySession(platform.body.token)).channel).toBe('swan');
    const renewed = await t.http
      .post('/api/v1/auth/refresh')
      .set('Authorization', `Bearer ${platform.body.token}`)
      .send({});
    expect(renewed.status).toBe(200);
    expect((await t.services.tokens.verifySession(renewed.body.token)).channel).toBe('swan');

    for (const [sent, channel] of [
      ['alipay', 'alipay'],
      [undefined, 'h5'],
    ] as const) {
      const phone = makePhone();
      await t.http.post('/api/v1/auth/sms/send').send({ phone, purpose: 'login' }).expect(200);
      const code = await latestSmsCode(t, phone);
      const r = await t.http
        .post('/api/v1/auth/sms/login')
        .send({ phone, code, ...(sent ? { platform: sent } : {}) })
        .expect(200);
      expect((await t.services.tokens.verifySession(r.body.token)).channel).toBe(channel);
    }
  });

  it('refuses an edition or platform it does not know, with the field named', async () => {
    const [p] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    const { token } = await t.services.tokens.issue(p!.accountId, 'weapp');
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 3 });
    const bad = await t.http
      .post('/api/v1/orders')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', idemKey())
      .send({ scheduleId: s.id, patientId: p!.patientId, edition: 'large' })
      .expect(400);
    expect(bad.body.error.details[0].path).toBe('body.edition');
    const sms = await t.http
      .post('/api/v1/auth/sms/login')
      .send({ phone: makePhone(), code: '123456', platform: 'phone' })
      .expect(400);
    expect(sms.body.error.code).toBe('VALIDATION_FAILED');
  });
});
