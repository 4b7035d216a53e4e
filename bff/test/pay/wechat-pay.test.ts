import crypto from 'node:crypto';
import { ChannelError } from '../../src/pay/channel.js';
import { CLOSE_GRACE_MS } from '../../src/pay/payment-service.js';
import type { PaidAs } from '../../src/sandbox/wechat-pay-trade.js';
import { WechatPayChannel } from '../../src/pay/wechat/wechat-pay-channel.js';
import type { NotifyPlan } from '../../src/sandbox/notify-plan.js';
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

interface OrderView {
  id: string;
  status: string;
  payment: { status: string };
  history: { status: string; reason: string | null }[];
}

/** WeChat Pay end to end: the BFF's adapter and wechatpay-node-v3 against the local WeChat Pay v3 emulator. */
describe.each(databaseKinds())('WeChat Pay on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let people: PatientFixture[];
  const tokens: string[] = [];
  let next = 0;

  beforeAll(async () => {
    t = await startTestApp(kind, { listen: true, env: { PAYMENT_WINDOW_MINUTES: '15' } });
    clinic = await createClinic(t.services.db, { now: t.clock.now(), onlinePayment: true });
    people = await createPatients(t.services.db, 32, { now: t.clock.now() });
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
  /** A fresh patient books a paid session (50 yuan) and starts paying with WeChat Pay. */
  async function bookAndStartPaying() {
    const i = next++;
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 2,
      date: addDays(shanghaiDate(t.clock.now()), 2 + (i % 5)),
      feeFen: 5000,
    });
    const order = (
      await t.http
        .post('/api/v1/orders')
        .set(as(i))
        .set('Idempotency-Key', idemKey())
        .send({ patientId: people[i]!.patientId, scheduleId: s.id })
        .expect(201)
    ).body as OrderView;
    const ticket = (
      await t.http.post(`/api/v1/orders/${order.id}/pay`).set(as(i)).send({ channel: 'wechat' }).expect(200)
    ).body;
    return {
      i,
      order,
      ticket,
      scheduleId: s.id,
      prepayId: String(ticket.params.requestPayment.package).replace('prepay_id=', ''),
    };
  }
  const cashier = (body: { prepayId: string; action: 'pay' | 'decline'; notify?: NotifyPlan; paidAs?: PaidAs }) =>
    fetch(`${t.sandbox!.url}/wechatpay/sandbox/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const settings = async (body: object) =>
    expect(
      (
        await fetch(`${t.sandbox!.url}/wechatpay/sandbox/settings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).status,
    ).toBe(200);
  const getOrder = async (i: number, id: string) =>
    (await t.http.get(`/api/v1/orders/${id}`).set(as(i)).expect(200)).body as OrderView;
  const deliveriesFor = (outNo: string) => t.sandbox!.notifyDeliveries.filter((d) => d.outNo === outNo);
  const outTradeNoOf = async (orderId: string) =>
    (
      await t.services.db.query<{ out_trade_no: string }>('SELECT out_trade_no FROM payment WHERE order_id = ?', [
        orderId,
      ])
    )[0]!.out_trade_no;
  const freeCount = async (scheduleId: string) =>
    Number(
      (
        await t.services.db.query<{ free_count: number }>('SELECT free_count FROM schedule WHERE id = ?', [scheduleId])
      )[0]!.free_count,
    );

  it('returns wx.requestPayment parameters signed with the merchant key; a paid notify books the order', async () => {
    const { i, order, ticket, prepayId } = await bookAndStartPaying();
    expect(order).toMatchObject({ status: 'pending', payment: { status: 'unpaid' } });
    const p = ticket.params.requestPayment;
    expect(p).toMatchObject({
      appId: t.config.providers.wechatPay!.appId,
      signType: 'RSA',
      package: expect.stringMatching(/^prepay_id=wx/),
    });
    const merchantPublic = crypto.createPublicKey(t.config.providers.wechatPay!.privateKey);
    expect(
      crypto
        .createVerify('RSA-SHA256')
        .update(`${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`)
        .verify(merchantPublic, p.paySign, 'base64'),
    ).toBe(true);
    // Asking again while the trade is open resumes the same trade.
    const again = (
      await t.http.post(`/api/v1/orders/${order.id}/pay`).set(as(i)).send({ channel: 'wechat' }).expect(200)
    ).body;
    expect(again.paymentId).toBe(ticket.paymentId);

    expect((await cashier({ prepayId, action: 'pay' })).status).toBe(200);
    const paid = await eventually(
      () => getOrder(i, order.id),
      (o) => o.status === 'booked',
    );
    expect(paid).toMatchObject({ status: 'booked', payment: { status: 'paid' } });
    const [row] = await t.services.db.query<{ status: string; channel_trade_no: string }>(
      'SELECT status, channel_trade_no FROM payment WHERE order_id = ?',
      [order.id],
    );
    expect(row).toMatchObject({ status: 'paid', channel_trade_no: expect.stringMatching(/^42000\d{23}$/) });
  });

  it('applies a notify delivered ten times once', async () => {
    const { i, order, prepayId } = await bookAndStartPaying();
    await cashier({ prepayId, action: 'pay', notify: { mode: 'repeat', times: 10 } });
    const outNo = await outTradeNoOf(order.id);
    const deliveries = await eventually(
      async () => deliveriesFor(outNo),
      (d) => d.length === 10,
    );
    expect(deliveries.map((d) => d.status)).toEqual(Array(10).fill(204));
    const after = await getOrder(i, order.id);
    expect(after).toMatchObject({ status: 'booked', payment: { status: 'paid' } });
    const events = await t.services.db.query<{ to_status: string }>(
      'SELECT to_status FROM order_event WHERE order_id = ?',
      [order.id],
    );
    expect(events.filter((e) => e.to_status === 'booked')).toHaveLength(1);
  });

  it.each([
    ['tamper', 'a body changed after signing'],
    ['wrong-key', 'a signature by another key'],
    ['stale', 'a timestamp ten minutes old'],
    ['bad-ciphertext', 'a resource whose GCM tag does not match'],
  ] as const)(
    'refuses a notify with %s (%s), changes nothing, and an active query settles the payment',
    async (mode, _why) => {
      const { i, order, prepayId } = await bookAndStartPaying();
      await cashier({ prepayId, action: 'pay', notify: { mode } });
      const outNo = await outTradeNoOf(order.id);
      const [delivery] = await eventually(
        async () => deliveriesFor(outNo),
        (d) => d.length === 1,
      );
      expect(delivery!.status).toBe(400);
      expect(await getOrder(i, order.id)).toMatchObject({ status: 'pending', payment: { status: 'unpaid' } });
      expect(
        Number(
          (
            await t.services.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM pay_notify WHERE out_no = ?', [outNo])
          )[0]!.n,
        ),
      ).toBe(0);

      await t.services.payments.sweep({ quietMs: 0 });
      expect(await getOrder(i, order.id)).toMatchObject({ status: 'booked', payment: { status: 'paid' } });
    },
  );

  it('refuses a replayed notify (same nonce) after accepting the first delivery', async () => {
    const { i, order, prepayId } = await bookAndStartPaying();
    await cashier({ prepayId, action: 'pay', notify: { mode: 'replay', times: 3 } });
    const outNo = await outTradeNoOf(order.id);
    const deliveries = await eventually(
      async () => deliveriesFor(outNo),
      (d) => d.length === 3,
    );
    expect(deliveries.map((d) => d.status)).toEqual([204, 400, 400]);
    expect(await getOrder(i, order.id)).toMatchObject({ status: 'booked', payment: { status: 'paid' } });
  });

  it('settles a payment whose notify was lost by querying WeChat Pay', async () => {
    const { i, order, prepayId } = await bookAndStartPaying();
    await cashier({ prepayId, action: 'pay', notify: { mode: 'drop' } });
    expect(await getOrder(i, order.id)).toMatchObject({ status: 'pending' });
    await t.services.payments.sweep({ quietMs: 0 });
    expect(await getOrder(i, order.id)).toMatchObject({ status: 'booked', payment: { status: 'paid' } });
  });

  it('closes the trade of a declined payment after the window and returns the slot', async () => {
    const { i, order, prepayId, scheduleId } = await bookAndStartPaying();
    expect((await cashier({ prepayId, action: 'decline' })).status).toBe(200);
    const freeBefore = await freeCount(scheduleId);
    t.clock.advance(15 * 60_000 + 1);
    expect(await t.services.booking.expireUnpaid()).toBeGreaterThanOrEqual(1);
    expect(await getOrder(i, order.id)).toMatchObject({ status: 'cancelled' });
    expect(await freeCount(scheduleId)).toBe(freeBefore + 1);
    const outNo = await outTradeNoOf(order.id);
    // The channel closed the trade: the cashier can no longer take the money.
    const late = await cashier({ prepayId, action: 'pay' });
    expect(late.status).toBe(400);
    expect(((await late.json()) as { code: string }).code).toBe('ORDER_CLOSED');
    const [row] = await t.services.db.query<{ status: string }>('SELECT status FROM payment WHERE out_trade_no = ?', [
      outNo,
    ]);
    expect(row!.status).toBe('closed');
  });

  it('refunds a cancelled paid booking through WeChat Pay and shows each step', async () => {
    const { i, order, prepayId } = await bookAndStartPaying();
    await cashier({ prepayId, action: 'pay' });
    await eventually(
      () => getOrder(i, order.id),
      (o) => o.status === 'booked',
    );
    const cancelled = (await t.http.post(`/api/v1/orders/${order.id}/cancel`).set(as(i)).send({}).expect(200))
      .body as OrderView;
    expect(cancelled.status).toBe('cancelled');
    expect(['refunding', 'refunded']).toContain(cancelled.payment.status);
    const refunded = await eventually(
      () => getOrder(i, order.id),
      (o) => o.payment.status === 'refunded',
    );
    expect(refunded.payment.status).toBe('refunded');
    const [refund] = await t.services.db.query<{ status: string; channel_refund_no: string; amount_fen: number }>(
      `SELECT r.status, r.channel_refund_no, r.amount_fen FROM refund r JOIN payment p ON p.id = r.payment_id
        WHERE p.order_id = ?`,
      [order.id],
    );
    expect(refund).toMatchObject({ status: 'succeeded', channel_refund_no: expect.stringMatching(/^50\d{30}$/) });
    expect(Number(refund!.amount_fen)).toBe(5000);
  });

  it('takes an H5 payment with no WeChat identity on the sandbox cashier page and comes back to the app', async () => {
    const i = next++;
    await t.services.db.query('DELETE FROM account_identity WHERE account_id = ?', [people[i]!.accountId]);
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 2,
      date: addDays(shanghaiDate(t.clock.now()), 2),
      feeFen: 5000,
    });
    const order = (
      await t.http
        .post('/api/v1/orders')
        .set(as(i))
        .set('Idempotency-Key', idemKey())
        .send({ patientId: people[i]!.patientId, scheduleId: s.id })
        .expect(201)
    ).body as OrderView;
    // Inside the mini-program a WeChat identity is needed; the H5 cashier needs none.
    expect(
      (await t.http.post(`/api/v1/orders/${order.id}/pay`).set(as(i)).send({ channel: 'wechat' }).expect(409)).body
        .error.code,
    ).toBe('PAYER_IDENTITY_REQUIRED');
    const ticket = (
      await t.http
        .post(`/api/v1/orders/${order.id}/pay`)
        .set(as(i))
        .send({ channel: 'wechat', scene: 'h5' })
        .expect(200)
    ).body;
    expect(ticket.params).toMatchObject({
      channel: 'wechat',
      scene: 'h5',
      h5Url: expect.stringContaining('/wechatpay/sandbox/cashier?prepay_id=wx'),
    });

    const back = `http://127.0.0.1/app/#/packages/order/detail?id=${order.id}`;
    const page = await fetch(`${ticket.params.h5Url}&redirect_url=${encodeURIComponent(back)}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('¥50.00');
    expect(html).toContain('确认支付');
    const prepayId = new URL(ticket.params.h5Url).searchParams.get('prepay_id')!;
    const paid = await fetch(new URL(ticket.params.h5Url).origin + new URL(ticket.params.h5Url).pathname, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prepay_id: prepayId, redirect_url: back, action: 'pay' }).toString(),
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(back);
    expect(
      await eventually(
        () => getOrder(i, order.id),
        (o) => o.status === 'booked',
      ),
    ).toMatchObject({ status: 'booked', payment: { status: 'paid' } });
  });

  it.each([
    ['an amount of 1 fen for a 5,000-fen booking', { totalFen: 1 }, ['amount'], true],
    ['another currency', { currency: 'USD' }, ['currency'], true],
    ['another appid', { appid: 'wx0000000000000bad' }, ['app'], true],
    ['another merchant', { mchid: '1900000999' }, ['merchant'], false],
  ] as const)(
    'books nothing on a correctly signed paid notify with %s: ' +
      'keeps the booking unpaid, records a discrepancy, refunds what reached us, tells the patient',
    async (_what, paidAs, fields, refundable) => {
      const { i, order, prepayId, ticket } = await bookAndStartPaying();
      expect((await cashier({ prepayId, action: 'pay', paidAs })).status).toBe(200);
      const outNo = await outTradeNoOf(order.id);
      // Acknowledged (WeChat Pay would deliver it for 24 hours otherwise), but applied as a discrepancy.
      expect(
        (
          await eventually(
            async () => deliveriesFor(outNo),
            (d) => d.length === 1,
          )
        )[0]!.status,
      ).toBe(204);
      const [payment] = await eventually(
        () =>
          t.services.db.query<{ status: string; discrepancy: string | null; paid_fen: number }>(
            'SELECT status, discrepancy, paid_fen FROM payment WHERE id = ?',
            [ticket.paymentId],
          ),
        (r) => r[0]?.status !== 'open',
      );
      expect(payment!.status).toBe('discrepancy');
      for (const f of fields) expect(payment!.discrepancy).toContain(f === 'app' ? 'app' : f);
      const view = await getOrder(i, order.id);
      expect(view).toMatchObject({ status: 'pending', payment: { status: 'unpaid' } });
      expect(view.history.map((h) => h.reason)).toContain(refundable ? 'payment-mismatch-refund' : 'payment-mismatch');
      const audit = await t.services.db.query<{ action: string }>(
        "SELECT action FROM audit_event WHERE target_id = ? AND action = 'payment.discrepancy'",
        [ticket.paymentId],
      );
      expect(audit).toHaveLength(1);

      const refunds = () =>
        t.services.db.query<{ reason: string; status: string; amount_fen: number }>(
          'SELECT reason, status, amount_fen FROM refund WHERE order_id = ?',
          [order.id],
        );
      if (refundable) {
        const [refund] = await eventually(refunds, (r) => r[0]?.status === 'succeeded');
        // Everything the channel took goes back, whatever we had asked for.
        expect(refund).toMatchObject({ reason: 'payment-mismatch', status: 'succeeded' });
        expect(Number(refund!.amount_fen)).toBe('totalFen' in paidAs ? paidAs.totalFen : 5000);
        expect((await getOrder(i, order.id)).history.map((h) => h.reason)).toContain('mismatch-refunded');
      } else {
        // The money went to another merchant: nothing of ours to refund.
        expect(await refunds()).toHaveLength(0);
      }
      expect(await getOrder(i, order.id)).toMatchObject({ status: 'pending', payment: { status: 'unpaid' } });
      // The patient pays again, correctly, within the window: a new trade, and the booking is booked.
      const again = (
        await t.http.post(`/api/v1/orders/${order.id}/pay`).set(as(i)).send({ channel: 'wechat' }).expect(200)
      ).body;
      expect(again.paymentId).not.toBe(ticket.paymentId);
      await cashier({ prepayId: String(again.params.requestPayment.package).replace('prepay_id=', ''), action: 'pay' });
      expect(
        await eventually(
          () => getOrder(i, order.id),
          (o) => o.status === 'booked',
        ),
      ).toMatchObject({ payment: { status: 'paid' } });
    },
  );

  it('books nothing when the mismatch is found by an active query (the notify was lost)', async () => {
    const { i, order, prepayId, ticket } = await bookAndStartPaying();
    await cashier({ prepayId, action: 'pay', notify: { mode: 'drop' }, paidAs: { totalFen: 4999 } });
    await t.services.payments.sweep({ quietMs: 0 });
    expect(await getOrder(i, order.id)).toMatchObject({ status: 'pending', payment: { status: 'unpaid' } });
    const [payment] = await t.services.db.query<{ status: string }>('SELECT status FROM payment WHERE id = ?', [
      ticket.paymentId,
    ]);
    expect(payment!.status).toBe('discrepancy');
    const [refund] = await eventually(
      () =>
        t.services.db.query<{ status: string; amount_fen: number }>(
          'SELECT status, amount_fen FROM refund WHERE order_id = ?',
          [order.id],
        ),
      (r) => r[0]?.status === 'succeeded',
    );
    expect(Number(refund!.amount_fen)).toBe(4999);
    // Past the window the unpaid booking expires as any other.
    t.clock.advance(15 * 60_000 + 1);
    await t.services.booking.expireUnpaid();
    expect(await getOrder(i, order.id)).toMatchObject({ status: 'cancelled' });
  });

  it('releases the hold of a trade that never reached WeChat Pay: it expires on time, no endless retry', async () => {
    const i = next++;
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 2,
      date: addDays(shanghaiDate(t.clock.now()), 3),
      feeFen: 5000,
    });
    const order = (
      await t.http
        .post('/api/v1/orders')
        .set(as(i))
        .set('Idempotency-Key', idemKey())
        .send({ patientId: people[i]!.patientId, scheduleId: s.id })
        .expect(201)
    ).body as OrderView;
    await settings({ outage: true });
    try {
      expect(
        (await t.http.post(`/api/v1/orders/${order.id}/pay`).set(as(i)).send({ channel: 'wechat' }).expect(503)).body
          .error.code,
      ).toBe('PAYMENT_UNAVAILABLE');
    } finally {
      await settings({ outage: false });
    }
    const [row] = await t.services.db.query<{ status: string }>('SELECT status FROM payment WHERE order_id = ?', [
      order.id,
    ]);
    expect(row!.status).toBe('open');
    const free = await freeCount(s.id);
    t.clock.advance(15 * 60_000 + 1);
    // The channel answers ORDER_NOT_EXIST: nothing to close there, the trade is closed on our side at once.
    await t.services.booking.expireUnpaid();
    expect(await getOrder(i, order.id)).toMatchObject({ status: 'cancelled' });
    expect(await freeCount(s.id)).toBe(free + 1);
    expect(
      (await t.services.db.query<{ status: string }>('SELECT status FROM payment WHERE order_id = ?', [order.id]))[0]!
        .status,
    ).toBe('closed');
  });

  it("waits for an unreachable WeChat Pay a bounded time past the trade's expiry, then releases the slot", async () => {
    const { i, order, scheduleId } = await bookAndStartPaying();
    const free = await freeCount(scheduleId);
    await settings({ outage: true });
    try {
      t.clock.advance(15 * 60_000 + 1);
      await t.services.booking.expireUnpaid();
      // Just past the deadline a payment may still be settling: the booking waits for the channel.
      expect(await getOrder(i, order.id)).toMatchObject({ status: 'pending' });
      t.clock.advance(CLOSE_GRACE_MS);
      await t.services.booking.expireUnpaid();
      expect(await getOrder(i, order.id)).toMatchObject({ status: 'cancelled' });
      expect(await freeCount(scheduleId)).toBe(free + 1);
    } finally {
      await settings({ outage: false });
    }
    const audit = await t.services.db.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM audit_event WHERE action = 'payment.closed-unconfirmed' AND target_type = 'payment'",
    );
    expect(Number(audit[0]!.n)).toBeGreaterThanOrEqual(1);
  });

  it('makes a trade per scene for a booking (H5 cashier pays no JSAPI one), refunds the one paid second', async () => {
    const { i, order, ticket, prepayId } = await bookAndStartPaying();
    const h5 = (
      await t.http
        .post(`/api/v1/orders/${order.id}/pay`)
        .set(as(i))
        .send({ channel: 'wechat', scene: 'h5' })
        .expect(200)
    ).body;
    expect(h5.paymentId).not.toBe(ticket.paymentId);
    // Each scene resumes its own open trade.
    expect(
      (
        await t.http
          .post(`/api/v1/orders/${order.id}/pay`)
          .set(as(i))
          .send({ channel: 'wechat', scene: 'h5' })
          .expect(200)
      ).body.paymentId,
    ).toBe(h5.paymentId);
    expect(
      (await t.http.post(`/api/v1/orders/${order.id}/pay`).set(as(i)).send({ channel: 'wechat' }).expect(200)).body
        .paymentId,
    ).toBe(ticket.paymentId);
    const rows = await t.services.db.query<{ scene: string; out_trade_no: string }>(
      'SELECT scene, out_trade_no FROM payment WHERE order_id = ? ORDER BY created_at',
      [order.id],
    );
    expect(rows.map((r) => r.scene)).toEqual(['miniprogram', 'h5']);
    expect(rows[0]!.out_trade_no).not.toBe(rows[1]!.out_trade_no);

    expect(
      (await cashier({ prepayId: new URL(h5.params.h5Url).searchParams.get('prepay_id')!, action: 'pay' })).status,
    ).toBe(200);
    await eventually(
      () => getOrder(i, order.id),
      (o) => o.status === 'booked',
    );
    // The patient also paid in the mini-program: that money has nothing to pay for and goes back.
    expect((await cashier({ prepayId, action: 'pay' })).status).toBe(200);
    const [refund] = await eventually(
      () =>
        t.services.db.query<{ reason: string; status: string; payment_id: string }>(
          'SELECT reason, status, payment_id FROM refund WHERE order_id = ?',
          [order.id],
        ),
      (r) => r.length === 1 && r[0]!.status === 'succeeded',
    );
    expect(refund).toMatchObject({ reason: 'duplicate-payment', payment_id: ticket.paymentId });
    expect(await getOrder(i, order.id)).toMatchObject({ status: 'booked', payment: { status: 'paid' } });
  });

  it("downloads the day's trade bill through the SDK, checks its SHA1 and reads it by header name", async () => {
    const wx = t.config.providers.wechatPay!;
    const channel = new WechatPayChannel({
      ...wx,
      apiBase: t.config.endpoints.wechatPayApiBase,
      notifyUrl: `${t.url}/api/v1/payments/notify/wechat`,
    });
    const paid = await bookAndStartPaying();
    await cashier({ prepayId: paid.prepayId, action: 'pay' });
    await eventually(
      () => getOrder(paid.i, paid.order.id),
      (o) => o.status === 'booked',
    );
    const refunded = await bookAndStartPaying();
    await cashier({ prepayId: refunded.prepayId, action: 'pay' });
    await eventually(
      () => getOrder(refunded.i, refunded.order.id),
      (o) => o.status === 'booked',
    );
    await t.http.post(`/api/v1/orders/${refunded.order.id}/cancel`).set(as(refunded.i)).send({}).expect(200);
    await eventually(
      () => getOrder(refunded.i, refunded.order.id),
      (o) => o.payment.status === 'refunded',
    );
    const today = shanghaiDate(t.clock.now());
    await expect(channel.downloadBill(today)).rejects.toMatchObject({ code: 'BILL_NOT_READY', retryable: true });
    // A day without any trade has an empty bill.
    await expect(channel.downloadBill('2020-01-01')).resolves.toEqual({
      channel: 'wechat',
      billDate: '2020-01-01',
      lines: [],
    });
    t.clock.advance(24 * 3600_000);
    const bill = await channel.downloadBill(today);
    const outNo = await outTradeNoOf(paid.order.id);
    const [transaction] = await t.services.db.query<{ channel_trade_no: string }>(
      'SELECT channel_trade_no FROM payment WHERE order_id = ?',
      [paid.order.id],
    );
    expect(bill.lines.find((l) => l.outTradeNo === outNo)).toEqual({
      kind: 'payment',
      outTradeNo: outNo,
      outRefundNo: null,
      channelTradeNo: transaction!.channel_trade_no,
      channelRefundNo: null,
      amountFen: 5000,
      feeFen: 30,
      channelStatus: 'SUCCESS',
      at: expect.any(Number),
    });
    const [refund] = await t.services.db.query<{ out_refund_no: string; channel_refund_no: string }>(
      'SELECT out_refund_no, channel_refund_no FROM refund WHERE order_id = ?',
      [refunded.order.id],
    );
    expect(bill.lines.find((l) => l.kind === 'refund' && l.outRefundNo === refund!.out_refund_no)).toMatchObject({
      amountFen: 5000,
      feeFen: -30,
      channelRefundNo: refund!.channel_refund_no,
      channelStatus: 'REFUND',
    });
  });

  it('treats an answer not signed by WeChat Pay, or a wrong merchant signature, as a channel error', async () => {
    const wx = t.config.providers.wechatPay!;
    const base = {
      ...wx,
      apiBase: t.config.endpoints.wechatPayApiBase,
      notifyUrl: `${t.url}/api/v1/payments/notify/wechat`,
    };
    const stranger = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    // Trusting another key under a different id: the emulator's answers no longer verify.
    const distrusting = new WechatPayChannel({
      ...base,
      publicKeyId: 'PUB_KEY_ID_0100000000000000000000000000',
      publicKey: stranger.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    await expect(distrusting.queryPayment('NO_SUCH_TRADE_1')).rejects.toMatchObject({
      code: 'RESPONSE_SIGNATURE_INVALID',
    });
    const impostor = new WechatPayChannel({
      ...base,
      privateKey: stranger.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    const err = await impostor.queryPayment('NO_SUCH_TRADE_1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelError);
    expect(err).toMatchObject({ code: 'SIGN_ERROR', retryable: false });
    // The genuine channel: a trade WeChat Pay does not know is reported absent.
    const genuine = new WechatPayChannel(base);
    await expect(genuine.queryPayment('NO_SUCH_TRADE_1')).resolves.toMatchObject({
      state: 'absent',
      channelTradeNo: null,
    });
  });
});
