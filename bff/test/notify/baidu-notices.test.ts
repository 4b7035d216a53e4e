import crypto from 'node:crypto';
import { AccountIdentity } from '../../src/db/entities/index.js';
import { insertRows } from '../../src/db/sql/table.js';
import { newId } from '../../src/shared/ids.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { createClinic, createPatients, createSession, type Clinic, type PatientFixture } from '../support/fixtures.js';
import { auth } from '../support/identity.js';
import { notificationsOf, outboxEvent, relay, smsTo, withPhone } from './notice-support.js';
import { bookThroughApi } from '../support/booking.js';

/** Baidu users who paid at the Baidu cashier hear through its template messages (scene: the cashier order). */
describe.each(databaseKinds())('Baidu template notices on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;

  beforeAll(async () => {
    t = await startTestApp(kind, { listen: true });
    clinic = await createClinic(t.services.db, { now: t.clock.now(), onlinePayment: true });
  });
  afterAll(async () => t.close());

  it('sends a paid order’s notices as template messages, the unpaid booking’s by SMS', async () => {
    const [p] = (await createPatients(t.services.db, 1, { now: t.clock.now() })) as [PatientFixture];
    const phone = await withPhone(t, p);
    const openId = crypto.randomBytes(13).toString('base64url');
    await t.services.db.write((tx) =>
      insertRows(tx, AccountIdentity, [
        { id: newId(), accountId: p.accountId, platform: 'swan', openId, unionId: null, createdAt: 0 },
      ]),
    );
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 3 });
    const orderId = await bookThroughApi(t, p, s.id);
    await relay(t, [outboxEvent(clinic, orderId, 'booking.created', 'patient', t.clock.now())]);
    await t.services.notices.sender.runOnce();

    const session = await t.services.tokens.issue(p.accountId);
    const ticket = await t.http
      .post(`/api/v1/orders/${orderId}/pay`)
      .set(auth(session.token))
      .send({ channel: 'baidu' });
    expect(ticket.status).toBe(200);
    const paid = await fetch(`${t.sandbox!.url}/baidu/sandbox/pay`, {
      method: 'POST',
      body: JSON.stringify({ orderInfo: ticket.body.params.orderInfo, action: 'pay' }),
    });
    expect(paid.status).toBe(200);
    await eventually(
      () =>
        t.services.db.query<{ paid_at: number | null }>('SELECT paid_at FROM payment WHERE order_id = ?', [orderId]),
      (rows) => rows[0]?.paid_at != null,
    );
    t.clock.advance(1000);
    await relay(t, [outboxEvent(clinic, orderId, 'payment.succeeded', null, t.clock.now())]);
    await t.services.notices.sender.runOnce();

    expect((await notificationsOf(t, phone)).map((n) => `${n.kind}:${n.channel}`)).toEqual([
      'paid:baidu',
      'booked-unpaid:sms',
    ]);
    expect(smsTo(t, phone)).toHaveLength(1);
    const sent = await fetch(`${t.sandbox!.url}/baidu/sandbox/template-messages?touser_openId=${openId}`);
    const items = ((await sent.json()) as { items: { data: Record<string, string>; sceneId: string }[] }).items;
    expect(items).toHaveLength(1);
    expect(items[0]!.data).toMatchObject({ keyword3: '支付成功' });
    const [payment] = await t.services.db.query<{ channel_trade_no: string }>(
      'SELECT channel_trade_no FROM payment WHERE order_id = ?',
      [orderId],
    );
    expect(items[0]!.sceneId).toBe(payment!.channel_trade_no);
  });
});
