import crypto from 'node:crypto';
import { AlipayPayChannel } from '../../src/pay/alipay/alipay-pay-channel.js';
import { ChannelError } from '../../src/pay/channel.js';
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
  history: { to: string; reason: string | null }[];
}

/** Alipay end to end: the BFF's adapter and alipay-sdk against the local Alipay gateway emulator. */
describe.each(databaseKinds())('Alipay on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let people: PatientFixture[];
  const tokens: string[] = [];
  const buyers: string[] = [];
  let next = 0;

  beforeAll(async () => {
    t = await startTestApp(kind, { listen: true, env: { PAYMENT_WINDOW_MINUTES: '15' } });
    clinic = await createClinic(t.services.db, { now: t.clock.now(), onlinePayment: true });
    people = await createPatients(t.services.db, 16, { now: t.clock.now() });
    for (const [i, p] of people.entries()) {
      tokens.push((await t.services.tokens.issue(p.accountId)).token);
      // Half pay with a v2 user id (2088…), half with an app-scoped open_id.
      buyers.push(
        i % 2
          ? `2088${crypto.randomInt(1e12).toString().padStart(12, '0')}`
          : `0${crypto.randomBytes(20).toString('base64url')}`,
      );
      await t.services.db.query(
        `INSERT INTO account_identity (id, account_id, platform, open_id, union_id, created_at)
          VALUES (?, ?, ?, ?, ?, ?)`,
        [newId(), p.accountId, 'alipay', buyers[i], null, t.clock.now()],
      );
    }
  });
  afterAll(async () => t.close());

  const as = (i: number) => ({ Authorization: `Bearer ${tokens[i]}` });
  async function bookAndStartPaying() {
    const i = next++;
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 2,
      date: addDays(shanghaiDate(t.clock.now()), 1 + (i % 5)),
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
      await t.http.post(`/api/v1/orders/${order.id}/pay`).set(as(i)).send({ channel: 'alipay' }).expect(200)
    ).body;
    return { i, order, ticket, scheduleId: s.id, tradeNo: String(ticket.params.tradeNO) };
  }
  const tradePay = (body: {
    tradeNo: string;
    action: 'pay' | 'decline';
    notify?: NotifyPlan;
    lateAccept?: boolean;
    paidAs?: { totalAmount?: string; sellerId?: string };
  }) =>
    fetch(`${t.sandbox!.url}/alipay/sandbox/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const getOrder = async (i: number, id: string) =>
    (await t.http.get(`/api/v1/orders/${id}`).set(as(i)).expect(200)).body as OrderView;
  const outTradeNoOf = async (orderId: string) =>
    (
      await t.services.db.query<{ out_trade_no: string }>('SELECT out_trade_no FROM payment WHERE order_id = ?', [
        orderId,
      ])
    )[0]!.out_trade_no;
  const deliveriesFor = (outNo: string) => t.sandbox!.notifyDeliveries.filter((d) => d.outNo === outNo);
  const freeCount = async (scheduleId: string) =>
    Number(
      (
        await t.services.db.query<{ free_count: number }>('SELECT free_count FROM schedule WHERE id = ?', [scheduleId])
      )[0]!.free_count,
    );
  const channel = (over: Partial<ConstructorParameters<typeof AlipayPayChannel>[0]> = {}) =>
    new AlipayPayChannel({
      ...t.config.providers.alipay,
      gateway: t.config.endpoints.alipayGateway,
      notifyUrl: `${t.url}/api/v1/payments/notify/alipay`,
      ...over,
    });

  it('creates the trade for my.tradePay, and a signed trade_status_sync books the order', async () => {
    const { i, order, ticket, tradeNo } = await bookAndStartPaying();
    expect(ticket.params).toEqual({ channel: 'alipay', tradeNO: expect.stringMatching(/^\d{8}22001\d{19}$/) });
    const again = (
      await t.http.post(`/api/v1/orders/${order.id}/pay`).set(as(i)).send({ channel: 'alipay' }).expect(200)
    ).body;
    expect(again).toMatchObject({ paymentId: ticket.paymentId, params: { tradeNO: tradeNo } });

    expect((await tradePay({ tradeNo, action: 'pay' })).status).toBe(200);
    expect(
      await eventually(
        () => getOrder(i, order.id),
        (o) => o.status === 'booked',
      ),
    ).toMatchObject({ status: 'booked', payment: { status: 'paid' } });
    const [row] = await t.services.db.query<{ status: string; channel_trade_no: string; paid_fen: number }>(
      'SELECT status, channel_trade_no, paid_fen FROM payment WHERE order_id = ?',
      [order.id],
    );
    expect(row).toMatchObject({ status: 'paid', channel_trade_no: tradeNo });
    expect(Number(row!.paid_fen)).toBe(5000);
  });

  it('applies a notify delivered ten times once, answering each with success', async () => {
    const { i, order, tradeNo } = await bookAndStartPaying();
    await tradePay({ tradeNo, action: 'pay', notify: { mode: 'repeat', times: 10 } });
    const outNo = await outTradeNoOf(order.id);
    const deliveries = await eventually(
      async () => deliveriesFor(outNo),
      (d) => d.length === 10,
    );
    expect(deliveries.map((d) => d.status)).toEqual(Array(10).fill(200));
    const events = await t.services.db.query<{ to_status: string }>(
      'SELECT to_status FROM order_event WHERE order_id = ?',
      [order.id],
    );
    expect(events.filter((e) => e.to_status === 'booked')).toHaveLength(1);
    expect((await getOrder(i, order.id)).status).toBe('booked');
  });

  it.each([
    ['tamper', 'an amount changed after signing'],
    ['wrong-key', 'a signature by another key'],
    ['stale', 'a notify_time ten minutes old'],
  ] as const)(
    'refuses a notify with %s (%s), changes nothing, and an active query settles the payment',
    async (mode, _why) => {
      const { i, order, tradeNo } = await bookAndStartPaying();
      await tradePay({ tradeNo, action: 'pay', notify: { mode } });
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

  it('refuses the same signed request sent again (replay) after accepting it once', async () => {
    const { order, tradeNo } = await bookAndStartPaying();
    await tradePay({ tradeNo, action: 'pay', notify: { mode: 'replay', times: 3 } });
    const deliveries = await eventually(
      async () => deliveriesFor(await outTradeNoOf(order.id)),
      (d) => d.length === 3,
    );
    expect(deliveries.map((d) => d.status)).toEqual([200, 400, 400]);
  });

  it('settles a payment whose notify was lost by querying Alipay', async () => {
    const { i, order, tradeNo } = await bookAndStartPaying();
    await tradePay({ tradeNo, action: 'pay', notify: { mode: 'drop' } });
    expect((await getOrder(i, order.id)).status).toBe('pending');
    await t.services.payments.sweep({ quietMs: 0 });
    expect(await getOrder(i, order.id)).toMatchObject({ status: 'booked', payment: { status: 'paid' } });
  });

  it('closes the trade of a declined payment after the window and returns the slot', async () => {
    const { i, order, tradeNo, scheduleId } = await bookAndStartPaying();
    expect((await tradePay({ tradeNo, action: 'decline' })).status).toBe(200);
    const freeBefore = await freeCount(scheduleId);
    t.clock.advance(15 * 60_000 + 1);
    expect(await t.services.booking.expireUnpaid()).toBeGreaterThanOrEqual(1);
    expect(await getOrder(i, order.id)).toMatchObject({ status: 'cancelled' });
    expect(await freeCount(scheduleId)).toBe(freeBefore + 1);
    const late = await tradePay({ tradeNo, action: 'pay' });
    expect(late.status).toBe(400);
    expect(((await late.json()) as { code: string }).code).toBe('ACQ.TRADE_HAS_CLOSE');
    const [row] = await t.services.db.query<{ status: string }>('SELECT status FROM payment WHERE order_id = ?', [
      order.id,
    ]);
    expect(row!.status).toBe('closed');
  });

  it('refunds a payment that lands after the window closed (the slot is gone) and says why', async () => {
    const { i, order, tradeNo } = await bookAndStartPaying();
    t.clock.advance(15 * 60_000 + 1);
    await t.services.booking.expireUnpaid();
    expect((await getOrder(i, order.id)).status).toBe('cancelled');
    // The payment Alipay settled at the instant the trade was closed.
    expect((await tradePay({ tradeNo, action: 'pay', lateAccept: true })).status).toBe(200);
    const after = await eventually(
      () => getOrder(i, order.id),
      (o) => o.payment.status === 'refunded',
    );
    expect(after).toMatchObject({ status: 'cancelled', payment: { status: 'refunded' } });
    expect(after.history.map((h) => h.reason)).toEqual(expect.arrayContaining(['late-payment-refund', 'refunded']));
    const [refund] = await t.services.db.query<{ reason: string; note: string; status: string; amount_fen: number }>(
      'SELECT reason, note, status, amount_fen FROM refund WHERE order_id = ?',
      [order.id],
    );
    expect(refund).toMatchObject({
      reason: 'late-payment',
      status: 'succeeded',
      note: expect.stringContaining('超过支付时限'),
    });
    expect(Number(refund!.amount_fen)).toBe(5000);
  });

  it('refunds a cancelled paid booking through Alipay', async () => {
    const { i, order, tradeNo } = await bookAndStartPaying();
    await tradePay({ tradeNo, action: 'pay' });
    await eventually(
      () => getOrder(i, order.id),
      (o) => o.status === 'booked',
    );
    const cancelled = (await t.http.post(`/api/v1/orders/${order.id}/cancel`).set(as(i)).send({}).expect(200))
      .body as OrderView;
    expect(cancelled.status).toBe('cancelled');
    const refunded = await eventually(
      () => getOrder(i, order.id),
      (o) => o.payment.status === 'refunded',
    );
    expect(refunded.payment.status).toBe('refunded');
    const [refund] = await t.services.db.query<{ status: string; channel_refund_no: string; out_refund_no: string }>(
      'SELECT status, channel_refund_no, out_refund_no FROM refund WHERE order_id = ?',
      [order.id],
    );
    expect(refund).toMatchObject({ status: 'succeeded', channel_refund_no: `${tradeNo}:${refund!.out_refund_no}` });
    // Asking again for the same refund number changes nothing at Alipay.
    const again = await channel().refund({
      outTradeNo: await outTradeNoOf(order.id),
      outRefundNo: refund!.out_refund_no,
      refundFen: 5000,
      totalFen: 5000,
      reason: 'again',
    });
    expect(again).toMatchObject({ state: 'succeeded', refundFen: 5000 });
  });

  it("downloads the day's bill: a zip of GBK CSVs read by header name", async () => {
    const { i, order, tradeNo } = await bookAndStartPaying();
    await tradePay({ tradeNo, action: 'pay' });
    await eventually(
      () => getOrder(i, order.id),
      (o) => o.status === 'booked',
    );
    const refunded = await bookAndStartPaying();
    await tradePay({ tradeNo: refunded.tradeNo, action: 'pay' });
    await eventually(
      () => getOrder(refunded.i, refunded.order.id),
      (o) => o.status === 'booked',
    );
    await t.http.post(`/api/v1/orders/${refunded.order.id}/cancel`).set(as(refunded.i)).send({}).expect(200);
    await eventually(
      () => getOrder(refunded.i, refunded.order.id),
      (o) => o.payment.status === 'refunded',
    );
    const refundedOutNo = await outTradeNoOf(refunded.order.id);
    const today = shanghaiDate(t.clock.now());
    // A day that is not over has no bill yet.
    await expect(channel().downloadBill(today)).rejects.toMatchObject({ code: 'BILL_NOT_READY', retryable: true });
    t.clock.advance(24 * 3600_000);
    const bill = await channel().downloadBill(today);
    const outNo = await outTradeNoOf(order.id);
    expect(bill.lines.find((l) => l.outTradeNo === outNo)).toEqual({
      kind: 'payment',
      outTradeNo: outNo,
      outRefundNo: null,
      channelTradeNo: tradeNo,
      channelRefundNo: null,
      amountFen: 5000,
      feeFen: 30,
      channelStatus: '交易',
      at: expect.any(Number),
    });
    const refund = bill.lines.find((l) => l.kind === 'refund' && l.outTradeNo === refundedOutNo);
    const [ours] = await t.services.db.query<{ out_refund_no: string }>(
      'SELECT out_refund_no FROM refund WHERE order_id = ?',
      [refunded.order.id],
    );
    expect(refund).toMatchObject({
      amountFen: 5000,
      feeFen: -30,
      outRefundNo: ours!.out_refund_no,
      channelStatus: '退款',
    });
  });

  it('treats a forged answer, or a request signed with a wrong app key, as a channel error', async () => {
    const stranger = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const distrusting = channel({
      alipayPublicKey: stranger.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    await expect(distrusting.queryPayment('NO_SUCH_TRADE_1')).rejects.toMatchObject({
      code: 'RESPONSE_SIGNATURE_INVALID',
      retryable: true,
    });
    const impostor = channel({
      privateKey: stranger.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      keyType: 'PKCS8',
    });
    const err = await impostor.queryPayment('NO_SUCH_TRADE_1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelError);
    expect(err).toMatchObject({ code: 'isv.invalid-signature', retryable: false });
    await expect(channel().queryPayment('NO_SUCH_TRADE_1')).resolves.toMatchObject({
      state: 'absent',
      channelTradeNo: null,
    });
    await expect(channel().closePayment('NO_SUCH_TRADE_1')).resolves.toBeUndefined();
  });

  it.each([
    ['total_amount 0.01 for a 50-yuan booking', { totalAmount: '0.01' }, 'amount', true, 1],
    ['another seller_id', { sellerId: '2088999999999999' }, 'merchant', false, 0],
  ] as const)(
    'books nothing on a signed trade_status_sync with %s, keeps the booking unpaid and refunds what reached us',
    async (_what, paidAs, field, refundable, refundFen) => {
      const { i, order, tradeNo, ticket } = await bookAndStartPaying();
      expect((await tradePay({ tradeNo, action: 'pay', paidAs })).status).toBe(200);
      const outNo = await outTradeNoOf(order.id);
      expect(
        (
          await eventually(
            async () => deliveriesFor(outNo),
            (d) => d.length >= 1,
          )
        )[0]!.status,
      ).toBe(200);
      const [payment] = await eventually(
        () =>
          t.services.db.query<{ status: string; discrepancy: string }>(
            'SELECT status, discrepancy FROM payment WHERE id = ?',
            [ticket.paymentId],
          ),
        (r) => r[0]?.status !== 'open',
      );
      expect(payment).toMatchObject({ status: 'discrepancy', discrepancy: expect.stringContaining(field) });
      expect(await getOrder(i, order.id)).toMatchObject({ status: 'pending', payment: { status: 'unpaid' } });
      const refunds = () =>
        t.services.db.query<{ reason: string; status: string; amount_fen: number }>(
          'SELECT reason, status, amount_fen FROM refund WHERE order_id = ?',
          [order.id],
        );
      if (refundable) {
        const [refund] = await eventually(refunds, (r) => r[0]?.status === 'succeeded');
        expect(refund!.reason).toBe('payment-mismatch');
        expect(Number(refund!.amount_fen)).toBe(refundFen);
      } else {
        expect(await refunds()).toHaveLength(0);
      }
      expect((await getOrder(i, order.id)).history.map((h) => h.reason)).toContain(
        refundable ? 'payment-mismatch-refund' : 'payment-mismatch',
      );
    },
  );
});
