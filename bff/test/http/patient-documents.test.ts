import {
  DOCUMENT_BIRTH_DATE_MISMATCH_MESSAGE,
  DOCUMENT_NUMBER_RULES,
  FOREIGN_PASSPORT_NOT_VERIFIABLE_MESSAGE,
  FOREIGN_PR_INVALID_MESSAGE,
} from '@cityhealth/shared-types';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { documentBody, documentNumber, foreignResidence2023 } from '../support/documents.js';
import { createClinic, createSession, idemKey } from '../support/fixtures.js';
import { auth, loginAs } from '../support/identity.js';

type Who = { token: string; accountId: string };

describe.each(databaseKinds())('patients by document, saved and verified in one step, on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { RATE_VERIFY_PER_ACCOUNT_DAY: '1000', CHILD_MAX_AGE: '14' } });
  });
  afterAll(async () => t.close());

  let n = 0;
  const fresh = () => loginAs(t, `documents-${kind}-${++n}`);
  const add = (who: Who, body: object) => t.http.post('/api/v1/patients/real-name').set(auth(who.token)).send(body);
  const rowsOf = (who: Who) =>
    t.services.db.query<Record<string, unknown>>('SELECT * FROM patient WHERE account_id = ?', [who.accountId]);
  const personOf = async (patientId: string) =>
    (await t.services.db.query<{ person_id: string }>('SELECT person_id FROM patient WHERE id = ?', [patientId]))[0]!
      .person_id;

  const cases: [string, () => Record<string, unknown>, RegExp][] = [
    ['居民身份证', () => documentBody.idCard(), /^\d{4}\*{10}[\dX]{4}$/],
    ['a Chinese passport (华侨护照)', () => documentBody.passport(), /^E\*{5}\d{3}$/],
    ['港澳居民来往内地通行证', () => documentBody.hkMacao(), /^H\*{5}\d{3}$/],
    ['台湾居民来往大陆通行证', () => documentBody.taiwan(), /^\d\*{4}\d{3}$/],
    ['外国人永久居留身份证 (2023)', () => documentBody.foreignResidence(), /^9318\*{10}[\dX]{4}$/],
    [
      '外国人永久居留身份证 (before 2023)',
      () => documentBody.foreignResidence({ idNumber: documentNumber.foreignResidence2004(), nationality: 'USA' }),
      /^USA3\*{7}\d{4}$/,
    ],
  ];

  it.each(cases)('adds %s verified, masked on the way out, encrypted at rest', async (_label, body, masked) => {
    const who = await fresh();
    const req = body();
    const r = await add(who, req).expect(201);
    expect(r.body).toMatchObject({ documentType: req.documentType, name: req.name, verified: true });
    expect(r.body.idNumberMasked).toMatch(masked);
    if (req.documentType !== 'id-card') expect(r.body).toMatchObject({ gender: req.gender, birthDate: req.birthDate });
    const [row] = await rowsOf(who);
    expect(JSON.stringify(row)).not.toContain(String(req.idNumber));
    expect(t.services.identity.pii.decrypt('id-number', String(row!.id_enc))).toBe(req.idNumber);
    expect(row!.document_type).toBe(req.documentType);
    const [event] = await t.services.db.query<{ detail: string }>(
      "SELECT detail FROM audit_event WHERE action = 'patient.verify' AND target_id = ?",
      [who.accountId],
    );
    expect(JSON.parse(event!.detail)).toEqual({ result: 'match', documentType: req.documentType });
    expect((await t.http.get('/api/v1/patients').set(auth(who.token)).expect(200)).body.items).toEqual([r.body]);
  });

  it('says in Chinese why a verification failed, and saves nothing', async () => {
    const who = await fresh();
    const refusals: [object, RegExp][] = [
      [documentBody.passport({ idNumber: documentNumber.chinesePassport('999') }), /^姓名与证件号码不一致/],
      [documentBody.passport({ idNumber: documentNumber.chinesePassport('000') }), /^证件号码查无记录/],
      [documentBody.hkMacao({ idNumber: documentNumber.hkMacao('999') }), /^姓名与证件号码不一致/],
      [documentBody.taiwan({ idNumber: documentNumber.taiwan('000') }), /^证件号码查无记录/],
      [
        documentBody.foreignResidence({ idNumber: documentNumber.foreignResidence2004('999'), nationality: 'USA' }),
        /不一致/,
      ],
      // a Chinese passport is E or G and 8 characters: the service refuses what is not
      [documentBody.passport({ idNumber: 'AB1234567' }), /不符合核验要求/],
    ];
    for (const [body, message] of refusals) {
      const r = await add(who, body).expect(422);
      expect(r.body.error.code).toBe('REAL_NAME_MISMATCH');
      expect(r.body.error.message).toMatch(message);
    }
    expect(await rowsOf(who)).toEqual([]);
    expect((await t.http.get('/api/v1/patients').set(auth(who.token)).expect(200)).body.items).toEqual([]);
  });

  it('refuses a foreign passport (no provider verifies one online) before any verification', async () => {
    const who = await fresh();
    for (const body of [
      documentBody.passport({ name: 'John Smith', idNumber: documentNumber.foreignPassport(), nationality: 'USA' }),
      documentBody.passport({ name: 'Anna Mueller', idNumber: documentNumber.foreignPassport(), nationality: 'deu' }),
    ]) {
      const r = await add(who, body).expect(422);
      expect(r.body.error).toMatchObject({
        code: 'DOCUMENT_NOT_VERIFIABLE_ONLINE',
        message: FOREIGN_PASSPORT_NOT_VERIFIABLE_MESSAGE,
      });
    }
    const audits = await t.services.db.query('SELECT id FROM audit_event WHERE action = ? AND target_id = ?', [
      'patient.verify',
      who.accountId,
    ]);
    expect(audits).toEqual([]);
    expect(await rowsOf(who)).toEqual([]);
    // a Chinese citizen's passport still is
    await add(who, documentBody.passport()).expect(201);
  });

  it('checks each document number with the shared rules, before any verification', async () => {
    const who = await fresh();
    for (const [body, field, message] of [
      [documentBody.passport({ idNumber: 'AB' }), 'idNumber', DOCUMENT_NUMBER_RULES.passport.message],
      [documentBody.hkMacao({ idNumber: 'A12345678' }), 'idNumber', DOCUMENT_NUMBER_RULES['hk-macao-permit'].message],
      [documentBody.taiwan({ idNumber: '1234567' }), 'idNumber', DOCUMENT_NUMBER_RULES['taiwan-permit'].message],
      [documentBody.passport({ nationality: 'US' }), 'nationality', '请输入 3 位字母的国籍代码，如 CHN、USA'],
    ] as const) {
      const r = await add(who, body).expect(400);
      expect(r.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message });
      expect(r.body.error.details).toContainEqual({ path: `body.${field}`, message });
    }
    const good = foreignResidence2023({ gender: 'F' });
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const bad = await add(who, documentBody.foreignResidence({ idNumber: wrongCheck })).expect(400);
    expect(bad.body.error).toMatchObject({ code: 'DOCUMENT_NUMBER_INVALID', message: FOREIGN_PR_INVALID_MESSAGE });
    const otherBirth = await add(who, documentBody.foreignResidence({ idNumber: good, birthDate: '1986-04-12' }));
    expect(otherBirth.status).toBe(400);
    expect(otherBirth.body.error.message).toBe(DOCUMENT_BIRTH_DATE_MISMATCH_MESSAGE);
    const future = await add(who, documentBody.hkMacao({ birthDate: '2999-01-01' })).expect(400);
    expect(future.body.error.details).toContainEqual({ path: 'body.birthDate', message: '请选择正确的出生日期' });
    const audits = await t.services.db.query('SELECT id FROM audit_event WHERE action = ? AND target_id = ?', [
      'patient.verify',
      who.accountId,
    ]);
    expect(audits).toEqual([]);
    expect(await rowsOf(who)).toEqual([]);
  });

  it('identifies a person by document type and number across accounts', async () => {
    const [alice, bob] = [await fresh(), await fresh()];
    const hk = documentBody.hkMacao();
    const a = await add(alice, hk).expect(201);
    const b = await add(bob, { ...hk, phone: documentBody.hkMacao().phone }).expect(201);
    expect(await personOf(a.body.id)).toBe(await personOf(b.body.id));
    expect((await add(alice, hk).expect(409)).body.error.code).toBe('PATIENT_DUPLICATE');
    // each document is its own person (documentIdentityKey: the same characters of two types are two people)
    const tw = await add(alice, documentBody.taiwan()).expect(201);
    const passport = await add(alice, documentBody.passport()).expect(201);
    const persons = new Set([await personOf(a.body.id), await personOf(tw.body.id), await personOf(passport.body.id)]);
    expect(persons.size).toBe(3);
  });

  it('keeps the per-person rules for every document: one per department and session, blacklist', async () => {
    const clinic = await createClinic(t.services.db, { now: t.clock.now() });
    const bodies = [
      documentBody.passport(),
      documentBody.hkMacao(),
      documentBody.taiwan(),
      documentBody.foreignResidence(),
    ];
    for (const [i, body] of bodies.entries()) {
      const [alice, bob] = [await fresh(), await fresh()];
      const mine = (await add(alice, body).expect(201)).body;
      const theirs = (await add(bob, { ...body, relation: 'parent' }).expect(201)).body;
      const day = new Date(t.clock.now() + (2 + i) * 86_400_000).toISOString().slice(0, 10);
      const session = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 5, date: day });
      const book = (who: Who, patientId: string) =>
        t.http
          .post('/api/v1/orders')
          .set(auth(who.token))
          .set('Idempotency-Key', idemKey())
          .send({ scheduleId: session.id, patientId });
      await book(alice, mine.id).expect(201);
      const twice = await book(bob, theirs.id).expect(409);
      expect(twice.body.error.code).toBe('DUPLICATE_DEPARTMENT_SESSION');
      await t.services.db.write((tx) =>
        tx.query('UPDATE person SET blacklisted_until = ? WHERE id = (SELECT person_id FROM patient WHERE id = ?)', [
          t.clock.now() + 86_400_000 * 30,
          theirs.id,
        ]),
      );
      const other = await createSession(t.services.db, clinic, {
        now: t.clock.now(),
        capacity: 5,
        date: day,
        departmentId: clinic.departmentIds[1],
      });
      const suspended = await t.http
        .post('/api/v1/orders')
        .set(auth(bob.token))
        .set('Idempotency-Key', idemKey())
        .send({ scheduleId: other.id, patientId: theirs.id })
        .expect(403);
      expect(suspended.body.error.code).toBe('BLACKLISTED');
    }
  });

  describe('a child without a document', () => {
    const age = (years: number, days = 0) => {
      const d = new Date(t.clock.now() + 8 * 3_600_000);
      d.setUTCFullYear(d.getUTCFullYear() - years);
      return new Date(d.getTime() - days * 86_400_000).toISOString().slice(0, 10);
    };

    it('needs the account holder’s own verified ID card as guardian', async () => {
      const who = await fresh();
      const r = await add(who, documentBody.child()).expect(409);
      expect(r.body.error.code).toBe('CHILD_GUARDIAN_REQUIRED');
      await add(who, documentBody.idCard({ relation: 'parent' })).expect(201);
      expect((await add(who, documentBody.child()).expect(409)).body.error.code).toBe('CHILD_GUARDIAN_REQUIRED');
      await add(who, documentBody.passport({ relation: 'self' })).expect(201);
      expect((await add(who, documentBody.child()).expect(409)).body.error.code).toBe('CHILD_GUARDIAN_REQUIRED');
    });

    it('is verified through the guardian, without a call to the verifier, below the configured age', async () => {
      const who = await fresh();
      const self = (await add(who, documentBody.idCard()).expect(201)).body;
      const calls = async () =>
        (
          await t.services.db.query("SELECT id FROM audit_event WHERE action = 'patient.verify' AND target_id = ?", [
            who.accountId,
          ])
        ).length;
      const before = await calls();
      const child = await add(who, documentBody.child({ birthDate: age(13, 364) })).expect(201);
      expect(child.body).toMatchObject({ documentType: 'child', verified: true, idNumberMasked: '', gender: 'M' });
      expect(await calls()).toBe(before);
      const [row] = await t.services.db.query<{ guardian_patient_id: string }>(
        'SELECT guardian_patient_id FROM patient WHERE id = ?',
        [child.body.id],
      );
      expect(row!.guardian_patient_id).toBe(self.id);
      // CHILD_MAX_AGE is 14 here: from the 14th birthday on, the child's own document
      const old = await add(who, documentBody.child({ name: '张大宝', birthDate: age(14) })).expect(409);
      expect(old.body.error).toEqual({ code: 'CHILD_AGE_EXCEEDED', message: '年满 14 周岁的就诊人请使用本人证件添加' });
      expect((await t.http.get('/api/v1/booking-rules').expect(200)).body.childMaxAge).toBe(14);
    });

    it('is one person per guardian, name and birth date, and books like any verified patient', async () => {
      const [mum, dad] = [await fresh(), await fresh()];
      const guardianCard = documentBody.idCard();
      await add(mum, guardianCard).expect(201);
      // the same guardian's card in a second account (a parent with two logins)
      await add(dad, { ...guardianCard, phone: documentBody.idCard().phone }).expect(201);
      const child = documentBody.child({ birthDate: age(3) });
      const a = (await add(mum, child).expect(201)).body;
      expect((await add(mum, child).expect(409)).body.error.code).toBe('PATIENT_DUPLICATE');
      const b = (await add(dad, child).expect(201)).body;
      const twin = (await add(mum, { ...child, name: '张小贝' }).expect(201)).body;
      expect(await personOf(a.id)).toBe(await personOf(b.id));
      expect(await personOf(twin.id)).not.toBe(await personOf(a.id));

      const clinic = await createClinic(t.services.db, { now: t.clock.now() });
      const session = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 3 });
      const book = (who: Who, patientId: string) =>
        t.http
          .post('/api/v1/orders')
          .set(auth(who.token))
          .set('Idempotency-Key', idemKey())
          .send({ scheduleId: session.id, patientId });
      const order = await book(mum, a.id).expect(201);
      expect(order.body.patient).toMatchObject({ id: a.id });
      expect((await book(dad, b.id).expect(409)).body.error.code).toBe('DUPLICATE_DEPARTMENT_SESSION');
    });
  });
});
