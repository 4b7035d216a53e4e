import crypto from 'node:crypto';
import { newId } from '../../src/shared/ids.js';
import { addDays, shanghaiDate } from '../../src/shared/time.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { createClinic, createPatients, createSession, idemKey } from '../support/fixtures.js';

interface Line {
  outcome: string;
  kind: string;
  outTradeNo: string;
  ourStatus: string | null;
  ourAmountFen: number | null;
  channelAmountFen: number | null;
}

/**
 * A paid trade that booked nothing (its amount was not the booking's) is on the finance clerk's desk, with its refund.
 */
describe.each(databaseKinds())('a payment discrepancy in reconciliation on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { listen: true });
  });
  afterAll(async () => t.close());

  it('shows the 1-fen trade as a status mismatch (ours: discrepancy) and its refund as matched', async () => {
    const clinic = await createClinic(t.services.db, { now: t.clock.now(), onlinePayment: true });
    const [p] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    const auth = { Authorization: `Bearer ${(await t.services.tokens.issue(p!.accountId)).token}` };
    await t.services.db.query(
      `INSERT INTO account_identity (id, account_id, platform, open_id, union_id, created_at)
        VALUES (?, ?, ?, ?, ?, ?)`,
      [newId(), p!.accountId, 'weapp', `o${crypto.randomBytes(13).toString('base64url')}`, null, t.clock.now()],
    );
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 2,
      date: addDays(shanghaiDate(t.clock.now()), 2),
      feeFen: 5000,
    });
    const order = (
      await t.http
        .post('/api/v1/orders')
        .set(auth)
        .set('Idempotency-Key', idemKey())
        .send({ patientId: p!.patientId, scheduleId: s.id })
        .expect(201)
    ).body as { id: string };
    const ticket = (
      await t.http.post(`/api/v1/orders/${order.id}/pay`).set(auth).send({ channel: 'wechat' }).expect(200)
    ).body;
    const prepayId = String(ticket.params.requestPayment.package).slice('prepay_id='.length);
    await fetch(`${t.sandbox!.url}/wechatpay/sandbox/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prepayId, action: 'pay', paidAs: { totalFen: 1 } }),
    });
    await eventually(
      () => t.services.db.query<{ status: string }>('SELECT status FROM refund WHERE order_id = ?', [order.id]),
      (r) => r[0]?.status === 'succeeded',
    );
    const [{ out_trade_no: outTradeNo }] = (await t.services.db.query<{ out_trade_no: string }>(
      'SELECT out_trade_no FROM payment WHERE order_id = ?',
      [order.id],
    )) as [{ out_trade_no: string }];

    const day = shanghaiDate(t.clock.now());
    t.clock.advance(24 * 3600_000);
    const admin = {
      Authorization: `Bearer ${(await t.services.staff.add({ name: '卫健委财务', role: 'admin' })).key}`,
    };
    const run = (
      await t.http.post(`/api/v1/console/reconciliations/${day}/run`).set(admin).send({ channel: 'wechat' }).expect(200)
    ).body;
    expect(run.counts).toMatchObject({ 'status-mismatch': 1, matched: 1, 'missing-channel': 0, 'missing-local': 0 });
    const lines = (
      await t.http
        .get(`/api/v1/console/reconciliations/${day}/lines?channel=wechat&outcome=all&pageSize=50`)
        .set(admin)
        .expect(200)
    ).body as { items: Line[] };
    const mine = lines.items.filter((l) => l.outTradeNo === outTradeNo);
    expect(mine.map((l) => [l.kind, l.outcome, l.ourStatus, l.ourAmountFen, l.channelAmountFen]).sort()).toEqual([
      ['payment', 'status-mismatch', 'discrepancy', 1, 1],
      ['refund', 'matched', 'succeeded', 1, 1],
    ]);
  });
});
