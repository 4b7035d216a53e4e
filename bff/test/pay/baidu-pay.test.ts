import crypto from 'node:crypto';
import { BaiduPayChannel } from '../../src/pay/baidu/baidu-pay-channel.js';
import { baiduVerify } from '../../src/shared/baidu-sign.js';
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

type OrderInfo = Record<string, string | number>;

/** The Baidu cashier end to end: the BFF's adapter against the local Baidu open API emulator. */
describe.each(databaseKinds())('Baidu cashier on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let people: PatientFixture[];
  const tokens: string[] = [];
  let next = 0;

  beforeAll(async () => {
    t = await startTestApp(kind, {
      listen: true,
      env: { PAYMENT_WINDOW_MINUTES: '15' },
      sandbox: { baiduPayRefundDelayMs: 50 },
    });
    clinic = await createClinic(t.services.db, { now: t.clock.now(), onlinePayment: true });
    people = await createPatients(t.services.db, 16, { now: t.clock.now() });
    for (const p of people) {
      tokens.push((await t.services.tokens.issue(p.accountId)).token);
      await t.services.db.query(
        `INSERT INTO account_identity (id, account_id, platform, open_id, union_id, created_at)
          VALUES (?, ?, ?, ?, ?, ?)`,
        [newId(), p.accountId, 'swan', crypto.randomBytes(13).toString('base64url'), null, t.clock.now()],
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
      await t.http.post(`/api/v1/orders/${order.id}/pay`).set(as(i)).send({ channel: 'baidu' }).expect(200)
    ).body as { paymentId: string; params: { orderInfo: OrderInfo } };
    return { i, order, ticket, scheduleId: s.id, orderInfo: ticket.params.orderInfo };
  }
  const cashier = (body: {
    orderInfo: OrderInfo;
    action: 'pay' | 'decline';
    notify?: NotifyPlan;
    lateAccept?: boolean;
    paidAs?: { totalFen?: number };
  }) =>
    fetch(`${t.sandbox!.url}/baidu/sandbox/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const getOrder = async (i: number, id: string) =>
    (await t.http.get(`/api/v1/orders/${id}`).set(as(i)).expect(200)).body as OrderView;
  const deliveriesFor = (outNo: string) => t.sandbox!.notifyDeliveries.filter((d) => d.outNo === outNo);
  const freeCount = async (scheduleId: string) =>
    Number(
      (
        await t.services.db.query<{ free_count: number }>('SELECT free_count FROM schedule WHERE id = ?', [scheduleId])
      )[0]!.free_count,
    );
  const channel = (over: Partial<ConstructorParameters<typeof BaiduPayChannel>[0]> = {}) =>
    new BaiduPayChannel({
      ...t.config.providers.baiduPay!,
      openApiBase: t.config.endpoints.baiduOpenApiBase,
      clientId: t.config.providers.baidu.clientId,
      clientSecret: t.config.providers.baidu.sk,
      notifyUrl: `${t.url}/api/v1/payments/notify/baidu`,
      ...over,
    });
  const notifies = async (outNo: string) =>
    Number(
      (await t.services.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM pay_notify WHERE out_no = ?', [outNo]))[0]!
        .n,
    );

  it('signs the orderInfo for requestPolymerPayment, and the signed pay notify books the order', async () => {
    const { i, order, ticket, orderInfo } = await bookAndStartPaying();
    const { baiduPay } = t.config.providers;
    expect(orderInfo).toMatchObject({
      appKey: baiduPay!.payAppKey,
      dealId: baiduPay!.dealId,
      totalAmount: '5000',
      signFieldsRange: '1',
      tpOrderId: expect.any(String),
      dealTitle: expect.stringContaining('挂号费'),
    });
    expect(JSON.parse(String(orderInfo.bizInfo))).toEqual({
      tpData: {
        appKey: orderInfo.appKey,
        dealId: orderInfo.dealId,
        totalAmount: '5000',
        tpOrderId: orderInfo.tpOrderId,
        returnData: {},
      },
    });
    // rsaSign covers exactly appKey, dealId, totalAmount and tpOrderId, by our key.
    const ourPublicKey = crypto.createPublicKey(baiduPay!.privateKey);
    expect(
      baiduVerify(
        {
          appKey: String(orderInfo.appKey),
          dealId: String(orderInfo.dealId),
          totalAmount: '5000',
          tpOrderId: String(orderInfo.tpOrderId),
        },
        String(orderInfo.rsaSign),
        ourPublicKey,
      ),
    ).toBe(true);
    expect(
      baiduVerify(
        {
          appKey: String(orderInfo.appKey),
          dealId: String(orderInfo.dealId),
          totalAmount: '1',
          tpOrderId: String(orderInfo.tpOrderId),
        },
        String(orderInfo.rsaSign),
        ourPublicKey,
      ),
    ).toBe(false);
    const again = (
      await t.http.post(`/api/v1/orders/${order.id}/pay`).set(as(i)).send({ channel: 'baidu' }).expect(200)
    ).body;
    expect(again).toMatchObject({
      paymentId: ticket.paymentId,
      params: { orderInfo: { tpOrderId: orderInfo.tpOrderId } },
    });

    const paid = (await (await cashier({ orderInfo, action: 'pay' })).json()) as { errCode: number; orderId: string };
    expect(paid.errCode).toBe(0);
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
    expect(row).toMatchObject({ status: 'paid', channel_trade_no: String(paid.orderId) });
    expect(Number(row!.paid_fen)).toBe(5000);
  });

  it('refuses an orderInfo whose amount was changed in the app (the cashier checks rsaSign)', async () => {
    const { orderInfo } = await bookAndStartPaying();
    const r = await cashier({ orderInfo: { ...orderInfo, totalAmount: '1' }, action: 'pay' });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ errMsg: '签名错误' });
  });

  it('applies a notify delivered ten times (same bytes, as Baidu retries) once, answering each errno 0', async () => {
    const { i, order, orderInfo } = await bookAndStartPaying();
    await cashier({ orderInfo, action: 'pay', notify: { mode: 'repeat', times: 10 } });
    const deliveries = await eventually(
      async () => deliveriesFor(String(orderInfo.tpOrderId)),
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
    ['tamper', 'payMoney changed after signing'],
    ['wrong-key', "a signature by a key that is not Baidu's platform key"],
  ] as const)(
    'refuses a notify with %s (%s), changes nothing, and an active query settles the payment',
    async (mode, _why) => {
      const { i, order, orderInfo } = await bookAndStartPaying();
      await cashier({ orderInfo, action: 'pay', notify: { mode } });
      const outNo = String(orderInfo.tpOrderId);
      const [delivery] = await eventually(
        async () => deliveriesFor(outNo),
        (d) => d.length === 1,
      );
      expect(delivery!.status).toBe(400);
      expect(await getOrder(i, order.id)).toMatchObject({ status: 'pending', payment: { status: 'unpaid' } });
      expect(await notifies(outNo)).toBe(0);
      await t.services.payments.sweep({ quietMs: 0 });
      expect(await getOrder(i, order.id)).toMatchObject({ status: 'booked', payment: { status: 'paid' } });
    },
  );

  it('settles a payment whose notify was lost by findByTpOrderId, renewing an expired access token', async () => {
    const { i, order, orderInfo } = await bookAndStartPaying();
    await cashier({ orderInfo, action: 'pay', notify: { mode: 'drop' } });
    expect((await getOrder(i, order.id)).status).toBe('pending');
    const expired = (await (
      await fetch(`${t.sandbox!.url}/baidu/sandbox/expire-tokens`, { method: 'POST', body: '{}' })
    ).json()) as { expired: number };
    expect(expired.expired).toBeGreaterThanOrEqual(1);
    await t.services.payments.sweep({ quietMs: 0 });
    expect(await getOrder(i, order.id)).toMatchObject({ status: 'booked', payment: { status: 'paid' } });
  });

  it('closes the order of a declined payment after the window and returns the slot', async () => {
    const { i, order, orderInfo, scheduleId } = await bookAndStartPaying();
    expect(await (await cashier({ orderInfo, action: 'decline' })).json()).toMatchObject({ errCode: 2 });
    const freeBefore = await freeCount(scheduleId);
    t.clock.advance(15 * 60_000 + 1);
    expect(await t.services.booking.expireUnpaid()).toBeGreaterThanOrEqual(1);
    expect(await getOrder(i, order.id)).toMatchObject({ status: 'cancelled' });
    expect(await freeCount(scheduleId)).toBe(freeBefore + 1);
    const late = await cashier({ orderInfo, action: 'pay' });
    expect(late.status).toBe(400);
    expect(await late.json()).toMatchObject({ errMsg: '订单已关闭' });
    const [row] = await t.services.db.query<{ status: string }>('SELECT status FROM payment WHERE order_id = ?', [
      order.id,
    ]);
    expect(row!.status).toBe('closed');
  });

  it('refunds a payment that lands after the window closed and says why', async () => {
    const { i, order, orderInfo } = await bookAndStartPaying();
    t.clock.advance(15 * 60_000 + 1);
    await t.services.booking.expireUnpaid();
    expect((await getOrder(i, order.id)).status).toBe('cancelled');
    // The payer had the cashier open and paid at the instant the window closed.
    expect((await cashier({ orderInfo, action: 'pay', lateAccept: true })).status).toBe(200);
    const after = await eventually(
      () => getOrder(i, order.id),
      (o) => o.payment.status === 'refunded',
    );
    expect(after).toMatchObject({ status: 'cancelled', payment: { status: 'refunded' } });
    expect(after.history.map((h) => h.reason)).toEqual(expect.arrayContaining(['late-payment-refund', 'refunded']));
    const [refund] = await t.services.db.query<{ reason: string; note: string; status: string }>(
      'SELECT reason, note, status FROM refund WHERE order_id = ?',
      [order.id],
    );
    expect(refund).toMatchObject({
      reason: 'late-payment',
      status: 'succeeded',
      note: expect.stringContaining('超过支付时限'),
    });
  });

  it('refunds a cancelled paid booking by applyOrderRefund; the refund notify and findOrderRefund agree', async () => {
    const { i, order, orderInfo } = await bookAndStartPaying();
    await cashier({ orderInfo, action: 'pay' });
    await eventually(
      () => getOrder(i, order.id),
      (o) => o.status === 'booked',
    );
    await t.http.post(`/api/v1/orders/${order.id}/cancel`).set(as(i)).send({}).expect(200);
    const refunded = await eventually(
      () => getOrder(i, order.id),
      (o) => o.payment.status === 'refunded',
    );
    expect(refunded.history.map((h) => h.reason)).toContain('refunded');
    const [refund] = await t.services.db.query<{ status: string; channel_refund_no: string; out_refund_no: string }>(
      'SELECT status, channel_refund_no, out_refund_no FROM refund WHERE order_id = ?',
      [order.id],
    );
    expect(refund).toMatchObject({ status: 'succeeded', channel_refund_no: expect.stringMatching(/^\d{15}$/) });
    const outNo = String(orderInfo.tpOrderId);
    expect(deliveriesFor(refund!.out_refund_no).map((d) => d.status)).toEqual([200]);
    await expect(channel().queryRefund(refund!.out_refund_no, outNo)).resolves.toMatchObject({
      state: 'succeeded',
      channelRefundNo: refund!.channel_refund_no,
      refundFen: 5000,
    });
    // The same refund batch asked again is answered as before; nothing more is refunded.
    await expect(
      channel().refund({
        outTradeNo: outNo,
        outRefundNo: refund!.out_refund_no,
        refundFen: 5000,
        totalFen: 5000,
        reason: 'again',
      }),
    ).resolves.toMatchObject({ channelRefundNo: refund!.channel_refund_no });
    await expect(
      channel().refund({
        outTradeNo: outNo,
        outRefundNo: 'R-OTHER-BATCH',
        refundFen: 5000,
        totalFen: 5000,
        reason: 'again',
      }),
    ).rejects.toMatchObject({ code: '2104', retryable: false });
  });

  it("downloads the day's order bill and reconciles it: injected faults are named, nothing else", async () => {
    const booked: { i: number; outNo: string; orderId: string }[] = [];
    for (let k = 0; k < 3; k++) {
      const { i, order, orderInfo } = await bookAndStartPaying();
      await cashier({ orderInfo, action: 'pay' });
      await eventually(
        () => getOrder(i, order.id),
        (o) => o.status === 'booked',
      );
      booked.push({ i, outNo: String(orderInfo.tpOrderId), orderId: order.id });
    }
    const cancelled = booked[2]!;
    await t.http.post(`/api/v1/orders/${cancelled.orderId}/cancel`).set(as(cancelled.i)).send({}).expect(200);
    await eventually(
      () => getOrder(cancelled.i, cancelled.orderId),
      (o) => o.payment.status === 'refunded',
    );
    const day = shanghaiDate(t.clock.now());
    await expect(channel().downloadBill(day)).rejects.toMatchObject({ code: 'BILL_NOT_READY', retryable: true });
    t.clock.advance(24 * 3600_000);

    const bill = await channel().downloadBill(day);
    const [ourRefund] = await t.services.db.query<{ out_refund_no: string; channel_refund_no: string }>(
      'SELECT out_refund_no, channel_refund_no FROM refund WHERE order_id = ?',
      [cancelled.orderId],
    );
    expect(bill.lines.find((l) => l.kind === 'payment' && l.outTradeNo === booked[0]!.outNo)).toEqual({
      kind: 'payment',
      outTradeNo: booked[0]!.outNo,
      outRefundNo: null,
      channelTradeNo: expect.stringMatching(/^\d{12}$/),
      channelRefundNo: null,
      amountFen: 5000,
      feeFen: 30,
      channelStatus: '已支付',
      at: expect.any(Number),
    });
    expect(
      bill.lines.filter((l) => l.outTradeNo === cancelled.outNo).map((l) => [l.kind, l.amountFen, l.feeFen]),
    ).toEqual([
      ['payment', 5000, 30],
      ['refund', 5000, -30],
    ]);
    expect(bill.lines.find((l) => l.kind === 'refund' && l.outTradeNo === cancelled.outNo)).toMatchObject({
      outRefundNo: ourRefund!.out_refund_no,
      channelRefundNo: ourRefund!.channel_refund_no,
      channelStatus: '退款成功',
    });

    const faults = {
      billDate: day,
      faults: [
        { kind: 'drop', outTradeNo: booked[0]!.outNo },
        { kind: 'amount', outTradeNo: booked[1]!.outNo, amountFen: 4900 },
        { kind: 'extra', outTradeNo: 'FOREIGN-BAIDU-1' },
      ],
    };
    expect(
      (await fetch(`${t.sandbox!.url}/baidu/sandbox/bill-faults`, { method: 'POST', body: JSON.stringify(faults) }))
        .status,
    ).toBe(200);
    const run = await t.services.reconciliation.run('baidu', day, 'job');
    expect(run.counts).toMatchObject({ 'missing-channel': 1, 'amount-mismatch': 1, 'missing-local': 1 });
    const lines = await t.services.reconciliation.lines({
      from: day,
      to: day,
      channel: 'baidu',
      outcome: 'all',
      page: 1,
      pageSize: 100,
    });
    const named = lines.items
      .filter((l) => l.outcome !== 'matched')
      .map((l) => [l.outcome, l.outTradeNo])
      .sort();
    expect(named).toEqual(
      [
        ['amount-mismatch', booked[1]!.outNo],
        ['missing-channel', booked[0]!.outNo],
        ['missing-local', 'FOREIGN-BAIDU-1'],
      ].sort(),
    );
  });

  it('is refused by the open API with wrong client credentials; knows no order the payer never opened', async () => {
    await expect(channel({ clientSecret: 'wrong' }).queryPayment('NO_SUCH_ORDER_1')).rejects.toMatchObject({
      code: 'invalid_client',
      retryable: false,
    });
    await expect(channel().queryPayment('NO_SUCH_ORDER_1')).resolves.toMatchObject({
      state: 'absent',
      channelTradeNo: null,
    });
    await expect(channel().closePayment('NO_SUCH_ORDER_1')).resolves.toBeUndefined();
    await expect(
      channel().createPayment({
        outTradeNo: 'X1',
        amountFen: 100,
        description: 'x',
        scene: 'h5',
        payerId: null,
        payerIp: '127.0.0.1',
        expiresAt: Date.now() + 60_000,
      }),
    ).rejects.toMatchObject({ code: 'SCENE_UNSUPPORTED' });
  });

  it("books nothing on a signed notify whose totalMoney is not the booking's: unpaid, all refunded", async () => {
    const { i, order, orderInfo, ticket } = await bookAndStartPaying();
    expect((await cashier({ orderInfo, action: 'pay', paidAs: { totalFen: 1 } })).status).toBe(200);
    const [payment] = await eventually(
      () =>
        t.services.db.query<{ status: string; discrepancy: string }>(
          'SELECT status, discrepancy FROM payment WHERE id = ?',
          [ticket.paymentId],
        ),
      (r) => r[0]?.status !== 'open',
    );
    expect(payment).toMatchObject({ status: 'discrepancy', discrepancy: expect.stringContaining('amount') });
    expect(await getOrder(i, order.id)).toMatchObject({ status: 'pending', payment: { status: 'unpaid' } });
    const [refund] = await eventually(
      () =>
        t.services.db.query<{ reason: string; status: string; amount_fen: number }>(
          'SELECT reason, status, amount_fen FROM refund WHERE order_id = ?',
          [order.id],
        ),
      (r) => r[0]?.status === 'succeeded',
    );
    expect(refund!.reason).toBe('payment-mismatch');
    expect(Number(refund!.amount_fen)).toBe(1);
    expect((await getOrder(i, order.id)).history.map((h) => h.reason)).toContain('payment-mismatch-refund');
  });
});
