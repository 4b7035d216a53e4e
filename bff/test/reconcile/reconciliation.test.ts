import crypto from 'node:crypto';
import { fenToYuan } from '../../src/pay/money.js';
import { newId } from '../../src/shared/ids.js';
import { addDays, shanghaiDate } from '../../src/shared/time.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { readCsv } from '../support/read-csv.js';
import {
  createClinic,
  createPatients,
  createSession,
  idemKey,
  type Clinic,
  type PatientFixture,
} from '../support/fixtures.js';

interface Line {
  outcome: string;
  outTradeNo: string;
  kind: string;
  hospital: { id: string } | null;
  ourAmountFen: number | null;
  channelAmountFen: number | null;
}

/** 对账 end to end: real payments through the emulated channels, bills with injected faults, the console API. */
describe.each(databaseKinds())('reconciliation on %s', (kind) => {
  let t: TestApp;
  let clinicA: Clinic;
  let clinicB: Clinic;
  let people: PatientFixture[];
  const tokens: string[] = [];
  let next = 0;
  let day: string;
  const paid: { hospital: 'A' | 'B'; outTradeNo: string; orderId: string; i: number }[] = [];
  const keys = { admin: '', clerkA: '', clerkB: '' };

  const as = (i: number) => ({ Authorization: `Bearer ${tokens[i]}` });
  const staff = (key: string) => ({ Authorization: `Bearer ${key}` });
  const order = async (i: number, id: string) =>
    (await t.http.get(`/api/v1/orders/${id}`).set(as(i)).expect(200)).body as {
      status: string;
      payment: { status: string };
    };

  async function pay(clinic: Clinic, channel: 'wechat' | 'alipay') {
    const i = next++;
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 2,
      date: addDays(shanghaiDate(t.clock.now()), 2),
      feeFen: 2500 + i,
    });
    const o = (
      await t.http
        .post('/api/v1/orders')
        .set(as(i))
        .set('Idempotency-Key', idemKey())
        .send({ patientId: people[i]!.patientId, scheduleId: s.id })
        .expect(201)
    ).body as { id: string };
    const ticket = (await t.http.post(`/api/v1/orders/${o.id}/pay`).set(as(i)).send({ channel }).expect(200)).body;
    const body =
      channel === 'wechat'
        ? { prepayId: String(ticket.params.requestPayment.package).slice('prepay_id='.length), action: 'pay' }
        : { tradeNo: ticket.params.tradeNO, action: 'pay' };
    await fetch(`${t.sandbox!.url}/${channel === 'wechat' ? 'wechatpay' : 'alipay'}/sandbox/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await eventually(
      () => order(i, o.id),
      (x) => x.status === 'booked',
    );
    const [p] = await t.services.db.query<{ out_trade_no: string }>(
      'SELECT out_trade_no FROM payment WHERE order_id = ?',
      [o.id],
    );
    return { outTradeNo: p!.out_trade_no, orderId: o.id, i };
  }
  const faults = (channel: 'wechatpay' | 'alipay', billDate: string, list: object[]) =>
    fetch(`${t.sandbox!.url}/${channel}/sandbox/bill-faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ billDate, faults: list }),
    });

  beforeAll(async () => {
    t = await startTestApp(kind, { listen: true });
    clinicA = await createClinic(t.services.db, { now: t.clock.now(), onlinePayment: true });
    clinicB = await createClinic(t.services.db, { now: t.clock.now(), onlinePayment: true });
    people = await createPatients(t.services.db, 12, { now: t.clock.now() });
    for (const p of people) {
      tokens.push((await t.services.tokens.issue(p.accountId)).token);
      await t.services.db.query(
        `INSERT INTO account_identity (id, account_id, platform, open_id, union_id, created_at)
          VALUES (?, ?, ?, ?, ?, ?)`,
        [newId(), p.accountId, 'weapp', `o${crypto.randomBytes(13).toString('base64url')}`, null, t.clock.now()],
      );
      await t.services.db.query(
        `INSERT INTO account_identity (id, account_id, platform, open_id, union_id, created_at)
          VALUES (?, ?, ?, ?, ?, ?)`,
        [
          newId(),
          p.accountId,
          'alipay',
          `2088${crypto.randomInt(1e12).toString().padStart(12, '0')}`,
          null,
          t.clock.now(),
        ],
      );
    }
    day = shanghaiDate(t.clock.now());
    for (let n = 0; n < 6; n++) paid.push({ hospital: 'A', ...(await pay(clinicA, 'wechat')) });
    paid.push({ hospital: 'B', ...(await pay(clinicB, 'wechat')) });
    // One of clinic A's bookings is cancelled: its refund is on the same day's bill.
    const cancelled = paid[5]!;
    await t.http.post(`/api/v1/orders/${cancelled.orderId}/cancel`).set(as(cancelled.i)).send({}).expect(200);
    await eventually(
      () => order(cancelled.i, cancelled.orderId),
      (x) => x.payment.status === 'refunded',
    );
    keys.admin = (await t.services.staff.add({ name: '卫健委财务', role: 'admin' })).key;
    keys.clerkA = (
      await t.services.staff.add({
        name: '甲医院财务',
        role: 'finance',
        hospitalCode: `T${clinicA.hospitalId.slice(-8)}`,
      })
    ).key;
    keys.clerkB = (
      await t.services.staff.add({
        name: '乙医院财务',
        role: 'finance',
        hospitalCode: `T${clinicB.hospitalId.slice(-8)}`,
      })
    ).key;
    await faults('wechatpay', day, [
      { kind: 'drop', outTradeNo: paid[0]!.outTradeNo },
      { kind: 'amount', outTradeNo: paid[1]!.outTradeNo },
      { kind: 'status', outTradeNo: paid[2]!.outTradeNo },
      { kind: 'extra', outTradeNo: 'FOREIGN0000000001' },
    ]);
    // The bill of a day exists once the day is over.
    t.clock.advance(24 * 3600_000);
  });
  afterAll(async () => t.close());

  it('names exactly the lines the bill got wrong, and matches everything else', async () => {
    const run = (
      await t.http
        .post(`/api/v1/console/reconciliations/${day}/run`)
        .set(staff(keys.admin))
        .send({ channel: 'wechat' })
        .expect(200)
    ).body;
    expect(run).toEqual({
      channel: 'wechat',
      billDate: day,
      billLines: 8,
      counts: { matched: 5, 'missing-local': 1, 'missing-channel': 1, 'amount-mismatch': 1, 'status-mismatch': 1 },
    });
    const lines = (
      await t.http.get(`/api/v1/console/reconciliations/${day}/lines?channel=wechat`).set(staff(keys.admin)).expect(200)
    ).body as { items: Line[]; total: number };
    expect(lines.items.map((l) => [l.outcome, l.outTradeNo]).sort()).toEqual(
      [
        ['amount-mismatch', paid[1]!.outTradeNo],
        ['missing-channel', paid[0]!.outTradeNo],
        ['missing-local', 'FOREIGN0000000001'],
        ['status-mismatch', paid[2]!.outTradeNo],
      ].sort(),
    );
    const amount = lines.items.find((l) => l.outcome === 'amount-mismatch')!;
    expect(amount.channelAmountFen! - amount.ourAmountFen!).toBe(100);
    expect(lines.items.find((l) => l.outcome === 'missing-local')!.hospital).toBeNull();
    const all = (
      await t.http
        .get(`/api/v1/console/reconciliations/${day}/lines?channel=wechat&outcome=all&pageSize=50`)
        .set(staff(keys.admin))
        .expect(200)
    ).body as { items: Line[] };
    expect(
      all.items
        .filter((l) => l.outcome === 'matched')
        .map((l) => l.kind)
        .sort(),
    ).toEqual(['payment', 'payment', 'payment', 'payment', 'refund']);
  });

  it('gives the same result when a day is run again, without duplicate rows', async () => {
    const count = async () =>
      Number(
        (
          await t.services.db.query<{ n: number }>(
            'SELECT COUNT(*) AS n FROM reconciliation_line WHERE bill_date = ?',
            [day],
          )
        )[0]!.n,
      );
    await t.http
      .post(`/api/v1/console/reconciliations/${day}/run`)
      .set(staff(keys.admin))
      .send({ channel: 'wechat' })
      .expect(200);
    const before = await count();
    expect(before).toBe(9);
    const again = (
      await t.http
        .post(`/api/v1/console/reconciliations/${day}/run`)
        .set(staff(keys.admin))
        .send({ channel: 'wechat' })
        .expect(200)
    ).body;
    expect(again.counts).toEqual({
      matched: 5,
      'missing-local': 1,
      'missing-channel': 1,
      'amount-mismatch': 1,
      'status-mismatch': 1,
    });
    expect(await count()).toBe(before);
    const summaries = (
      await t.http.get(`/api/v1/console/reconciliations?from=${day}&to=${day}`).set(staff(keys.admin)).expect(200)
    ).body.items as {
      hospital: { id: string } | null;
      counts: Record<string, number>;
      ourPaidFen: number;
      channelPaidFen: number;
    }[];
    expect(summaries).toHaveLength(3);
    const a = summaries.find((s) => s.hospital?.id === clinicA.hospitalId)!;
    expect(a.counts).toEqual({
      matched: 4,
      'missing-local': 0,
      'missing-channel': 1,
      'amount-mismatch': 1,
      'status-mismatch': 1,
    });
    expect(a.channelPaidFen - a.ourPaidFen).toBe(100 - (paid[0]!.i + 2500));
  });

  it('shows a hospital clerk only their hospital, and refuses what is not theirs', async () => {
    const mine = (
      await t.http.get(`/api/v1/console/reconciliations?from=${day}&to=${day}`).set(staff(keys.clerkB)).expect(200)
    ).body.items as { hospital: { id: string } | null; counts: Record<string, number> }[];
    expect(mine).toEqual([
      expect.objectContaining({
        hospital: expect.objectContaining({ id: clinicB.hospitalId }),
        counts: expect.objectContaining({ matched: 1 }),
      }),
    ]);
    const other = await t.http
      .get(`/api/v1/console/reconciliations?from=${day}&to=${day}&hospitalId=${clinicA.hospitalId}`)
      .set(staff(keys.clerkB))
      .expect(403);
    expect(other.body.error.code).toBe('STAFF_FORBIDDEN');
    expect(
      (await t.http.get(`/api/v1/console/reconciliations/${day}/lines`).set(staff(keys.clerkB)).expect(200)).body.items,
    ).toEqual([]);
    expect(
      (
        await t.http
          .post(`/api/v1/console/reconciliations/${day}/run`)
          .set(staff(keys.clerkA))
          .send({ channel: 'wechat' })
          .expect(403)
      ).body.error.code,
    ).toBe('STAFF_FORBIDDEN');
    expect(
      (await t.http.get(`/api/v1/console/reconciliations?from=${day}&to=${day}`).expect(401)).body.error.code,
    ).toBe('STAFF_UNAUTHENTICATED');
    expect(
      (await t.http.get(`/api/v1/console/reconciliations?from=${day}&to=${day}`).set(as(0)).expect(401)).body.error
        .code,
    ).toBe('STAFF_UNAUTHENTICATED');
    expect(
      (await t.http.get(`/api/v1/console/reconciliations?from=${day}&to=bad`).set(staff(keys.admin)).expect(400)).body
        .error.code,
    ).toBe('VALIDATION_FAILED');
  });

  it('serves the day as a CSV a finance clerk opens in Excel', async () => {
    const text = async (url: string, key: string, status = 200) => {
      const res = await t.http
        .get(url)
        .set(staff(key))
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
        })
        .expect(status);
      return { type: res.headers['content-type'] as string, body: res.body as string };
    };
    const res = await text(`/api/v1/console/reconciliations/${day}.csv?channel=wechat`, keys.clerkA);
    expect(res.type).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    expect(res.body.endsWith('\r\n')).toBe(true);
    const rows = readCsv(res.body.slice(1));
    expect(rows[0]).toEqual([
      '日期',
      '渠道',
      '医院',
      '商户订单号',
      '渠道订单号',
      '商户退款单号',
      '类型',
      '我方金额(元)',
      '渠道金额(元)',
      '手续费(元)',
      '结果',
      '渠道退款单号',
      '我方状态',
      '渠道状态',
    ]);
    const col = (name: string) => rows[0]!.indexOf(name);
    // Clinic A only: six payments and one refund, matched or not.
    expect(rows).toHaveLength(1 + 7);
    const amount = rows.find((r) => r[col('商户订单号')] === paid[1]!.outTradeNo)!;
    expect([amount[col('结果')], amount[col('我方金额(元)')], amount[col('渠道金额(元)')]]).toEqual([
      '金额不符',
      fenToYuan(2500 + paid[1]!.i),
      fenToYuan(2600 + paid[1]!.i),
    ]);
    expect(rows.find((r) => r[col('商户订单号')] === paid[0]!.outTradeNo)![col('结果')]).toBe('渠道无此笔（平台有）');
    expect(rows.filter((r) => r[col('类型')] === '退款')).toHaveLength(1);
    // The administrator's file has every hospital, and the line that is none of ours.
    const all = readCsv((await text(`/api/v1/console/reconciliations/${day}.csv`, keys.admin)).body.slice(1));
    expect(all.find((r) => r[col('商户订单号')] === 'FOREIGN0000000001')).toEqual(
      expect.arrayContaining(['（非本平台）', '平台无此笔（渠道有）']),
    );
    expect(all).toHaveLength(1 + 9);
    expect(
      (
        await t.http
          .get(`/api/v1/console/reconciliations/${day}.csv?hospitalId=${clinicA.hospitalId}`)
          .set(staff(keys.clerkB))
          .expect(403)
      ).body.error.code,
    ).toBe('STAFF_FORBIDDEN');
    expect((await t.http.get(`/api/v1/console/reconciliations/${day}.csv`).expect(401)).body.error.code).toBe(
      'STAFF_UNAUTHENTICATED',
    );
    expect(
      (await t.http.get('/api/v1/console/reconciliations/2026-13-01.csv').set(staff(keys.admin)).expect(400)).body.error
        .code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (await t.http.get(`/api/v1/console/reconciliations/${day}.csv?channel=paypal`).set(staff(keys.admin)).expect(400))
        .body.error.code,
    ).toBe('VALIDATION_FAILED');
    const audited = await t.services.db.query<{ action: string; actor_id: string }>(
      "SELECT action, actor_id FROM audit_event WHERE action LIKE 'reconcile.%' ORDER BY at",
    );
    expect(audited.filter((a) => a.action === 'reconcile.download')).toHaveLength(2);
    expect(audited.filter((a) => a.action === 'reconcile.run').length).toBeGreaterThanOrEqual(3);
  });

  it('refuses bad dates and channels with a stable code, and checks the key before anything else', async () => {
    for (const url of [
      '/api/v1/console/reconciliations/2026-02-30/run',
      '/api/v1/console/reconciliations/20261101/run',
    ]) {
      expect(
        (await t.http.post(url).set(staff(keys.admin)).send({ channel: 'wechat' }).expect(400)).body.error.code,
      ).toBe('VALIDATION_FAILED');
    }
    expect(
      (
        await t.http
          .post(`/api/v1/console/reconciliations/${day}/run`)
          .set(staff(keys.admin))
          .send({ channel: 'paypal' })
          .expect(400)
      ).body.error.code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (
        await t.http
          .get(`/api/v1/console/reconciliations/${day}/lines?outcome=whatever`)
          .set(staff(keys.admin))
          .expect(400)
      ).body.error.code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (await t.http.post('/api/v1/console/reconciliations/bad/run').send({ channel: 'paypal' }).expect(401)).body.error
        .code,
    ).toBe('STAFF_UNAUTHENTICATED');
    expect(
      (
        await t.http
          .get('/api/v1/console/reconciliations')
          .set(staff(`sk_${'A'.repeat(43)}`))
          .expect(401)
      ).body.error.code,
    ).toBe('STAFF_UNAUTHENTICATED');
    const disabled = await t.services.staff.add({ name: '离职', role: 'admin' });
    await t.services.staff.disable(disabled.staff.id);
    expect(
      (await t.http.get(`/api/v1/console/reconciliations?from=${day}&to=${day}`).set(staff(disabled.key)).expect(401))
        .body.error.code,
    ).toBe('STAFF_UNAUTHENTICATED');
    const doc = (await t.http.get('/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths['/api/v1/console/reconciliations/{date}.csv'].get.responses['200'].content)).toEqual([
      'text/csv; charset=utf-8',
    ]);
    expect(doc.paths['/api/v1/console/reconciliations/{date}/run'].post.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'authorization', in: 'header' })]),
    );
  });

  it("refuses a bill file that does not match its signed SHA1, and keeps the day's last result", async () => {
    const list = [
      { kind: 'drop', outTradeNo: paid[0]!.outTradeNo },
      { kind: 'amount', outTradeNo: paid[1]!.outTradeNo },
      { kind: 'status', outTradeNo: paid[2]!.outTradeNo },
      { kind: 'extra', outTradeNo: 'FOREIGN0000000001' },
    ];
    await fetch(`${t.sandbox!.url}/wechatpay/sandbox/bill-faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ billDate: day, faults: list, tamperFile: true }),
    });
    expect(
      (
        await t.http
          .post(`/api/v1/console/reconciliations/${day}/run`)
          .set(staff(keys.admin))
          .send({ channel: 'wechat' })
          .expect(502)
      ).body.error.code,
    ).toBe('RECONCILE_FAILED');
    const failed = await t.services.db.query<{ error: string }>(
      "SELECT error FROM reconciliation_run WHERE bill_date = ? AND channel = ? AND status = 'failed'",
      [day, 'wechat'],
    );
    expect(failed).toEqual([{ error: expect.stringMatching(/^BILL_HASH_MISMATCH/) }]);
    expect(
      (
        await t.http
          .get(`/api/v1/console/reconciliations/${day}/lines?channel=wechat`)
          .set(staff(keys.admin))
          .expect(200)
      ).body.total,
    ).toBe(4);
    await faults('wechatpay', day, list);
  });

  it('reconciles Alipay from its zip of GBK CSVs the same way', async () => {
    const day2 = shanghaiDate(t.clock.now());
    const a1 = await pay(clinicA, 'alipay');
    const a2 = await pay(clinicA, 'alipay');
    await faults('alipay', day2, [{ kind: 'amount', outTradeNo: a2.outTradeNo, amountFen: 1 }]);
    // Not over yet: the bill is not ready, and nothing is stored.
    expect(
      (
        await t.http
          .post(`/api/v1/console/reconciliations/${day2}/run`)
          .set(staff(keys.admin))
          .send({ channel: 'alipay' })
          .expect(409)
      ).body.error.code,
    ).toBe('BILL_NOT_READY');
    t.clock.advance(24 * 3600_000);
    const run = (
      await t.http
        .post(`/api/v1/console/reconciliations/${day2}/run`)
        .set(staff(keys.admin))
        .send({ channel: 'alipay' })
        .expect(200)
    ).body;
    expect(run.counts).toEqual({
      matched: 1,
      'missing-local': 0,
      'missing-channel': 0,
      'amount-mismatch': 1,
      'status-mismatch': 0,
    });
    const lines = (
      await t.http
        .get(`/api/v1/console/reconciliations/${day2}/lines?channel=alipay`)
        .set(staff(keys.admin))
        .expect(200)
    ).body.items as Line[];
    expect(lines).toEqual([
      expect.objectContaining({ outcome: 'amount-mismatch', outTradeNo: a2.outTradeNo, channelAmountFen: 1 }),
    ]);
    expect(a1.outTradeNo).not.toBe(a2.outTradeNo);
  });

  it('reconciles a day without trades as an empty, successful day', async () => {
    const run = (
      await t.http
        .post('/api/v1/console/reconciliations/2020-01-01/run')
        .set(staff(keys.admin))
        .send({ channel: 'wechat' })
        .expect(200)
    ).body;
    expect(run).toEqual({
      channel: 'wechat',
      billDate: '2020-01-01',
      billLines: 0,
      counts: { matched: 0, 'missing-local': 0, 'missing-channel': 0, 'amount-mismatch': 0, 'status-mismatch': 0 },
    });
  });

  it('lets the daily job reconcile yesterday once for every channel not yet reconciled', async () => {
    t.clock.advance(24 * 3600_000);
    const yesterday = addDays(shanghaiDate(t.clock.now()), -1);
    await t.http
      .post(`/api/v1/console/reconciliations/${yesterday}/run`)
      .set(staff(keys.admin))
      .send({ channel: 'alipay' })
      .expect(200);
    await t.services.reconciliation.runDue();
    const jobRuns = async () =>
      t.services.db.query<{ channel: string; status: string }>(
        "SELECT channel, status FROM reconciliation_run WHERE bill_date = ? AND triggered_by = 'job'",
        [yesterday],
      );
    expect((await jobRuns()).sort((a, b) => a.channel.localeCompare(b.channel))).toEqual([
      { channel: 'baidu', status: 'succeeded' },
      { channel: 'wechat', status: 'succeeded' },
    ]);
    await t.services.reconciliation.runDue();
    expect(await jobRuns()).toHaveLength(2);
  });
});
