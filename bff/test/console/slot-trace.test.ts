import { startTestApp, type TestApp } from '../support/app.js';
import { bookThroughApi } from '../support/booking.js';
import { databaseKinds } from '../support/databases.js';
import {
  createClinic,
  createPatients,
  createSession,
  idemKey,
  type Clinic,
  type PatientFixture,
} from '../support/fixtures.js';
import { auth } from '../support/identity.js';
import { staffHttp, type StaffHeaders } from '../support/staff.js';
import { asStaff, giveIdentity, markNoShow } from './support.js';

interface TraceEvent {
  kind: string;
  label: string;
  action: string;
  orderNo: string | null;
  actor: { type: string; name: string };
  channel: string | null;
  at: string;
}

describe.each(databaseKinds())('console slot traceability on %s', (kind) => {
  let t: TestApp;
  let http: ReturnType<typeof staffHttp>;
  let clinic: Clinic;
  let other: Clinic;
  let p: PatientFixture[];
  let auditor: StaffHeaders;
  let slotId: string;
  const orderNos: string[] = [];

  const step = () => t.clock.advance(1000);
  const pay = (orderId: string) =>
    t.services.db.write((tx) => t.services.booking.within.confirmPaid(tx, orderId, false, t.clock.now()));

  beforeAll(async () => {
    t = await startTestApp(kind);
    http = staffHttp(t);
    clinic = await createClinic(t.services.db, { now: t.clock.now(), onlinePayment: true });
    other = await createClinic(t.services.db, { now: t.clock.now() });
    p = await createPatients(t.services.db, 2, { now: t.clock.now() });
    await giveIdentity(t, p[0]!, { name: '王小明' });
    await giveIdentity(t, p[1]!, { name: '欧阳娜娜' });
    auditor = (await asStaff(t, 'auditor')).headers;

    // published → booked → paid → cancelled → booked again → paid → no-show, on a one-slot session
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 1,
      doctorId: clinic.doctorId,
    });
    step();
    const first = await bookThroughApi(t, p[0]!, s.id);
    step();
    await pay(first);
    step();
    const { token } = await t.services.tokens.issue(p[0]!.accountId);
    await t.http.post(`/api/v1/orders/${first}/cancel`).set(auth(token)).send({}).expect(200);
    step();
    const second = await bookThroughApi(t, p[1]!, s.id);
    step();
    await pay(second);
    step();
    await markNoShow(t, clinic, second);
    const rows = await t.services.db.query<{ id: string; order_no: string; slot_id: string }>(
      'SELECT id, order_no, slot_id FROM booking_order WHERE schedule_id = ? ORDER BY created_at',
      [s.id],
    );
    expect(rows.map((r) => r.id)).toEqual([first, second]);
    expect(rows[0]!.slot_id).toBe(rows[1]!.slot_id);
    slotId = rows[0]!.slot_id;
    orderNos.push(...rows.map((r) => r.order_no));
  });
  afterAll(async () => t.close());

  const trace = (query: string, as: StaffHeaders = auditor) =>
    http.get(`/api/v1/console/slot-trace?${query}`).set({ Cookie: as.Cookie });

  it('tells a slot’s whole history in time order, each step with who did it', async () => {
    const r = await trace(`slotId=${slotId}`).expect(200);
    const [a, b] = orderNos;
    expect(r.body.events.map((e: TraceEvent) => [e.kind, e.action, e.orderNo, e.actor.name])).toEqual([
      ['published', 'published', null, '医院'],
      ['booked', 'pending', a, '患者 王*明'],
      ['paid', 'booked', a, '系统'],
      ['cancelled', 'cancelled', a, '患者 王*明'],
      ['released', 'released', a, '患者 王*明'],
      ['booked', 'pending', b, '患者 欧**娜'],
      ['paid', 'booked', b, '系统'],
      ['attendance', 'noshow', b, '测试医院'],
    ]);
    const labels = r.body.events.map((e: TraceEvent) => e.label);
    expect(labels).toEqual([
      '号源发布',
      '预约锁号，待支付',
      '支付成功，预约确认',
      '本人取消',
      '号源释放，可再预约',
      '预约锁号，待支付',
      '支付成功，预约确认',
      '爽约',
    ]);
    const times = r.body.events.map((e: TraceEvent) => Date.parse(e.at));
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    for (const e of r.body.events) expect(e).toHaveProperty('channel');
    expect(r.body.slot).toMatchObject({ id: slotId, seq: 1, status: 'busy' });
    expect(r.body.schedule).toMatchObject({
      hospital: { id: clinic.hospitalId, name: '测试医院' },
      doctor: { id: clinic.doctorId, name: '李医生' },
      capacity: 1,
      status: 'open',
    });
    expect(r.body.orders.map((o: { orderNo: string; status: string; patientNameMasked: string }) => o)).toEqual([
      expect.objectContaining({ orderNo: a, status: 'cancelled', patientNameMasked: '王*明' }),
      expect.objectContaining({ orderNo: b, status: 'noshow', patientNameMasked: '欧**娜' }),
    ]);
    expect(JSON.stringify(r.body)).not.toContain('王小明');
    expect(JSON.stringify(r.body)).not.toContain('欧阳娜娜');
  });

  it('finds the slot by either of its order numbers', async () => {
    const bySlot = (await trace(`slotId=${slotId}`).expect(200)).body;
    for (const orderNo of orderNos) expect((await trace(`orderNo=${orderNo}`).expect(200)).body).toEqual(bySlot);
  });

  it('names the phone agent who booked and the channel, and tells a stop-clinic', async () => {
    const agent = await asStaff(t, 'agent');
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 1,
      departmentId: clinic.departmentIds[1],
    });
    step();
    const { order } = await t.services.booking.book({
      accountId: p[1]!.accountId,
      patientId: p[1]!.patientId,
      scheduleId: s.id,
      idempotencyKey: idemKey(),
      channel: 'phone',
      agentId: agent.id,
    });
    step();
    await t.services.booking.stopSchedule(s.id, { type: 'hospital', id: clinic.hospitalId }, '专家外出');
    const r = await trace(`orderNo=${order.orderNo}`).expect(200);
    expect(r.body.events.map((e: TraceEvent) => [e.kind, e.action, e.actor.name, e.channel])).toEqual([
      ['published', 'published', '医院', null],
      ['booked', 'pending', '测试agent', 'phone'],
      ['stop-clinic', 'stopped', '测试医院', null],
      ['stop-clinic', 'cancelled', '测试医院', 'phone'],
      ['released', 'closed', '测试医院', 'phone'],
    ]);
    expect(r.body.events[2].detail).toBe('专家外出');
    expect(r.body.orders).toEqual([
      expect.objectContaining({ orderNo: order.orderNo, channel: 'phone', edition: 'standard', agent: '测试agent' }),
    ]);
    expect(r.body.schedule.status).toBe('stopped');
  });

  it('lets a scheduler trace their own hospital’s slots only', async () => {
    const own = (await asStaff(t, 'scheduler', { hospitalId: clinic.hospitalId })).headers;
    const foreign = (await asStaff(t, 'scheduler', { hospitalId: other.hospitalId })).headers;
    await trace(`slotId=${slotId}`, own).expect(200);
    const r = await trace(`orderNo=${orderNos[0]}`, foreign).expect(403);
    expect(r.body.error.code).toBe('STAFF_FORBIDDEN');
  });

  it.each([
    ['an unknown slot', 404, 'SLOT_TRACE_NOT_FOUND', 'slotId=no-such-slot'],
    ['an unknown order number', 404, 'SLOT_TRACE_NOT_FOUND', 'orderNo=NO123'],
    ['neither', 400, 'VALIDATION_FAILED', ''],
    ['both', 400, 'VALIDATION_FAILED', 'slotId=a&orderNo=b'],
    ['a malformed slot id', 400, 'VALIDATION_FAILED', 'slotId=%27%3B--'],
  ])('answers %s with %i %s', async (_what, status, code, query) => {
    const r = await trace(query).expect(status);
    expect(r.body.error.code).toBe(code);
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});
