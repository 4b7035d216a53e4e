import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic, createSession, idemKey, type Clinic } from '../support/fixtures.js';
import { latestSmsCode, makeIdNumber, makePhone, patientBody } from '../support/identity.js';
import { staffSession, type StaffHeaders, type StaffLogin } from '../support/staff.js';
import { auditOf, originOf, phoneApi, type PhoneApi } from './phone-support.js';

/** An agent of the call centre books for a caller on the phone (电话预约), from the first lookup to a second booking. */
describe.each(databaseKinds())('phone booking on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let agent: StaffHeaders & { login: StaffLogin };
  let phone: PhoneApi;
  /** Every answer the agent got, to check that none shows an ID number or phone in full. */
  const answers: unknown[] = [];
  const seen = <R extends { body: unknown }>(r: R): R => {
    answers.push(r.body);
    return r;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    clinic = await createClinic(t.services.db, { now: t.clock.now() });
    agent = await staffSession(t, 'agent');
    phone = phoneApi(t, agent);
  });
  afterAll(async () => t.close());

  const session = (o: { capacity?: number; feeFen?: number } = {}, c = clinic) =>
    createSession(t.services.db, c, { now: t.clock.now(), capacity: 3, ...o });

  it('finds nobody, registers, adds and verifies a patient, books, reads back, cancels, books again', async () => {
    const callerPhone = makePhone();
    const patientPhone = makePhone();
    const idNumber = makeIdNumber();

    const none = seen(await phone.lookup(callerPhone).expect(200));
    expect(none.body).toEqual({ caller: null });

    const registered = seen(await phone.register(callerPhone).expect(201));
    const accountId = registered.body.account.id as string;
    expect(registered.body).toEqual({
      account: {
        id: accountId,
        nickname: `手机用户${callerPhone.slice(-4)}`,
        phoneMasked: `${callerPhone.slice(0, 3)}****${callerPhone.slice(-4)}`,
        createdAt: expect.any(String),
      },
      patients: [],
      maxPatients: 5,
      activeOrders: [],
    });
    const twice = await phone.register(callerPhone).expect(409);
    expect(twice.body.error).toEqual({ code: 'PHONE_IN_USE', message: '该手机号已注册，请直接查询来电人' });
    expect((await phone.lookup(callerPhone).expect(200)).body.caller.account.id).toBe(accountId);

    const added = seen(
      await phone
        .addPatient(accountId, patientBody({ name: '王小明', idNumber, phone: patientPhone, relation: 'parent' }))
        .expect(201),
    );
    expect(added.body).toEqual({
      id: expect.any(String),
      nameMasked: '王*明',
      documentType: 'id-card',
      idNumberMasked: `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`,
      phoneMasked: `${patientPhone.slice(0, 3)}****${patientPhone.slice(-4)}`,
      relation: 'parent',
      gender: expect.stringMatching(/^[MF]$/),
      verified: true,
      blacklistedUntil: null,
    });
    const patientId = added.body.id as string;

    // A name that does not match the ID number: refused as in the app, and nothing is left behind to retry.
    const mismatch = await phone
      .addPatient(accountId, patientBody({ idNumber: makeIdNumber({ sequence: '999' }) }))
      .expect(422);
    expect(mismatch.body.error.code).toBe('REAL_NAME_MISMATCH');
    expect((await phone.caller(accountId).expect(200)).body.patients.map((p: { id: string }) => p.id)).toEqual([
      patientId,
    ]);

    const s = await session();
    const key = idemKey();
    const booked = seen(await phone.book(accountId, { scheduleId: s.id, patientId }, key).expect(201));
    expect(booked.body).toMatchObject({
      status: 'booked',
      orderNo: expect.any(String),
      patient: { id: patientId, name: '王*明' },
      hospital: { name: '测试医院', address: '测试路 1 号' },
      department: { name: '测试科1' },
      schedule: { id: s.id, date: s.date, period: 'morning' },
      slot: { seq: 1 },
      feeFen: 500,
      payment: { status: 'pay-at-hospital', deadline: null },
      cancellable: true,
    });
    expect(booked.body.history).toEqual([expect.objectContaining({ status: 'booked', actor: 'agent' })]);
    const orderId = booked.body.id as string;
    expect(await originOf(t, orderId)).toEqual({
      channel: 'phone',
      agent_id: agent.login.id,
      events: [{ actor_type: 'agent', actor_id: agent.login.id, reason: null }],
    });

    // The agent's retry (a timeout, a double press) is the same booking.
    const retry = await phone.book(accountId, { scheduleId: s.id, patientId }, key).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(orderId);

    const readBack = seen(await phone.order(accountId, orderId).expect(200));
    expect(readBack.body).toMatchObject({ id: orderId, orderNo: booked.body.orderNo, slot: booked.body.slot });
    const card = seen(await phone.caller(accountId).expect(200));
    expect(card.body.activeOrders.map((o: { id: string }) => o.id)).toEqual([orderId]);

    // The patient hears of it by SMS, as of a booking in the app (the account has no mini-program identity).
    await t.services.outbox.relay.drain();
    await t.services.notices.sender.sendOnce();
    expect(t.sandbox!.outbox.filter((m) => m.phone === patientPhone)).toHaveLength(1);

    const cancelled = seen(await phone.cancel(accountId, orderId).expect(200));
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellable: false });
    expect(cancelled.body.history.at(-1)).toMatchObject({
      status: 'cancelled',
      actor: 'agent',
      reason: 'patient: 电话取消',
    });
    const again = await phone.cancel(accountId, orderId).expect(409);
    expect(again.body.error.code).toBe('ORDER_NOT_CANCELLABLE');

    const rebooked = seen(await phone.book(accountId, { scheduleId: s.id, patientId }).expect(201));
    expect(rebooked.body).toMatchObject({ status: 'booked', slot: { seq: 1 } });
    expect(rebooked.body.id).not.toBe(orderId);

    // The caller later logs in with the same phone by SMS: the same account, with the agent's booking in it.
    await t.http.post('/api/v1/auth/sms/send').send({ phone: callerPhone, purpose: 'login' }).expect(200);
    const login = await t.http
      .post('/api/v1/auth/sms/login')
      .send({ phone: callerPhone, code: await latestSmsCode(t, callerPhone) })
      .expect(200);
    expect(login.body.account.id).toBe(accountId);
    const mine = await t.http
      .get('/api/v1/orders?status=active')
      .set('Authorization', `Bearer ${login.body.token}`)
      .expect(200);
    expect(mine.body.items.map((o: { id: string }) => o.id)).toEqual([rebooked.body.id]);

    const text = JSON.stringify(answers);
    for (const full of [callerPhone, patientPhone, idNumber]) expect(text).not.toContain(full);
    expect(text).not.toContain('王小明');

    const trail = await auditOf(t, agent.login.id);
    expect(trail.every((a) => a.actor_type === 'staff')).toBe(true);
    expect(trail.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'phone.caller.lookup',
        'phone.account.create',
        'patient.create',
        'patient.verify',
        'phone.order.create',
        'phone.order.view',
        'phone.caller.view',
        'phone.order.cancel',
      ]),
    );
    expect(trail.find((a) => a.action === 'phone.account.create')).toMatchObject({
      target_type: 'account',
      target_id: accountId,
    });
    expect(trail.find((a) => a.action === 'phone.order.create')).toMatchObject({
      target_type: 'patient',
      target_id: patientId,
    });
    const details = JSON.stringify(trail.map((a) => a.detail));
    for (const full of [callerPhone, patientPhone, idNumber, '王小明']) expect(details).not.toContain(full);
  });

  it('verifies a patient the caller added in the app, and books where payment is online', async () => {
    const callerPhone = makePhone();
    await t.http.post('/api/v1/auth/sms/send').send({ phone: callerPhone, purpose: 'login' }).expect(200);
    const login = await t.http
      .post('/api/v1/auth/sms/login')
      .send({ phone: callerPhone, code: await latestSmsCode(t, callerPhone) })
      .expect(200);
    const own = await t.http
      .post('/api/v1/patients')
      .set('Authorization', `Bearer ${login.body.token}`)
      .send(patientBody())
      .expect(201);

    const found = seen(await phone.lookup(callerPhone).expect(200));
    const accountId = found.body.caller.account.id as string;
    expect(accountId).toBe(login.body.account.id);
    expect(found.body.caller.patients).toEqual([expect.objectContaining({ id: own.body.id, verified: false })]);

    const s = await session(
      { feeFen: 1500 },
      await createClinic(t.services.db, { now: t.clock.now(), onlinePayment: true }),
    );
    const unverified = await phone.book(accountId, { scheduleId: s.id, patientId: own.body.id }).expect(403);
    expect(unverified.body.error.code).toBe('REAL_NAME_REQUIRED');
    const verified = seen(await phone.verifyPatient(accountId, own.body.id).expect(200));
    expect(verified.body.verified).toBe(true);

    // The core decides payment as for every channel: online here, to pay in the app within the window.
    const booked = seen(await phone.book(accountId, { scheduleId: s.id, patientId: own.body.id }).expect(201));
    expect(booked.body).toMatchObject({
      status: 'pending',
      feeFen: 1500,
      payment: { status: 'unpaid', deadline: expect.any(String) },
    });
    const inApp = await t.http
      .get(`/api/v1/orders/${booked.body.id}`)
      .set('Authorization', `Bearer ${login.body.token}`)
      .expect(200);
    expect(inApp.body.history[0]).toMatchObject({ actor: 'agent' });
    expect(JSON.stringify(answers)).not.toContain(callerPhone);
  });

  it('keeps callers apart: no booking, reading or cancelling with another account’s patient or order', async () => {
    const a = (await phone.register(makePhone()).expect(201)).body.account.id as string;
    const b = (await phone.register(makePhone()).expect(201)).body.account.id as string;
    const pa = (await phone.addPatient(a, patientBody()).expect(201)).body.id as string;
    const s = await session();
    const order = (await phone.book(a, { scheduleId: s.id, patientId: pa }).expect(201)).body.id as string;
    expect((await phone.book(b, { scheduleId: s.id, patientId: pa }).expect(404)).body.error.code).toBe('NOT_FOUND');
    await phone.order(b, order).expect(404);
    await phone.cancel(b, order).expect(404);
    await phone.caller('no-such-account').expect(404);
    await phone.order(a, order).expect(200);
  });
});
