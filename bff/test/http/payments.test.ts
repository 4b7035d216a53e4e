import crypto from 'node:crypto';
import { newId } from '../../src/shared/ids.js';
import { addDays, shanghaiDate } from '../../src/shared/time.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import {
  createClinic,
  createPatients,
  createSession,
  idemKey,
  type Clinic,
  type PatientFixture,
} from '../support/fixtures.js';

interface Record {
  id: string;
  orderId: string;
  orderNo: string;
  hospitalName: string;
  departmentName: string;
  channel: string;
  amountFen: number;
  paidAt: string;
  status: string;
  refunds: { amountFen: number; state: string; requestedAt: string; refundedAt: string | null }[];
}

/** 我的 › 支付记录 and an order's payment record: payments the channel confirmed, each account its own. */
describe.each(databaseKinds())('payments list on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let people: PatientFixture[];
  const tokens: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind, { listen: true, env: { PAYMENT_WINDOW_MINUTES: '15' } });
    clinic = await createClinic(t.services.db, { now: t.clock.now(), onlinePayment: true });
    people = await createPatients(t.services.db, 3, { now: t.clock.now() });
    for (const p of people) {
      tokens.push((await t.services.tokens.issue(p.accountId)).token);
      await t.services.db.query(
        `INSERT INTO account_identity (id, account_id, platform, open_id, union_id, created_at)
          VALUES (?, ?, ?, ?, ?, ?)`,
        [newId(), p.accountId, 'weapp', `o${crypto.randomBytes(13).toString('base64url')}`, null, t.clock.now()],
      );
    }
  });
  afterAll(async () => t.close());

  const as = (i: number) => ({ Authorization: `Bearer ${tokens[i]}` });
  const payments = async (i: number, query = '') =>
    (await t.http.get(`/api/v1/payments${query}`).set(as(i)).expect(200)).body as {
      items: Record[];
      total: number;
      page: number;
      pageSize: number;
    };
  const orderOf = async (i: number, id: string) =>
    (await t.http.get(`/api/v1/orders/${id}`).set(as(i)).expect(200)).body as {
      status: string;
      payment: { status: string };
    };

  /** Patient i books a paid session (day offset d) and, unless told otherwise, pays it on the WeChat Pay emulator. */
  async function book(i: number, d: number, feeFen: number, pay = true) {
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 2,
      date: addDays(shanghaiDate(t.clock.now()), d),
      feeFen,
    });
    const order = (
      await t.http
        .post('/api/v1/orders')
        .set(as(i))
        .set('Idempotency-Key', idemKey())
        .send({ patientId: people[i]!.patientId, scheduleId: s.id })
        .expect(201)
    ).body as { id: string; orderNo: string };
    const ticket = (
      await t.http.post(`/api/v1/orders/${order.id}/pay`).set(as(i)).send({ channel: 'wechat' }).expect(200)
    ).body;
    if (pay) {
      const prepayId = String(ticket.params.requestPayment.package).replace('prepay_id=', '');
      const res = await fetch(`${t.sandbox!.url}/wechatpay/sandbox/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prepayId, action: 'pay' }),
      });
      expect(res.status).toBe(200);
      const booked = await eventually(
        () => orderOf(i, order.id),
        (o) => o.status === 'booked',
      );
      expect(booked.status).toBe('booked');
    }
    return order;
  }

  it('lists the account’s confirmed payments newest first, no unpaid trade, no other account’s', async () => {
    const first = await book(0, 2, 5000);
    const second = await book(0, 3, 1200);
    await book(0, 4, 800, false);
    const others = await book(1, 2, 3000);

    const mine = await payments(0);
    expect(mine.total).toBe(2);
    expect(mine.items.map((p) => p.orderId)).toEqual([second.id, first.id]);
    expect(mine.items[1]).toMatchObject({
      orderNo: first.orderNo,
      hospitalName: '测试医院',
      departmentName: '测试科1',
      channel: 'wechat',
      amountFen: 5000,
      status: 'paid',
      refunds: [],
    });
    expect(Date.parse(mine.items[1]!.paidAt)).toBeGreaterThan(0);

    const theirs = await payments(1);
    expect(theirs.items.map((p) => p.orderId)).toEqual([others.id]);
    // Asking for another account's booking by its id finds nothing.
    expect((await payments(0, `?orderId=${others.id}`)).items).toEqual([]);
    expect((await payments(2)).total).toBe(0);

    const one = await payments(0, `?orderId=${first.id}`);
    expect(one.items.map((p) => p.amountFen)).toEqual([5000]);
    const paged = await payments(0, '?page=2&pageSize=1');
    expect(paged).toMatchObject({ page: 2, pageSize: 1, total: 2 });
    expect(paged.items.map((p) => p.orderId)).toEqual([first.id]);
  });

  it('shows a cancelled booking’s refund on its payment until the money is back', async () => {
    const order = await book(2, 5, 4200);
    await t.http.post(`/api/v1/orders/${order.id}/cancel`).set(as(2)).send({}).expect(200);
    const record = await eventually(
      async () => (await payments(2, `?orderId=${order.id}`)).items[0],
      (p) => p?.status === 'refunded',
    );
    expect(record).toMatchObject({ amountFen: 4200, status: 'refunded' });
    expect(record!.refunds).toEqual([
      { amountFen: 4200, state: 'refunded', requestedAt: expect.any(String), refundedAt: expect.any(String) },
    ]);
  });

  it('asks for a session and refuses a malformed query with a readable 400', async () => {
    const anonymous = await t.http.get('/api/v1/payments').expect(401);
    expect(anonymous.body.error.code).toBeDefined();
    const bad = await t.http.get('/api/v1/payments?orderId=not%20an%20id').set(as(0)).expect(400);
    expect(bad.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    await t.http.get('/api/v1/payments?pageSize=500').set(as(0)).expect(400);
    const doc = (await t.http.get('/openapi.json').expect(200)).body;
    expect(doc.paths['/api/v1/payments'].get.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.schemas.PaymentRecord.properties).toHaveProperty('refunds');
  });
});
