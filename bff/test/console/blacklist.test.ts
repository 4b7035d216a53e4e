import { shanghaiDate } from '../../src/shared/time.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { bookThroughApi } from '../support/booking.js';
import { databaseKinds } from '../support/databases.js';
import { makePhone, patientBody } from '../support/identity.js';
import {
  createClinic,
  createPatients,
  createSession,
  idemKey,
  type Clinic,
  type PatientFixture,
} from '../support/fixtures.js';
import { staffHttp, type StaffHeaders } from '../support/staff.js';
import { asStaff, bookOnNewSession, giveIdentity, markNoShow, type Identity } from './support.js';

describe.each(databaseKinds())('console blacklist on %s', (kind) => {
  let t: TestApp;
  let http: ReturnType<typeof staffHttp>;
  let clinic: Clinic;
  let p: PatientFixture[];
  let who: Identity[];
  let admin: StaffHeaders;
  let adminId: string;
  let auditor: StaffHeaders;
  let until: number | undefined;
  const noShowOrders: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind);
    http = staffHttp(t);
    clinic = await createClinic(t.services.db, { now: t.clock.now(), departments: 3 });
    p = await createPatients(t.services.db, 3, { now: t.clock.now() });
    who = [
      await giveIdentity(t, p[0]!, { name: '王小明' }),
      await giveIdentity(t, p[1]!, { name: '王小明' }),
      await giveIdentity(t, p[2]!, { name: '欧阳娜娜' }),
    ];
    ({ headers: admin, id: adminId } = await asStaff(t, 'admin'));
    auditor = (await asStaff(t, 'auditor')).headers;
    for (let i = 0; i < 3; i++) noShowOrders.push(await bookOnNewSession(t, clinic, p[0]!, { doctor: i === 0 }));
    for (const id of noShowOrders) until = await markNoShow(t, clinic, id);
    // one no-show of another person: not suspended
    await markNoShow(t, clinic, await bookOnNewSession(t, clinic, p[2]!));
  });
  afterAll(async () => t.close());

  const get = (path: string, as: StaffHeaders = auditor) => http.get(path).set({ Cookie: as.Cookie });

  it('lists the people suspended now, masked, with the no-shows that count', async () => {
    expect(until).toBe(t.clock.now() + 90 * 86_400_000);
    const r = await get('/api/v1/console/blacklist').expect(200);
    expect(r.body).toMatchObject({ page: 1, pageSize: 20, total: 1 });
    expect(r.body.items).toEqual([
      {
        personId: p[0]!.personId,
        nameMasked: '王*明',
        idMasked: `${who[0]!.idNumber.slice(0, 4)}**********${who[0]!.idNumber.slice(-4)}`,
        phoneMasked: `${who[0]!.phone.slice(0, 3)}****${who[0]!.phone.slice(-4)}`,
        patientCount: 1,
        suspended: true,
        blacklistedUntil: new Date(until!).toISOString(),
        recentNoShows: 3,
      },
    ]);
    expect(JSON.stringify(r.body)).not.toContain(who[0]!.idNumber);
    expect(JSON.stringify(r.body)).not.toContain(who[0]!.phone);
    expect(JSON.stringify(r.body)).not.toContain('王小明');
  });

  it('pages the suspended list, the latest suspension first', async () => {
    // a second suspension, later than the first
    t.clock.advance(60_000);
    await t.services.db.query('UPDATE person SET blacklisted_until = ? WHERE id = ?', [
      t.clock.now() + 86_400_000 * 120,
      p[1]!.personId,
    ]);
    const first = await get('/api/v1/console/blacklist?pageSize=1').expect(200);
    expect(first.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(first.body.items.map((i: { personId: string }) => i.personId)).toEqual([p[1]!.personId]);
    const second = await get('/api/v1/console/blacklist?pageSize=1&page=2').expect(200);
    expect(second.body.items.map((i: { personId: string }) => i.personId)).toEqual([p[0]!.personId]);
    await t.services.db.query('UPDATE person SET blacklisted_until = NULL WHERE id = ?', [p[1]!.personId]);
  });

  it('finds a person by full ID number, full phone or name, and audits the search', async () => {
    const ids = async (query: string) =>
      (await get(`/api/v1/console/blacklist/people?${query}`).expect(200)).body.items.map(
        (i: { personId: string }) => i.personId,
      );
    expect(await ids(`idNumber=${who[0]!.idNumber}`)).toEqual([p[0]!.personId]);
    expect(await ids(`idNumber=${who[2]!.idNumber.toLowerCase()}`)).toEqual([p[2]!.personId]);
    expect(await ids(`phone=${who[0]!.phone}`)).toEqual([p[0]!.personId]);
    expect(await ids(`phone=${who[2]!.phone}`)).toEqual([p[2]!.personId]);
    expect((await ids(`name=${encodeURIComponent('王小明')}`)).sort()).toEqual([p[0]!.personId, p[1]!.personId].sort());
    expect(await ids(`name=${encodeURIComponent('无此人')}`)).toEqual([]);
    expect(await ids('phone=13000000000')).toEqual([]);
    const other = (await get(`/api/v1/console/blacklist/people?phone=${who[2]!.phone}`).expect(200)).body.items[0];
    expect(other).toMatchObject({ nameMasked: '欧**娜', suspended: false, blacklistedUntil: null, recentNoShows: 1 });
    const audited = await t.services.db.query<{ detail: string }>(
      "SELECT detail FROM audit_event WHERE action = 'blacklist.search' ORDER BY at",
    );
    expect(audited.length).toBeGreaterThanOrEqual(7);
    for (const a of audited) {
      expect(a.detail).not.toContain(who[0]!.phone);
      expect(a.detail).not.toContain(who[0]!.idNumber);
    }
  });

  it('finds a patient added or changed since the index exists by their phone at once', async () => {
    const body = { ...patientBody({ name: '李四' }), relation: 'spouse' as const };
    const made = await t.services.identity.patients.create(p[2]!.accountId, body, '127.0.0.1');
    const find = async (phone: string) =>
      (await get(`/api/v1/console/blacklist/people?phone=${phone}`).expect(200)).body.items.map(
        (i: { personId: string }) => i.personId,
      );
    const [personId] = await find(body.phone);
    expect(personId).toBeDefined();
    expect(personId).not.toBe(p[2]!.personId);
    const changed = makePhone();
    await t.services.identity.patients.update(p[2]!.accountId, made.id, { phone: changed }, '127.0.0.1');
    expect(await find(changed)).toEqual([personId]);
    expect(await find(body.phone)).toEqual([]);
  });

  it.each([
    ['no criterion', '', '请按身份证号、手机号或姓名中的一项查找'],
    ['two criteria', 'name=%E7%8E%8B&phone=13912345678', '请按身份证号、手机号或姓名中的一项查找'],
    ['a short phone', 'phone=1391234', '请输入正确的 11 位手机号'],
    ['a malformed ID number', 'idNumber=12345', '请输入 18 位居民身份证号码'],
  ])('refuses a search with %s (400, Chinese message)', async (_what, query, message) => {
    const r = await get(`/api/v1/console/blacklist/people?${query}`).expect(400);
    expect(r.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message });
  });

  it('shows one person with the no-shows behind the suspension', async () => {
    const r = await get(`/api/v1/console/blacklist/people/${p[0]!.personId}`).expect(200);
    expect(r.body).toMatchObject({ personId: p[0]!.personId, suspended: true, recentNoShows: 3, lastLift: null });
    expect(r.body.noShows).toHaveLength(3);
    const orders = await t.services.db.query<{ id: string; order_no: string; visit_date: string }>(
      'SELECT id, order_no, visit_date FROM booking_order WHERE person_id = ?',
      [p[0]!.personId],
    );
    for (const n of r.body.noShows) {
      const order = orders.find((o) => o.id === n.orderId)!;
      expect(n).toMatchObject({
        orderNo: order.order_no,
        visitDate: order.visit_date,
        hospital: { id: clinic.hospitalId, name: '测试医院' },
        department: { name: expect.stringMatching(/^测试科\d$/) },
        counts: true,
        markedAt: new Date(t.clock.now() - 60_000).toISOString(),
      });
    }
    const dates = r.body.noShows.map((n: { visitDate: string }) => n.visitDate);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(r.body.noShows.filter((n: { doctor: unknown }) => n.doctor !== null)).toEqual([
      expect.objectContaining({ doctor: { id: clinic.doctorId, name: '李医生' } }),
    ]);
    await get('/api/v1/console/blacklist/people/no-such-person').expect(404);
  });

  it('refuses lifting without a reason, with a short one, by an auditor, or without the CSRF token', async () => {
    const lift = (body: object, as: StaffHeaders = admin) =>
      http
        .post(`/api/v1/console/blacklist/people/${p[0]!.personId}/lift`)
        .set({ ...as })
        .send(body);
    const none = await lift({}).expect(400);
    expect(none.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: '请填写解除原因' });
    const short = await lift({ reason: '  误录 ' }).expect(400);
    expect(short.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: '请写明解除原因（至少 4 个字）' });
    const long = await lift({ reason: '长'.repeat(201) }).expect(400);
    expect(long.body.error.message).toBe('原因最多 200 个字');
    const byAuditor = await lift({ reason: '医院误标爽约' }, auditor).expect(403);
    expect(byAuditor.body.error.code).toBe('STAFF_FORBIDDEN');
    const noCsrf = await http
      .post(`/api/v1/console/blacklist/people/${p[0]!.personId}/lift`)
      .set({ Cookie: admin.Cookie })
      .send({ reason: '医院误标爽约' })
      .expect(403);
    expect(noCsrf.body.error.code).toBe('STAFF_CSRF_REJECTED');
    const [still] = await t.services.db.query<{ u: unknown }>(
      'SELECT blacklisted_until AS u FROM person WHERE id = ?',
      [p[0]!.personId],
    );
    expect(Number(still!.u)).toBe(until);
  });

  it('lifts a suspension for a reason (audited): the person books again at once', async () => {
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 2,
      departmentId: clinic.departmentIds[2],
      period: 'evening',
    });
    const refused = await t.http
      .post('/api/v1/orders')
      .set('Authorization', `Bearer ${(await t.services.tokens.issue(p[0]!.accountId)).token}`)
      .set('Idempotency-Key', idemKey())
      .send({ scheduleId: s.id, patientId: p[0]!.patientId })
      .expect(403);
    expect(refused.body.error).toMatchObject({
      code: 'BLACKLISTED',
      message: `因多次爽约，${shanghaiDate(until!)} 前暂停预约`,
    });

    const r = await http
      .post(`/api/v1/console/blacklist/people/${p[0]!.personId}/lift`)
      .set({ ...admin })
      .send({ reason: '  医院核实为误标爽约  ' })
      .expect(200);
    expect(r.body).toMatchObject({
      personId: p[0]!.personId,
      suspended: false,
      blacklistedUntil: null,
      lastLift: { by: '测试admin', reason: '医院核实为误标爽约', at: new Date(t.clock.now()).toISOString() },
    });
    expect(r.body.noShows).toHaveLength(3);

    const [event] = await t.services.db.query<{
      actor_type: string;
      actor_id: string;
      target_id: string;
      detail: string;
    }>("SELECT actor_type, actor_id, target_id, detail FROM audit_event WHERE action = 'blacklist.lift'");
    expect(event).toMatchObject({ actor_type: 'staff', actor_id: adminId, target_id: p[0]!.personId });
    expect(JSON.parse(event!.detail)).toEqual({
      reason: '医院核实为误标爽约',
      suspendedUntil: new Date(until!).toISOString(),
    });

    const rebooked = await bookThroughApi(t, p[0]!, s.id);
    const list = await get('/api/v1/console/blacklist').expect(200);
    expect(list.body).toMatchObject({ total: 0, items: [] });

    // the no-shows before the lifting are forgiven: one more is not a fourth
    expect(await markNoShow(t, clinic, rebooked)).toBeUndefined();
    const after = await get(`/api/v1/console/blacklist/people/${p[0]!.personId}`).expect(200);
    expect(after.body).toMatchObject({ suspended: false, recentNoShows: 1 });
    expect(after.body.noShows.map((n: { counts: boolean }) => n.counts).sort()).toEqual([false, false, false, true]);

    const again = await http
      .post(`/api/v1/console/blacklist/people/${p[0]!.personId}/lift`)
      .set({ ...admin })
      .send({ reason: '重复解除一次' })
      .expect(409);
    expect(again.body.error).toEqual({ code: 'BLACKLIST_NOT_SUSPENDED', message: '该人员当前未被暂停预约' });
    const unknown = await http
      .post('/api/v1/console/blacklist/people/no-such-person/lift')
      .set({ ...admin })
      .send({ reason: '没有这个人员' })
      .expect(404);
    expect(unknown.body.error.code).toBe('BLACKLIST_PERSON_NOT_FOUND');
  });
});
