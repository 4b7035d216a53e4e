import {
  DOCUMENT_NUMBER_RULES,
  FOREIGN_PASSPORT_NOT_VERIFIABLE_MESSAGE,
  FOREIGN_PR_INVALID_MESSAGE,
} from '@cityhealth/shared-types';
import { addDays, shanghaiDate } from '../../src/shared/time.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { documentBody, documentNumber, foreignResidence2023 } from '../support/documents.js';
import { createClinic, createSession, idemKey, type Clinic } from '../support/fixtures.js';
import { auth, loginAs, makePhone } from '../support/identity.js';
import { staffSession, type StaffHeaders, type StaffLogin } from '../support/staff.js';
import { auditOf, phoneApi, type PhoneApi } from './phone-support.js';

/** 电话预约 for callers of every document the mini-program takes: the same checks, verifier, person and rules. */
describe.each(databaseKinds())('phone booking by document on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let agent: StaffHeaders & { login: StaffLogin };
  let phone: PhoneApi;

  beforeAll(async () => {
    t = await startTestApp(kind, {
      env: { RATE_VERIFY_PER_ACCOUNT_DAY: '1000', BOOKING_MAX_PER_WINDOW: '3', BOOKING_WINDOW_DAYS: '8' },
    });
    clinic = await createClinic(t.services.db, { now: t.clock.now(), departments: 4 });
    agent = await staffSession(t, 'agent');
    phone = phoneApi(t, agent);
  });
  afterAll(async () => t.close());

  const newCaller = async () => (await phone.register(makePhone()).expect(201)).body.account.id as string;
  const rowOf = async (patientId: string) =>
    (
      await t.services.db.query<{ person_id: string; document_type: string; nationality: string | null }>(
        'SELECT person_id, document_type, nationality FROM patient WHERE id = ?',
        [patientId],
      )
    )[0]!;
  const day = (n: number) => addDays(shanghaiDate(t.clock.now()), n);

  const cases: [string, () => Record<string, unknown>, RegExp][] = [
    ['a Chinese passport', () => documentBody.passport(), /^E\*{5}\d{3}$/],
    ['港澳居民来往内地通行证', () => documentBody.hkMacao(), /^H\*{5}\d{3}$/],
    ['台湾居民来往大陆通行证', () => documentBody.taiwan(), /^\d\*{4}\d{3}$/],
    ['外国人永久居留身份证', () => documentBody.foreignResidence(), /^9318\*{10}[\dX]{4}$/],
  ];

  it.each(cases)(
    'adds a caller’s %s verified, masked, audited as the agent, and books',
    async (_label, body, masked) => {
      const accountId = await newCaller();
      const req = body();
      const added = await phone.addPatient(accountId, req).expect(201);
      expect(added.body).toMatchObject({ documentType: req.documentType, verified: true, gender: req.gender });
      expect(added.body.idNumberMasked).toMatch(masked);
      expect(JSON.stringify(added.body)).not.toContain(String(req.idNumber));
      const row = await rowOf(added.body.id);
      expect(row.document_type).toBe(req.documentType);
      expect(row.nationality).toBe((req.nationality as string | undefined) ?? null);

      const trail = (await auditOf(t, agent.login.id)).filter(
        (a) => a.target_id === added.body.id || a.target_id === accountId,
      );
      const verify = trail.find((a) => a.action === 'patient.verify');
      expect(JSON.parse(verify!.detail!)).toEqual({ result: 'match', documentType: req.documentType });
      expect(trail.find((a) => a.action === 'patient.create')).toMatchObject({
        actor_type: 'staff',
        target_id: added.body.id,
      });
      expect(JSON.stringify(trail)).not.toContain(String(req.idNumber));

      const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 5, date: day(2) });
      const booked = await phone.book(accountId, { scheduleId: s.id, patientId: added.body.id }).expect(201);
      expect(booked.body).toMatchObject({
        status: 'booked',
        patient: { id: added.body.id, idNumberMasked: added.body.idNumberMasked },
      });
    },
  );

  it('is one person with the same permit in the app and by phone: the booking limit counts both', async () => {
    const permit = documentBody.hkMacao();
    const app = await loginAs(t, `phone-documents-${kind}`);
    const own = await t.http.post('/api/v1/patients/real-name').set(auth(app.token)).send(permit).expect(201);
    const accountId = await newCaller();
    const byPhone = await phone.addPatient(accountId, { ...permit, relation: 'parent' }).expect(201);
    expect((await rowOf(byPhone.body.id)).person_id).toBe((await rowOf(own.body.id)).person_id);

    const session = (d: number) =>
      createSession(t.services.db, clinic, {
        now: t.clock.now(),
        capacity: 5,
        date: day(d),
        departmentId: clinic.departmentIds[1],
      });
    const inApp = async (d: number) =>
      t.http
        .post('/api/v1/orders')
        .set(auth(app.token))
        .set('Idempotency-Key', idemKey())
        .send({ scheduleId: (await session(d)).id, patientId: own.body.id });
    expect((await inApp(2)).status).toBe(201);
    await phone.book(accountId, { scheduleId: (await session(3)).id, patientId: byPhone.body.id }).expect(201);
    expect((await inApp(4)).status).toBe(201);
    const fourth = await phone.book(accountId, { scheduleId: (await session(5)).id, patientId: byPhone.body.id });
    expect({ status: fourth.status, error: fourth.body.error }).toEqual({
      status: 409,
      error: { code: 'BOOKING_LIMIT_REACHED', message: '8 天内最多预约 3 次，已达上限' },
    });
  });

  it('refuses a bad number with the shared rule’s words, before any verification, and saves nothing', async () => {
    const accountId = await newCaller();
    for (const [req, message] of [
      [documentBody.passport({ idNumber: 'AB' }), DOCUMENT_NUMBER_RULES.passport.message],
      [documentBody.hkMacao({ idNumber: 'A12345678' }), DOCUMENT_NUMBER_RULES['hk-macao-permit'].message],
      [documentBody.taiwan({ idNumber: '1234567' }), DOCUMENT_NUMBER_RULES['taiwan-permit'].message],
    ] as const) {
      const r = await phone.addPatient(accountId, req).expect(400);
      expect(r.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message });
      expect(r.body.error.details).toContainEqual({ path: 'body.idNumber', message });
    }
    const good = foreignResidence2023({ gender: 'F' });
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const bad = await phone.addPatient(accountId, documentBody.foreignResidence({ idNumber: wrongCheck })).expect(400);
    expect(bad.body.error).toMatchObject({ code: 'DOCUMENT_NUMBER_INVALID', message: FOREIGN_PR_INVALID_MESSAGE });
    const noNationality = await phone.addPatient(accountId, { ...documentBody.passport(), nationality: undefined });
    expect(noNationality.status).toBe(400);
    expect((await phone.caller(accountId).expect(200)).body.patients).toEqual([]);
    const verifies = await t.services.db.query(
      "SELECT id FROM audit_event WHERE action = 'patient.verify' AND target_id = ?",
      [accountId],
    );
    expect(verifies).toEqual([]);
  });

  it('refuses a foreign passport as the app does: not verifiable online, to be verified at a hospital', async () => {
    const accountId = await newCaller();
    const r = await phone
      .addPatient(accountId, documentBody.passport({ nationality: 'USA', idNumber: documentNumber.foreignPassport() }))
      .expect(422);
    expect(r.body.error).toEqual({
      code: 'DOCUMENT_NOT_VERIFIABLE_ONLINE',
      message: FOREIGN_PASSPORT_NOT_VERIFIABLE_MESSAGE,
    });
    expect((await phone.caller(accountId).expect(200)).body.patients).toEqual([]);
  });

  it('says why the verifier refused a permit, in Chinese, and keeps nothing', async () => {
    const accountId = await newCaller();
    const r = await phone.addPatient(accountId, documentBody.taiwan({ idNumber: '12345999' })).expect(422);
    expect(r.body.error).toMatchObject({ code: 'REAL_NAME_MISMATCH', message: '姓名与证件号码不一致，请核对' });
    expect((await phone.caller(accountId).expect(200)).body.patients).toEqual([]);
  });

  it('adds a child without a document through the caller’s own verified ID card, as the app does', async () => {
    const accountId = await newCaller();
    const refused = await phone.addPatient(accountId, documentBody.child()).expect(409);
    expect(refused.body.error.code).toBe('CHILD_GUARDIAN_REQUIRED');
    await phone.addPatient(accountId, documentBody.idCard()).expect(201);
    const child = await phone.addPatient(accountId, documentBody.child()).expect(201);
    expect(child.body).toMatchObject({ documentType: 'child', idNumberMasked: '', verified: true });
  });
});
