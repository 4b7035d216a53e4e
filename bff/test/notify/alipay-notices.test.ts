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

/** Alipay users who paid there hear through Alipay template messages (the trade no is the form id). */
describe.each(databaseKinds())('Alipay template notices on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;

  beforeAll(async () => {
    t = await startTestApp(kind, { listen: true });
    clinic = await createClinic(t.services.db, { now: t.clock.now(), onlinePayment: true });
  });
  afterAll(async () => t.close());

  async function paidByAlipay() {
    const [p] = (await createPatients(t.services.db, 1, { now: t.clock.now() })) as [PatientFixture];
    const phone = await withPhone(t, p);
    const userId = `2088${crypto.randomInt(1e12).toString().padStart(12, '0')}`;
    await t.services.db.write((tx) =>
      insertRows(tx, AccountIdentity, [
        { id: newId(), accountId: p.accountId, platform: 'alipay', openId: userId, unionId: null, createdAt: 0 },
      ]),
    );
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 3 });
    const orderId = await bookThroughApi(t, p, s.id);
    // Before payment there is no trade to send against: the booking notice goes by SMS.
    await relay(t, [outboxEvent(clinic, orderId, 'booking.created', 'patient', t.clock.now())]);
    await t.services.notices.sender.runOnce();
    const { token } = await t.services.tokens.issue(p.accountId);
    const ticket = await t.http.post(`/api/v1/orders/${orderId}/pay`).set(auth(token)).send({ channel: 'alipay' });
    const tradeNo = String(ticket.body.params.tradeNO);
    const paid = await fetch(`${t.sandbox!.url}/alipay/sandbox/pay`, {
      method: 'POST',
      body: JSON.stringify({ tradeNo, action: 'pay' }),
    });
    expect(paid.status).toBe(200);
    await eventually(
      () =>
        t.services.db.query<{ paid_at: number | null }>('SELECT paid_at FROM payment WHERE order_id = ?', [orderId]),
      (rows) => rows[0]?.paid_at != null,
    );
    return { phone, orderId, userId, tradeNo };
  }

  it('sends the notices of a paid order as template messages, three per trade, then by SMS', async () => {
    const { phone, orderId, userId, tradeNo } = await paidByAlipay();
    for (const [topic, detail] of [
      ['payment.succeeded', null],
      ['booking.cancelled', 'stop-clinic: 设备检修'],
      ['refund.succeeded', null],
    ] as const) {
      t.clock.advance(1000);
      await relay(t, [outboxEvent(clinic, orderId, topic, detail, t.clock.now())]);
    }
    await t.services.notices.sender.runOnce();
    t.clock.advance(1000);
    await relay(t, [outboxEvent(clinic, orderId, 'booking.cancelled', 'patient', t.clock.now())]);
    await t.services.notices.sender.runOnce();

    const got = await notificationsOf(t, phone);
    expect(got.map((n) => `${n.kind}:${n.channel}`)).toEqual([
      'cancelled:sms',
      'refunded:alipay',
      'stop-clinic:alipay',
      'paid:alipay',
      'booked-unpaid:sms',
    ]);
    expect(smsTo(t, phone)).toHaveLength(2);
    const sent = await fetch(`${t.sandbox!.url}/alipay/sandbox/template-messages?to_user_id=${userId}`);
    const items = ((await sent.json()) as { items: { formId: string; data: Record<string, string> }[] }).items;
    expect(items).toHaveLength(3);
    expect(items.every((m) => m.formId === tradeNo)).toBe(true);
    // the three are sent side by side: which comes second is not fixed
    expect(items.filter((m) => m.data.keyword4?.includes('设备检修'))).toHaveLength(1);
  });
});
