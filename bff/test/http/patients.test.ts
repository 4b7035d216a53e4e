import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic, createSession, idemKey } from '../support/fixtures.js';
import { auth, loginAs, makeIdNumber, makePhone, patientBody } from '../support/identity.js';

describe.each(databaseKinds())('patients API on %s', (kind) => {
  let t: TestApp;
  let alice: { token: string; accountId: string };
  let bob: { token: string; accountId: string };
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { RATE_VERIFY_PER_ACCOUNT_DAY: '100' } });
    alice = await loginAs(t, 'alice');
    bob = await loginAs(t, 'bob');
  });
  afterAll(async () => t.close());

  const as = (who: { token: string }) => ({
    list: () => t.http.get('/api/v1/patients').set(auth(who.token)),
    create: (body: unknown) =>
      t.http
        .post('/api/v1/patients')
        .set(auth(who.token))
        .send(body as object),
    update: (id: string, body: unknown) =>
      t.http
        .patch(`/api/v1/patients/${id}`)
        .set(auth(who.token))
        .send(body as object),
    remove: (id: string) => t.http.delete(`/api/v1/patients/${id}`).set(auth(who.token)),
    verify: (id: string) => t.http.post(`/api/v1/patients/${id}/verify`).set(auth(who.token)),
  });
  const clearPatients = async (accountId: string) => {
    await t.services.db.write((tx) => tx.query('UPDATE patient SET live = NULL WHERE account_id = ?', [accountId]));
  };

  it('adds a patient: masked in the response, encrypted at rest, birth date and gender from the ID', async () => {
    const idNumber = makeIdNumber({ region: '110105', birth: '19850412', sequence: '372' });
    const phone = makePhone();
    const r = await as(alice)
      .create({ name: '李四', idNumber: idNumber.toLowerCase(), phone, relation: 'parent' })
      .expect(201);
    expect(r.body).toMatchObject({
      name: '李四',
      idNumberMasked: `1101**********${idNumber.slice(-4)}`,
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      relation: 'parent',
      gender: 'F',
      birthDate: '1985-04-12',
      verified: false,
      verifiedAt: null,
      blacklistedUntil: null,
    });
    expect(JSON.stringify(r.body)).not.toContain(idNumber);
    const [row] = await t.services.db.query<Record<string, unknown>>('SELECT * FROM patient WHERE id = ?', [r.body.id]);
    const raw = JSON.stringify(row);
    expect(raw).not.toContain(idNumber);
    expect(raw).not.toContain(idNumber.slice(6, 14));
    expect(raw).not.toContain(phone);
    expect(t.services.identity.pii.decrypt('id-number', String(row!.id_enc))).toBe(idNumber);
    expect(t.services.identity.pii.decrypt('phone', String(row!.phone_enc))).toBe(phone);
    const list = await as(alice).list().expect(200);
    expect(list.body).toEqual({ items: [r.body], max: 5 });
    const [event] = await t.services.db.query<{ detail: string }>(
      "SELECT detail FROM audit_event WHERE target_id = ? AND action = 'patient.create'",
      [r.body.id],
    );
    expect(event!.detail).not.toContain(idNumber);
  });

  it('allows 5 live patients per account, and a 6th after deleting one', async () => {
    await clearPatients(alice.accountId);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await as(alice).create(patientBody()).expect(201)).body.id);
    const sixth = await as(alice).create(patientBody()).expect(409);
    expect(sixth.body.error.code).toBe('PATIENT_LIMIT_REACHED');
    await as(alice).remove(ids[0]!).expect(200, { ok: true });
    await as(alice).create(patientBody()).expect(201);
    expect((await as(alice).list().expect(200)).body.items).toHaveLength(5);
  });

  it('keeps the limit under concurrent adds', async () => {
    await clearPatients(bob.accountId);
    const results = await Promise.all(Array.from({ length: 8 }, () => as(bob).create(patientBody())));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'PATIENT_LIMIT_REACHED')).toBe(
      true,
    );
    await clearPatients(bob.accountId);
  });

  it('refuses the same ID number twice in one account, but shares one person across accounts', async () => {
    await clearPatients(alice.accountId);
    const idNumber = makeIdNumber();
    const a = await as(alice).create(patientBody({ idNumber })).expect(201);
    const dup = await as(alice)
      .create(patientBody({ idNumber, name: '别名' }))
      .expect(409);
    expect(dup.body.error.code).toBe('PATIENT_DUPLICATE');
    const b = await as(bob).create(patientBody({ idNumber })).expect(201);
    const rows = await t.services.db.query<{ person_id: string }>('SELECT person_id FROM patient WHERE id IN (?, ?)', [
      a.body.id,
      b.body.id,
    ]);
    expect(new Set(rows.map((r) => r.person_id)).size).toBe(1);
    await clearPatients(alice.accountId);
    await clearPatients(bob.accountId);
  });

  it('creates one person when several accounts add the same ID at once', async () => {
    const idNumber = makeIdNumber();
    const accounts = await Promise.all(['p1', 'p2', 'p3', 'p4', 'p5'].map((n) => loginAs(t, `racer-${n}`)));
    const results = await Promise.all(accounts.map((a) => as(a).create(patientBody({ idNumber }))));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const ids = results.map((r) => r.body.id as string);
    const rows = await t.services.db.query<{ person_id: string }>(
      `SELECT person_id FROM patient WHERE id IN (${ids.map(() => '?').join(',')})`,
      ids,
    );
    expect(new Set(rows.map((r) => r.person_id)).size).toBe(1);
  });

  it('rejects bad ID numbers and malformed input with clean 4xx errors', async () => {
    await clearPatients(alice.accountId);
    const good = makeIdNumber();
    const badChecksum = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(
      (
        await as(alice)
          .create(patientBody({ idNumber: badChecksum }))
          .expect(400)
      ).body.error.code,
    ).toBe('ID_NUMBER_INVALID');
    expect(
      (
        await as(alice)
          .create(patientBody({ idNumber: makeIdNumber({ birth: '19990231' }) }))
          .expect(400)
      ).body.error.code,
    ).toBe('ID_NUMBER_INVALID');
    for (const body of [
      patientBody({ idNumber: '12345' }),
      patientBody({ name: 'A' }),
      patientBody({ name: "Robert'); DROP TABLE patient;--" }),
      patientBody({ phone: '12345678901' }),
      patientBody({ relation: 'friend' }),
      patientBody({ idNumber: Number('110105199003071234') }),
      { name: '张三' },
      [],
    ]) {
      const r = await as(alice).create(body).expect(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await as(alice).list().expect(200)).body.items).toHaveLength(0);
    expect((await as(alice).update('not a valid id!', { relation: 'self' }).expect(400)).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await t.http.get('/api/v1/patients').expect(401)).body.error.code).toBe('UNAUTHENTICATED');
  });

  it('changes an unverified patient freely, and locks name and ID once verified', async () => {
    await clearPatients(alice.accountId);
    const p = (
      await as(alice)
        .create(patientBody({ relation: 'child' }))
        .expect(201)
    ).body;
    const newId = makeIdNumber({ birth: '20100505', sequence: '111' });
    const changed = await as(alice).update(p.id, { name: '张小三', idNumber: newId, relation: 'self' }).expect(200);
    expect(changed.body).toMatchObject({
      name: '张小三',
      birthDate: '2010-05-05',
      gender: 'M',
      relation: 'self',
      idNumberMasked: `1101**********${newId.slice(-4)}`,
    });
    expect((await as(alice).update(p.id, {}).expect(400)).body.error.code).toBe('VALIDATION_FAILED');

    const verified = await as(alice).verify(p.id).expect(200);
    expect(verified.body).toMatchObject({ verified: true, verifiedAt: expect.any(String) });
    expect((await as(alice).update(p.id, { name: '王五' }).expect(409)).body.error.code).toBe(
      'PATIENT_VERIFIED_LOCKED',
    );
    expect((await as(alice).update(p.id, { idNumber: makeIdNumber() }).expect(409)).body.error.code).toBe(
      'PATIENT_VERIFIED_LOCKED',
    );
    // the same name or number again is no change; phone and relation stay editable
    const phone = makePhone();
    const ok = await as(alice).update(p.id, { name: '张小三', idNumber: newId, phone, relation: 'child' }).expect(200);
    expect(ok.body).toMatchObject({
      verified: true,
      relation: 'child',
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    });
  });

  it('verifies real names: a checksum-valid ID matches, sequence 999 is a mismatch', async () => {
    await clearPatients(alice.accountId);
    const good = (await as(alice).create(patientBody()).expect(201)).body;
    const r = await as(alice).verify(good.id).expect(200);
    expect(r.body.verified).toBe(true);
    await as(alice).verify(good.id).expect(200); // idempotent

    const liar = (
      await as(alice)
        .create(patientBody({ idNumber: makeIdNumber({ sequence: '999' }) }))
        .expect(201)
    ).body;
    const mismatch = await as(alice).verify(liar.id).expect(422);
    expect(mismatch.body.error).toEqual({ code: 'REAL_NAME_MISMATCH', message: expect.stringMatching(/不一致/) });
    expect((await as(alice).list().expect(200)).body.items.find((x: { id: string }) => x.id === liar.id).verified).toBe(
      false,
    );

    const events = await t.services.db.query<{ detail: string }>(
      "SELECT detail FROM audit_event WHERE action = 'patient.verify' AND target_id IN (?, ?) ORDER BY at",
      [good.id, liar.id],
    );
    expect(events.map((e) => JSON.parse(e.detail).result).sort()).toEqual(['match', 'mismatch']);
  });

  it('re-checks the checksum before asking the verification service', async () => {
    await clearPatients(alice.accountId);
    const p = (await as(alice).create(patientBody()).expect(201)).body;
    const bad = makeIdNumber();
    const corrupted = bad.slice(0, 17) + (bad[17] === '0' ? '1' : '0');
    await t.services.db.write((tx) =>
      tx.query('UPDATE patient SET id_enc = ? WHERE id = ?', [
        t.services.identity.pii.encrypt('id-number', corrupted),
        p.id,
      ]),
    );
    expect((await as(alice).verify(p.id).expect(400)).body.error.code).toBe('ID_NUMBER_INVALID');
  });

  it('shows an account only its own patients', async () => {
    await clearPatients(alice.accountId);
    const mine = (await as(alice).create(patientBody()).expect(201)).body;
    expect((await as(bob).list().expect(200)).body.items.map((p: { id: string }) => p.id)).not.toContain(mine.id);
    for (const r of [
      await as(bob).update(mine.id, { relation: 'other' }),
      await as(bob).remove(mine.id),
      await as(bob).verify(mine.id),
    ]) {
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('NOT_FOUND');
    }
    const still = (await as(alice).list().expect(200)).body.items[0];
    expect(still).toMatchObject({ id: mine.id, relation: mine.relation, verified: false });
    expect(
      (await as(alice).update('00000000-0000-0000-0000-000000000000', { relation: 'other' }).expect(404)).body.error
        .code,
    ).toBe('NOT_FOUND');
  });

  it('refuses to delete a patient with a live booking, and deletes softly afterwards', async () => {
    await clearPatients(alice.accountId);
    const p = (await as(alice).create(patientBody()).expect(201)).body;
    await as(alice).verify(p.id).expect(200);
    const clinic = await createClinic(t.services.db, { now: t.clock.now() });
    const session = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 3 });
    const order = await t.http
      .post('/api/v1/orders')
      .set(auth(alice.token))
      .set('Idempotency-Key', idemKey())
      .send({ scheduleId: session.id, patientId: p.id })
      .expect(201);
    const refused = await as(alice).remove(p.id).expect(409);
    expect(refused.body.error.code).toBe('PATIENT_HAS_ACTIVE_ORDERS');
    await t.http.post(`/api/v1/orders/${order.body.id}/cancel`).set(auth(alice.token)).send({}).expect(200);
    await as(alice).remove(p.id).expect(200, { ok: true });
    expect((await as(alice).list().expect(200)).body.items).toHaveLength(0);
    const [row] = await t.services.db.query<{ live: number | null; deleted_at: number | null }>(
      'SELECT live, deleted_at FROM patient WHERE id = ?',
      [p.id],
    );
    expect(row!.live).toBeNull();
    expect(row!.deleted_at).not.toBeNull();
    expect((await as(alice).remove(p.id).expect(404)).body.error.code).toBe('NOT_FOUND');
    const actions = await t.services.db.query<{ action: string }>(
      "SELECT action FROM audit_event WHERE target_id = ? AND action LIKE 'patient.%' ORDER BY at",
      [p.id],
    );
    expect(actions.map((a) => a.action)).toEqual(['patient.create', 'patient.verify', 'patient.delete']);
  });

  it('shows a blacklist while it lasts, as a Shanghai date', async () => {
    await clearPatients(alice.accountId);
    const p = (await as(alice).create(patientBody()).expect(201)).body;
    const until = Date.parse('2099-03-01T20:00:00Z'); // 2099-03-02 04:00 in Shanghai
    await t.services.db.write((tx) =>
      tx.query('UPDATE person SET blacklisted_until = ? WHERE id = (SELECT person_id FROM patient WHERE id = ?)', [
        until,
        p.id,
      ]),
    );
    expect((await as(alice).list().expect(200)).body.items[0].blacklistedUntil).toBe('2099-03-02');
    await t.services.db.write((tx) =>
      tx.query('UPDATE person SET blacklisted_until = ? WHERE id = (SELECT person_id FROM patient WHERE id = ?)', [
        t.clock.now() - 1,
        p.id,
      ]),
    );
    expect((await as(alice).list().expect(200)).body.items[0].blacklistedUntil).toBeNull();
  });
});

describe.each(databaseKinds())('real-name verification when the service is down, on %s', (kind) => {
  it('answers REAL_NAME_UNAVAILABLE, leaves the patient unverified, and throttles retries per account', async () => {
    const t = await startTestApp(kind, {
      env: { IDV_ENDPOINT: 'http://127.0.0.1:1/aliyun-idv', RATE_VERIFY_PER_ACCOUNT_DAY: '2' },
    });
    try {
      const a = await loginAs(t, 'unlucky');
      const p = (await t.http.post('/api/v1/patients').set(auth(a.token)).send(patientBody()).expect(201)).body;
      for (let i = 0; i < 2; i++) {
        const r = await t.http.post(`/api/v1/patients/${p.id}/verify`).set(auth(a.token)).expect(503);
        expect(r.body.error.code).toBe('REAL_NAME_UNAVAILABLE');
      }
      const limited = await t.http.post(`/api/v1/patients/${p.id}/verify`).set(auth(a.token)).expect(429);
      expect(limited.body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/实名认证/) });
      expect((await t.http.get('/api/v1/patients').set(auth(a.token)).expect(200)).body.items[0].verified).toBe(false);
    } finally {
      await t.close();
    }
  });
});
