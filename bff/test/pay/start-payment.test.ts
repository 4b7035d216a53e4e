import { databaseKinds } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  createClinic,
  createPatients,
  createSession,
  idemKey,
  type Clinic,
  type PatientFixture,
} from '../support/fixtures.js';
import { addDays, shanghaiDate } from '../../src/shared/time.js';

/** The order API's payment step, up to the channel: which bookings may be paid, and the answers when not. */
describe.each(databaseKinds())('starting a payment on %s', (kind) => {
  let t: TestApp;
  let payClinic: Clinic;
  let counterClinic: Clinic;
  let p: PatientFixture[];
  const tokens: string[] = [];

  beforeAll(async () => {
    // This deployment does not take the Baidu cashier.
    t = await startTestApp(kind, { env: { PAYMENT_WINDOW_MINUTES: '15', BAIDU_PAY: 'false' } });
    payClinic = await createClinic(t.services.db, { now: t.clock.now(), onlinePayment: true });
    counterClinic = await createClinic(t.services.db, { now: t.clock.now() });
    p = await createPatients(t.services.db, 4, { now: t.clock.now() });
    for (const x of p) tokens.push((await t.services.tokens.issue(x.accountId)).token);
  });
  afterAll(async () => t.close());

  const day = (n: number) => addDays(shanghaiDate(t.clock.now()), n);
  const as = (i: number) => ({ Authorization: `Bearer ${tokens[i]}` });
  const book = async (i: number, clinic: Clinic, day: string) => {
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 3, date: day, feeFen: 5000 });
    return (
      await t.http
        .post('/api/v1/orders')
        .set(as(i))
        .set('Idempotency-Key', idemKey())
        .send({ patientId: p[i]!.patientId, scheduleId: s.id })
        .expect(201)
    ).body;
  };
  const pay = (i: number, orderId: string, body: object = { channel: 'wechat' }) =>
    t.http.post(`/api/v1/orders/${orderId}/pay`).set(as(i)).send(body);
  const paymentRows = async () =>
    Number((await t.services.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM payment'))[0]!.n);

  it('refuses a booking paid at the hospital with PAYMENT_NOT_REQUIRED', async () => {
    const order = await book(0, counterClinic, day(1));
    expect(order.payment.status).toBe('pay-at-hospital');
    const r = await pay(0, order.id).expect(409);
    expect(r.body.error).toMatchObject({ code: 'PAYMENT_NOT_REQUIRED', message: '该预约无需在线支付' });
  });

  it("hides another account's booking (404) and validates the channel (400)", async () => {
    const order = await book(1, payClinic, day(1));
    expect((await pay(2, order.id).expect(404)).body.error.code).toBe('NOT_FOUND');
    expect((await pay(1, order.id, { channel: 'unionpay' }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await pay(1, "1' OR '1'='1").expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await pay(1, 'no-such-order').expect(404)).body.error.code).toBe('NOT_FOUND');
    await t.http.post(`/api/v1/orders/${order.id}/pay`).send({ channel: 'wechat' }).expect(401);
  });

  it('answers PAYMENT_UNAVAILABLE in Chinese for a channel not configured here, and records nothing', async () => {
    const order = await book(3, payClinic, day(2));
    const before = await paymentRows();
    const r = await pay(3, order.id, { channel: 'baidu' }).expect(503);
    expect(r.body.error).toMatchObject({ code: 'PAYMENT_UNAVAILABLE', message: expect.stringMatching(/支付/) });
    expect(await paymentRows()).toBe(before);
  });

  it('refuses a booking past its payment window with PAYMENT_TIMED_OUT, before and after it is closed', async () => {
    const order = await book(2, payClinic, day(3));
    t.clock.advance(15 * 60_000 + 1);
    expect((await pay(2, order.id).expect(409)).body.error.code).toBe('PAYMENT_TIMED_OUT');
    expect(await t.services.booking.expireUnpaid()).toBeGreaterThanOrEqual(1);
    const r = await pay(2, order.id).expect(409);
    expect(r.body.error).toMatchObject({ code: 'PAYMENT_TIMED_OUT', message: '支付已超时，号源已释放' });
  });

  it('refuses notifies for channels it does not know without touching anything', async () => {
    await t.http.post('/api/v1/payments/notify/unionpay').send('{}').expect(404);
    await t.http
      .post('/api/v1/payments/notify/baidu')
      .set('content-type', 'application/json')
      .send('{"id":"x"}')
      .expect(404);
    expect(Number((await t.services.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM pay_notify'))[0]!.n)).toBe(0);
  });
});
