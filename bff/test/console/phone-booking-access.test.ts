import type { StaffRole } from '@cityhealth/shared-types';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic, createPatients, createSession, type Clinic } from '../support/fixtures.js';
import { makeIdNumber, makePhone, patientBody } from '../support/identity.js';
import { staffHttp, staffSession, type StaffHeaders } from '../support/staff.js';
import { phoneApi, type PhoneApi } from './phone-support.js';

/** Who may book by phone (agents and administrators), and what bad input and missing credentials get. */
describe.each(databaseKinds())('phone booking access on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  const sessions = new Map<StaffRole, StaffHeaders>();
  let agent: PhoneApi;

  beforeAll(async () => {
    t = await startTestApp(kind);
    clinic = await createClinic(t.services.db, { now: t.clock.now() });
    for (const role of ['admin', 'auditor', 'finance', 'scheduler', 'agent'] as const)
      sessions.set(role, await staffSession(t, role, { hospitalId: clinic.hospitalId }));
    agent = phoneApi(t, sessions.get('agent')!);
  });
  afterAll(async () => t.close());

  /** Each operation, called with real data of a caller of its own. */
  async function operations(api: PhoneApi) {
    const [p] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    const session = (departmentId: string) =>
      createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 2, departmentId });
    const s = await session(clinic.departmentIds[0]!);
    const other = await session(clinic.departmentIds[1]!);
    const order = (await agent.book(p!.accountId, { scheduleId: s.id, patientId: p!.patientId }).expect(201)).body;
    // a patient the caller added in the app and did not verify
    const unverified = (
      await t.http
        .post('/api/v1/patients')
        .set('Authorization', `Bearer ${(await t.services.tokens.issue(p!.accountId)).token}`)
        .send(patientBody())
        .expect(201)
    ).body.id as string;
    return {
      lookup: () => api.lookup(makePhone()),
      register: () => api.register(makePhone()),
      caller: () => api.caller(p!.accountId),
      addPatient: () => api.addPatient(p!.accountId, patientBody()),
      verifyPatient: () => api.verifyPatient(p!.accountId, unverified),
      book: () => api.book(p!.accountId, { scheduleId: other.id, patientId: p!.patientId }),
      order: () => api.order(p!.accountId, order.id),
      cancel: () => api.cancel(p!.accountId, order.id),
    };
  }

  it.each([
    ['agent', true],
    ['admin', true],
    ['auditor', false],
    ['finance', false],
    ['scheduler', false],
  ] as const)('lets %s call each operation: %s', async (role, allowed) => {
    const ops = await operations(phoneApi(t, sessions.get(role)!));
    for (const [name, call] of Object.entries(ops)) {
      const r = await call();
      if (allowed) expect([name, r.status]).toEqual([name, r.status < 300 ? r.status : 'a success']);
      else expect([name, r.status, r.body.error?.code]).toEqual([name, 403, 'STAFF_FORBIDDEN']);
    }
  });

  it('answers 401 without a session, and 403 to a change without the CSRF token', async () => {
    const base = '/api/v1/console/phone';
    const http = staffHttp(t);
    for (const r of [
      await http.post(`${base}/lookup`).send({ phone: makePhone() }),
      await http.get(`${base}/callers/some-account`),
      await http.post(`${base}/callers/some-account/orders`).set('Idempotency-Key', 'abcdefgh12').send({}),
    ])
      expect([r.status, r.body.error.code]).toEqual([401, 'STAFF_UNAUTHENTICATED']);
    const { Cookie } = sessions.get('agent')!;
    for (const r of [
      await http.post(`${base}/lookup`).set({ Cookie }).send({ phone: makePhone() }),
      await http.post(`${base}/callers`).set({ Cookie }).send({ phone: makePhone() }),
      await http.post(`${base}/callers/some-account/orders/some-order/cancel`).set({ Cookie }).send({}),
    ])
      expect([r.status, r.body.error.code]).toEqual([403, 'STAFF_CSRF_REJECTED']);
    // a patient's token is no way in
    const [p] = await createPatients(t.services.db, 1, { now: t.clock.now() });
    const token = (await t.services.tokens.issue(p!.accountId)).token;
    const patient = await http.get(`${base}/callers/${p!.accountId}`).set('Authorization', `Bearer ${token}`);
    expect(patient.status).toBe(401);
  });

  it('refuses bad input with 400 and the field named, never a server error', async () => {
    const caller = (await agent.register(makePhone()).expect(201)).body.account.id as string;
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 2 });
    const cases: [
      Promise<{ status: number; body: { error: { code: string; details?: { path: string }[] } } }>,
      string,
    ][] = [
      [agent.lookup('1234'), 'body.phone'],
      [agent.register('23800000000'), 'body.phone'],
      [agent.caller('not an id!'), 'params.accountId'],
      [agent.addPatient(caller, patientBody({ idNumber: '12345' })), 'body.idNumber'],
      [agent.addPatient(caller, patientBody({ name: 'X' })), 'body.name'],
      [agent.addPatient(caller, patientBody({ phone: '555' })), 'body.phone'],
      [agent.addPatient(caller, patientBody({ relation: 'boss' })), 'body.relation'],
      [agent.book(caller, { scheduleId: s.id }), 'body.patientId'],
      [agent.book(caller, { patientId: 'p1' }), 'body'],
      [agent.book(caller, { patientId: 'p1', scheduleId: s.id, slotId: 'x' }), 'body'],
      [agent.cancel(caller, 'o1', { reason: 'x'.repeat(101) }), 'body.reason'],
    ];
    for (const [call, field] of cases) {
      const r = await call;
      expect([field, r.status, r.body.error.code, r.body.error.details?.[0]?.path]).toEqual([
        field,
        400,
        'VALIDATION_FAILED',
        field,
      ]);
    }
    const noKey = await staffHttp(t)
      .post(`/api/v1/console/phone/callers/${caller}/orders`)
      .set({ Cookie: sessions.get('agent')!.Cookie, 'X-CSRF-Token': sessions.get('agent')!['X-CSRF-Token'] })
      .send({ scheduleId: s.id, patientId: 'p1' });
    expect([noKey.status, noKey.body.error]).toEqual([
      400,
      { code: 'VALIDATION_FAILED', message: '缺少 Idempotency-Key 请求头' },
    ]);
    // a checksum that does not add up: the patient API's own refusal
    const id = makeIdNumber();
    const wrongCheck = `${id.slice(0, 17)}${id.at(-1) === '0' ? '1' : '0'}`;
    const bad = await agent.addPatient(caller, patientBody({ idNumber: wrongCheck })).expect(400);
    // as the app's form: the field is named, so the console shows the words under it
    const message = '身份证号码校验未通过，请核对';
    expect(bad.body.error).toEqual({
      code: 'ID_NUMBER_INVALID',
      message,
      details: [{ path: 'body.idNumber', message }],
    });
  });

  it('refuses a sixth patient on an account, as the patient API does', async () => {
    const caller = (await agent.register(makePhone()).expect(201)).body.account.id as string;
    for (let i = 0; i < 5; i++) await agent.addPatient(caller, patientBody()).expect(201);
    const sixth = await agent.addPatient(caller, patientBody()).expect(409);
    expect(sixth.body.error).toEqual({ code: 'PATIENT_LIMIT_REACHED', message: '每个账号最多添加 5 位就诊人' });
    const card = await agent.caller(caller).expect(200);
    expect(card.body.patients).toHaveLength(5);
  });
});
