import crypto from 'node:crypto';
import { releaseInstant } from '../../src/core/schedule/publish.js';
import { newId } from '../../src/shared/ids.js';
import { addDays, shanghaiDate, shanghaiInstant } from '../../src/shared/time.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { createClinic, createPatients, idemKey, type PatientFixture } from '../support/fixtures.js';
import { notificationsOf, withPhone } from '../notify/notice-support.js';
import { hospitalClient, sandboxCaller } from '../support/hospital-client.js';
import { type JsonResponse, listen, postJson } from '../support/http-client.js';

interface Result {
  code: string;
  outcome: string;
  id: string | null;
  message?: string;
  capacity?: { requested: number; effective: number; notRemoved: number };
}

interface OrderView {
  id: string;
  status: string;
  slot: { seq: number; startsAt: string };
  doctor: { name: string } | null;
  payment: { status: string };
  history: { status: string; actor: string; reason: string | null }[];
}

describe.each(databaseKinds())('a hospital publishes, stops and resumes its sessions on %s', (kind) => {
  let t: TestApp;
  let hospitalId: string;
  let call: ReturnType<typeof hospitalClient>;
  let other: ReturnType<typeof hospitalClient>;
  let people: PatientFixture[];
  const tokens: string[] = [];
  let nextPatient = 0;
  let nextCode = 0;

  beforeAll(async () => {
    t = await startTestApp(kind, { listen: true, env: { RATE_BOOKING_PER_IP_MINUTE: '100000' } });
    const now = t.clock.now();
    hospitalId = (await createClinic(t.services.db, { now, onlinePayment: true, departments: 1 })).hospitalId;
    call = hospitalClient(t, await sandboxCaller(t, hospitalId));
    other = hospitalClient(t, await sandboxCaller(t, (await createClinic(t.services.db, { now })).hospitalId));
    await call('PUT', '/api/hospital/v1/departments', {
      version: 1,
      items: [{ hisDepartmentCode: 'NK', name: '内科' }],
    }).expect(200);
    await call('PUT', '/api/hospital/v1/doctors', {
      version: 1,
      items: [{ hisDoctorCode: 'D1', hisDepartmentCode: 'NK', name: '王医生', title: '主任医师' }],
    }).expect(200);
    people = await createPatients(t.services.db, 240, { now });
    for (const p of people) {
      tokens.push((await t.services.tokens.issue(p.accountId)).token);
      // a WeChat identity, for the patient who pays
      await t.services.db.query(
        `INSERT INTO account_identity (id, account_id, platform, open_id, union_id, created_at)
          VALUES (?, ?, ?, ?, ?, ?)`,
        [newId(), p.accountId, 'weapp', `o${crypto.randomBytes(13).toString('base64url')}`, null, now],
      );
    }
  });
  afterAll(async () => t.close());

  const day = (n: number) => addDays(shanghaiDate(t.clock.now()), n);
  const released = () => new Date(t.clock.now() - 60_000).toISOString();
  /** A fresh schedule id and a released expert session of 王医生, the day after tomorrow. */
  const session = (over: Record<string, unknown> = {}) => ({
    hisScheduleId: `S${++nextCode}`,
    hisDepartmentCode: 'NK',
    hisDoctorCode: 'D1',
    date: day(2),
    period: 'morning',
    type: 'expert',
    feeFen: 500,
    capacity: 4,
    releaseAt: released(),
    ...over,
  });
  const put = async (version: number, items: object[]) =>
    (await call('PUT', '/api/hospital/v1/schedules', { version, items }).expect(200)).body.results as Result[];
  const outcomes = (rs: Result[]) => rs.map((r) => [r.code, r.outcome]);
  const schedule = async (id: string) =>
    (await t.http.get(`/api/v1/schedules/${id}`).expect(200)).body as {
      status: string;
      feeFen: number;
      capacity: number;
      freeCount: number;
      releaseAt: string;
      slots: { seq: number; startsAt: string; endsAt: string; status: string }[];
    };
  const row = async (id: string) =>
    (
      await t.services.db.query<{ capacity: number; free_count: number; version: number }>(
        'SELECT capacity, free_count, version FROM schedule WHERE id = ?',
        [id],
      )
    ).map((r) => ({ capacity: Number(r.capacity), freeCount: Number(r.free_count), version: Number(r.version) }))[0]!;
  /** Slot counts by status, and the free slots the schedule row says it has. */
  const slotCounts = async (id: string) => {
    const rows = await t.services.db.query<{ status: string; n: number }>(
      'SELECT status, COUNT(*) AS n FROM slot WHERE schedule_id = ? GROUP BY status',
      [id],
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
  };
  const patient = () => nextPatient++;
  const book = (i: number, scheduleId: string) =>
    t.http
      .post('/api/v1/orders')
      .set('Authorization', `Bearer ${tokens[i]}`)
      .set('Idempotency-Key', idemKey())
      .send({ scheduleId, patientId: people[i]!.patientId });
  const getOrder = async (i: number, id: string) =>
    (await t.http.get(`/api/v1/orders/${id}`).set('Authorization', `Bearer ${tokens[i]}`).expect(200))
      .body as OrderView;

  it('publishes a session with its slot times, patients see them; release defaults to the hospital rule', async () => {
    const slotTimes = [
      { start: '08:00', end: '08:20' },
      { start: '08:20', end: '08:40' },
      { start: '09:00', end: '09:30' },
    ];
    const [timed, ruled] = await put(10, [
      session({ capacity: 3, slotTimes }),
      session({ period: 'afternoon', releaseAt: undefined }),
    ]);
    expect([timed!.outcome, ruled!.outcome]).toEqual(['created', 'created']);
    expect(timed!.capacity).toEqual({ requested: 3, effective: 3, notRemoved: 0 });
    const shown = await schedule(timed!.id!);
    expect(shown).toMatchObject({ status: 'open', feeFen: 500, capacity: 3, freeCount: 3 });
    expect(shown.slots.map((s) => [s.seq, s.startsAt, s.endsAt])).toEqual(
      slotTimes.map((w, i) => [
        i + 1,
        new Date(shanghaiInstant(day(2), w.start)).toISOString(),
        new Date(shanghaiInstant(day(2), w.end)).toISOString(),
      ]),
    );
    const [rule] = await t.services.db.query<{ release_time: string; days_ahead: number }>(
      'SELECT release_time, days_ahead FROM hospital WHERE id = ?',
      [hospitalId],
    );
    const expected = releaseInstant(day(2), { releaseTime: rule!.release_time, daysAhead: Number(rule!.days_ahead) });
    expect((await schedule(ruled!.id!)).releaseAt).toBe(new Date(expected).toISOString());
  });

  it('changes nothing for the same batch again, ignores an older version, applies a newer one', async () => {
    const item = session({ capacity: 3 });
    const [created] = await put(20, [item]);
    const id = created!.id!;
    const before = await row(id);
    expect(outcomes(await put(20, [item]))).toEqual([[item.hisScheduleId, 'unchanged']]);
    expect(outcomes(await put(19, [{ ...item, feeFen: 100, capacity: 9 }]))).toEqual([[item.hisScheduleId, 'stale']]);
    expect(await row(id)).toEqual(before);
    expect(await slotCounts(id)).toEqual({ free: 3 });

    const [updated] = await put(21, [{ ...item, feeFen: 800, type: 'special' }]);
    expect(updated).toMatchObject({ outcome: 'updated', id, capacity: { requested: 3, effective: 3, notRemoved: 0 } });
    expect(await schedule(id)).toMatchObject({ feeFen: 800, type: 'special', capacity: 3, freeCount: 3 });
  });

  it('moves the windows of the slots nobody holds, never a booked one; a new doctor shows on the booking', async () => {
    const before = [
      { start: '08:00', end: '08:30' },
      { start: '08:30', end: '09:00' },
    ];
    const item = session({ capacity: 2, slotTimes: before, date: day(6) });
    const id = (await put(25, [item]))[0]!.id!;
    const i = patient();
    const order = (await book(i, id).expect(201)).body as OrderView;
    await call('PUT', '/api/hospital/v1/doctors', {
      version: 2,
      items: [{ hisDoctorCode: 'D2', hisDepartmentCode: 'NK', name: '赵医生', title: '副主任医师' }],
    }).expect(200);
    const after = [
      { start: '10:00', end: '10:30' },
      { start: '10:30', end: '11:00' },
    ];
    const [updated] = await put(26, [{ ...item, slotTimes: after, hisDoctorCode: 'D2' }]);
    expect(updated!.outcome).toBe('updated');
    const at = (time: string) => new Date(shanghaiInstant(day(6), time)).toISOString();
    expect((await schedule(id)).slots.map((s) => [s.seq, s.startsAt])).toEqual([
      [1, at('08:00')],
      [2, at('10:30')],
    ]);
    expect(await getOrder(i, order.id)).toMatchObject({
      slot: { seq: 1, startsAt: at('08:00') },
      doctor: { name: '赵医生' },
    });
  });

  it('refuses unknown departments and doctors, and impossible times, item by item', async () => {
    const good = session();
    const results = await put(30, [
      session({ hisDepartmentCode: 'NO-SUCH' }),
      good,
      session({ hisDoctorCode: 'NOBODY' }),
      session({
        capacity: 2,
        slotTimes: [
          { start: '07:00', end: '07:30' },
          { start: '08:00', end: '08:30' },
        ],
        startTime: '08:00',
        endTime: '12:00',
      }),
      session({
        capacity: 2,
        slotTimes: [
          { start: '09:00', end: '09:30' },
          { start: '08:00', end: '08:30' },
        ],
      }),
      session({ releaseAt: new Date(shanghaiInstant(day(2), '12:00')).toISOString() }),
    ]);
    expect(results.map((r) => [r.outcome, r.message ?? null])).toEqual([
      ['refused', '科室编码 NO-SUCH 未登记，请先发布科室'],
      ['created', null],
      ['refused', '医生编码 NOBODY 未登记，请先发布医生'],
      ['refused', '第 1 号的时段不在出诊时间内'],
      ['refused', '第 2 号的时段早于第 1 号'],
      ['refused', '放号时间应早于停止预约的时间'],
    ]);
    const [{ n }] = (await t.services.db.query(
      "SELECT COUNT(*) AS n FROM his_key WHERE hospital_id = ? AND kind = 'schedule' AND his_code IN (?, ?)",
      [hospitalId, results[0]!.code, results[2]!.code],
    )) as [{ n: number }];
    expect(Number(n)).toBe(0);
    // a batch that breaks the contract is refused as a whole
    const bad = await call('PUT', '/api/hospital/v1/schedules', {
      version: 31,
      items: [session({ capacity: 2, slotTimes: [{ start: '08:00', end: '08:30' }] })],
    }).expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('raises capacity: the new slots can be booked', async () => {
    const item = session({ capacity: 2 });
    const id = (await put(40, [item]))[0]!.id!;
    for (const seq of [1, 2]) expect((await book(patient(), id).expect(201)).body.slot.seq).toBe(seq);
    expect((await book(patient(), id).expect(409)).body.error.code).toBe('SLOT_GONE');
    const [raised] = await put(41, [{ ...item, capacity: 4 }]);
    expect(raised!.capacity).toEqual({ requested: 4, effective: 4, notRemoved: 0 });
    expect(await row(id)).toMatchObject({ capacity: 4, freeCount: 2 });
    for (const seq of [3, 4]) expect((await book(patient(), id).expect(201)).body.slot.seq).toBe(seq);
    expect((await book(patient(), id).expect(409)).body.error.code).toBe('SLOT_GONE');
  });

  it('lowers capacity around held slots, keeps withdrawn slots out through stop and resume, books again', async () => {
    const item = session({ capacity: 6, period: 'evening' });
    const id = (await put(50, [item]))[0]!.id!;
    const held = [patient(), patient(), patient()];
    const orders = [];
    for (const i of held) orders.push((await book(i, id).expect(201)).body as OrderView);
    // the second patient cancels: slot 2 is free again, and a cancelled order points at it
    await t.http
      .post(`/api/v1/orders/${orders[1]!.id}/cancel`)
      .set('Authorization', `Bearer ${tokens[held[1]!]}`)
      .send({})
      .expect(200);

    const [lowered] = await put(51, [{ ...item, capacity: 1 }]);
    expect(lowered!.capacity).toEqual({ requested: 1, effective: 2, notRemoved: 1 });
    expect(await row(id)).toMatchObject({ capacity: 2, freeCount: 0 });
    expect(await slotCounts(id)).toEqual({ 'busy-tentative': 2, withdrawn: 1 });
    const shown = await schedule(id);
    expect(shown).toMatchObject({ capacity: 2, freeCount: 0 });
    expect(shown.slots.map((s) => s.seq)).toEqual([1, 3]);
    expect((await book(patient(), id).expect(409)).body.error.code).toBe('SLOT_GONE');

    await call('POST', `/api/hospital/v1/schedules/${item.hisScheduleId}/stop`, { reason: '设备检修' }).expect(200);
    const resumed = await call('POST', `/api/hospital/v1/schedules/${item.hisScheduleId}/resume`).expect(200);
    expect(resumed.body).toMatchObject({ status: 'open', changed: true, freeCount: 2 });
    expect(await slotCounts(id)).toEqual({ free: 2, withdrawn: 1 });

    const [raised] = await put(52, [{ ...item, capacity: 3 }]);
    expect(raised!.capacity).toEqual({ requested: 3, effective: 3, notRemoved: 0 });
    expect(await row(id)).toMatchObject({ capacity: 3, freeCount: 3 });
    const seqs = [];
    for (let k = 0; k < 3; k++) seqs.push((await book(patient(), id).expect(201)).body.slot.seq);
    expect(seqs.sort()).toEqual([1, 2, 3]);
    expect((await book(patient(), id).expect(409)).body.error.code).toBe('SLOT_GONE');
    expect(await row(id)).toMatchObject({ capacity: 3, freeCount: 0 });
    const events = await t.services.db.query<{ action: string; detail: string | null }>(
      "SELECT action, detail FROM slot_event WHERE schedule_id = ? AND actor_type = 'hospital' ORDER BY at, action",
      [id],
    );
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['published', 'withdrawn', 'reshaped', 'stopped', 'resumed', 'readmitted']),
    );
    expect(events.map((e) => e.detail)).toContain('capacity 6 -> 2; deleted 6,5,4; withdrew 2; 1 held');
  });

  it('never oversells while capacity is lowered during a storm of bookings on that session', async () => {
    const server = await listen(t.handler);
    try {
      const item = session({ capacity: 60, date: day(3) });
      const id = (await put(60, [item]))[0]!.id!;
      // The storm comes in waves; the hospital lowers the capacity when 10 and when 25 are booked,
      // each time while more bookings are in flight.
      const sent: Promise<JsonResponse>[] = [];
      const reports: Result[] = [];
      const lowered = new Map([
        [10, 40],
        [25, 20],
      ]);
      let resizes = Promise.resolve();
      let booked = 0;
      for (let wave = 0; wave < 12; wave++) {
        for (let k = 0; k < 10; k++) {
          const i = patient();
          const answer = postJson(
            `${server.url}/api/v1/orders`,
            { scheduleId: id, patientId: people[i]!.patientId },
            { authorization: `Bearer ${tokens[i]}`, 'idempotency-key': idemKey() },
          );
          sent.push(answer);
          void answer.then((r) => {
            const capacity = r.status === 201 ? lowered.get(++booked) : undefined;
            if (capacity === undefined) return;
            resizes = resizes.then(async () => {
              reports.push(...(await put(61 + reports.length, [{ ...item, capacity }])));
            });
          });
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      const results = await Promise.all(sent);
      await resizes;
      const created = results.filter((r) => r.status === 201);
      expect(new Set(results.filter((r) => r.status !== 201).map((r) => r.body.error.code))).toEqual(
        new Set(results.length > created.length ? ['SLOT_GONE'] : []),
      );
      const last = reports.at(-1)!.capacity!;
      expect(reports.map((r) => r.capacity!.requested)).toEqual([40, 20]);
      expect(last.effective - last.notRemoved).toBe(20);

      const [live] = await t.services.db.query<{ n: number; slots: number }>(
        'SELECT COUNT(*) AS n, COUNT(DISTINCT slot_id) AS slots FROM booking_order WHERE schedule_id = ? AND live = 1',
        [id],
      );
      const { capacity, freeCount } = await row(id);
      const counts = await slotCounts(id);
      expect(Number(live!.n)).toBe(created.length);
      expect(Number(live!.slots)).toBe(created.length);
      expect(created.length).toBeLessThanOrEqual(capacity);
      expect(capacity).toBe(last.effective);
      expect(capacity).toBe(Math.max(20, created.length));
      expect(freeCount).toBe(counts.free ?? 0);
      expect(capacity).toBe((counts.free ?? 0) + (counts['busy-tentative'] ?? 0));
      // every booking holds a slot that is still in the session
      const [orphans] = await t.services.db.query<{ n: number }>(
        `SELECT COUNT(*) AS n FROM booking_order o LEFT JOIN slot sl ON sl.id = o.slot_id
          WHERE o.schedule_id = ? AND o.live = 1 AND (sl.id IS NULL OR sl.status <> 'busy-tentative')`,
        [id],
      );
      expect(Number(orphans!.n)).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('stops a session: the unpaid booking is closed, the paid one refunded, each patient reads why', async () => {
    const item = session({ capacity: 3, date: day(4) });
    const id = (await put(70, [item]))[0]!.id!;
    const [unpaidBy, paidBy] = [patient(), patient()];
    const phones = [await withPhone(t, people[unpaidBy]!), await withPhone(t, people[paidBy]!)];
    const unpaid = (await book(unpaidBy, id).expect(201)).body as OrderView;
    const paid = (await book(paidBy, id).expect(201)).body as OrderView;
    const ticket = (
      await t.http
        .post(`/api/v1/orders/${paid.id}/pay`)
        .set('Authorization', `Bearer ${tokens[paidBy]}`)
        .send({ channel: 'wechat' })
        .expect(200)
    ).body;
    const prepayId = String(ticket.params.requestPayment.package).replace('prepay_id=', '');
    await fetch(`${t.sandbox!.url}/wechatpay/sandbox/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prepayId, action: 'pay' }),
    });
    await eventually(
      () => getOrder(paidBy, paid.id),
      (o) => o.status === 'booked',
    );

    const stop = await call('POST', `/api/hospital/v1/schedules/${item.hisScheduleId}/stop`, {
      reason: '王医生临时外出会诊',
    }).expect(200);
    expect(stop.body).toEqual({
      scheduleId: id,
      hisScheduleId: item.hisScheduleId,
      status: 'stopped',
      changed: true,
      cancelled: 2,
      refunding: 1,
      freeCount: 0,
    });
    const why = { status: 'cancelled', actor: 'hospital', reason: 'stop-clinic: 王医生临时外出会诊' };
    const closed = await getOrder(unpaidBy, unpaid.id);
    expect(closed).toMatchObject({ status: 'cancelled', payment: { status: 'closed' } });
    expect(closed.history).toContainEqual(expect.objectContaining(why));
    const refunded = await eventually(
      () => getOrder(paidBy, paid.id),
      (o) => o.payment.status === 'refunded',
    );
    expect(refunded.status).toBe('cancelled');
    expect(refunded.history).toContainEqual(expect.objectContaining(why));
    const [refund] = await t.services.db.query<{ status: string; amount_fen: number }>(
      'SELECT status, amount_fen FROM refund WHERE order_id = ?',
      [paid.id],
    );
    expect(refund).toMatchObject({ status: 'succeeded' });
    expect(Number(refund!.amount_fen)).toBe(500);
    expect(await schedule(id)).toMatchObject({ status: 'stopped', freeCount: 0 });

    // From the outbox: each patient is told why by SMS, the hospital's stream has the cancellations and the refund.
    await t.services.outbox.runOnce();
    const told = await Promise.all(phones.map((phone) => notificationsOf(t, phone)));
    expect(told[0]!.map((n) => n.kind).sort()).toEqual(['booked-unpaid', 'stop-clinic']);
    expect(told[1]!.map((n) => n.kind).sort()).toEqual(['booked-unpaid', 'paid', 'refunded', 'stop-clinic']);
    const stopSms = t.sandbox!.outbox.filter((m) => m.phone === phones[0] && JSON.stringify(m).includes('外出会诊'));
    expect(stopSms).toHaveLength(1);
    const stream = (await call('GET', '/api/hospital/v1/events?limit=500').expect(200)).body.items as {
      type: string;
      reason: string | null;
      order: { orderId: string };
    }[];
    const ofPaid = stream.filter((e) => e.order.orderId === paid.id).map((e) => `${e.type} ${e.reason ?? ''}`.trim());
    expect(ofPaid).toEqual([
      'booking.created',
      'payment.succeeded paid',
      'booking.cancelled stop-clinic: 王医生临时外出会诊',
      expect.stringMatching(/^refund\.succeeded/),
    ]);

    const again = await call('POST', `/api/hospital/v1/schedules/${item.hisScheduleId}/stop`, {
      reason: '王医生临时外出会诊',
    }).expect(200);
    expect(again.body).toMatchObject({ status: 'stopped', changed: false, cancelled: 0, refunding: 0 });
    expect((await book(patient(), id).expect(409)).body.error.code).toBe('SCHEDULE_STOPPED');

    // resumed: every slot is free again, and patients book it
    const resumed = await call('POST', `/api/hospital/v1/schedules/${item.hisScheduleId}/resume`).expect(200);
    expect(resumed.body).toMatchObject({ scheduleId: id, status: 'open', changed: true, freeCount: 3 });
    const twice = await call('POST', `/api/hospital/v1/schedules/${item.hisScheduleId}/resume`).expect(200);
    expect(twice.body).toMatchObject({ status: 'open', changed: false, freeCount: 3 });
    expect(await schedule(id)).toMatchObject({ status: 'open', freeCount: 3 });
    await book(patient(), id).expect(201);
    expect(await row(id)).toMatchObject({ capacity: 3, freeCount: 2 });
  });

  it("answers NOT_FOUND for another hospital's session id, or one never published", async () => {
    const item = session({ date: day(5) });
    await put(80, [item]);
    const stop = await other('POST', `/api/hospital/v1/schedules/${item.hisScheduleId}/stop`, { reason: '停诊' });
    expect(stop.status).toBe(404);
    expect(stop.body.error.code).toBe('NOT_FOUND');
    await other('POST', `/api/hospital/v1/schedules/${item.hisScheduleId}/resume`).expect(404);
    await call('POST', '/api/hospital/v1/schedules/NO-SUCH/stop', { reason: '停诊' }).expect(404);
    expect((await schedule((await put(80, [item]))[0]!.id!)).status).toBe('open');
  });
});
