import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { documentBody } from '../support/documents.js';
import { createClinic, createSession, idemKey } from '../support/fixtures.js';
import { auth, latestSmsCode, makePhone } from '../support/identity.js';

describe.each(databaseKinds())('注销账号 on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { RATE_SMS_PER_IP_HOUR: '1000', RATE_VERIFY_PER_ACCOUNT_DAY: '100' } });
  });
  afterAll(async () => t.close());

  const AGREED = { terms: '2026-12', privacy: '2026-12' };
  async function register(phone: string): Promise<{ token: string; accountId: string }> {
    t.clock.advance(61_000);
    await t.http.post('/api/v1/auth/sms/send').send({ phone }).expect(200);
    const r = await t.http
      .post('/api/v1/auth/sms/login')
      .send({ phone, code: await latestSmsCode(t, phone), platform: 'weapp', agreements: AGREED })
      .expect(200);
    return { token: r.body.token, accountId: r.body.account.id };
  }
  const deletionCode = async (token: string, phone: string) => {
    t.clock.advance(61_000);
    const sent = await t.http.post('/api/v1/me/deletion/code').set(auth(token)).expect(200);
    expect(sent.body).toMatchObject({ sent: true, phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}` });
    return latestSmsCode(t, phone);
  };
  const remove = (token: string, code: string) => t.http.post('/api/v1/me/deletion').set(auth(token)).send({ code });

  it('is refused while a booking is to come, and confirmed only by the code sent to the account’s phone', async () => {
    const phone = makePhone();
    const who = await register(phone);
    const patient = (await t.http.post('/api/v1/patients/real-name').set(auth(who.token)).send(documentBody.idCard()))
      .body;
    const clinic = await createClinic(t.services.db, { now: t.clock.now() });
    const session = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 2 });
    const order = await t.http
      .post('/api/v1/orders')
      .set(auth(who.token))
      .set('Idempotency-Key', idemKey())
      .send({ scheduleId: session.id, patientId: patient.id })
      .expect(201);
    const code = await deletionCode(who.token, phone);
    const blocked = await remove(who.token, code).expect(409);
    expect(blocked.body.error).toEqual({
      code: 'ACCOUNT_DELETION_BLOCKED',
      message: '您还有未完成的预约或支付，完成或取消后才能注销账号',
    });
    await t.http.post(`/api/v1/orders/${order.body.id}/cancel`).set(auth(who.token)).send({}).expect(200);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect((await remove(who.token, wrong).expect(400)).body.error.code).toBe('SMS_CODE_INVALID');
    await t.http.get('/api/v1/me').set(auth(who.token)).expect(200);
  });

  it('erases logins, phone and patients’ personal data, keeps bookings detached, ends the session', async () => {
    const phone = makePhone();
    const who = await register(phone);
    const card = documentBody.idCard({ name: '王秀英' });
    await t.http.post('/api/v1/patients/real-name').set(auth(who.token)).send(card).expect(201);
    const bound = await t.http
      .post('/api/v1/me/bindings')
      .set(auth(who.token))
      .send({ platform: 'weapp', code: `sandbox:deleting-${kind}` })
      .expect(200);
    expect(bound.body.platforms).toEqual(['weapp']);
    const child = (
      await t.http
        .post('/api/v1/patients/real-name')
        .set(auth(who.token))
        .send(documentBody.child({ name: '王小明', birthDate: '2021-03-04' }))
        .expect(201)
    ).body;
    const clinic = await createClinic(t.services.db, { now: t.clock.now() });
    const session = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 2 });
    const order = await t.http
      .post('/api/v1/orders')
      .set(auth(who.token))
      .set('Idempotency-Key', idemKey())
      .send({ scheduleId: session.id, patientId: child.id })
      .expect(201);
    await t.http.post(`/api/v1/orders/${order.body.id}/cancel`).set(auth(who.token)).send({}).expect(200);

    await remove(who.token, await deletionCode(who.token, phone)).expect(200, { ok: true });

    const db = t.services.db;
    const [account] = await db.query<Record<string, unknown>>('SELECT * FROM account WHERE id = ?', [who.accountId]);
    expect(account).toMatchObject({ status: 'deleted', phone_enc: null, phone_hash: null, phone_masked: null });
    expect(Number(account!.deleted_at)).toBe(t.clock.now());
    expect(await db.query('SELECT id FROM account_identity WHERE account_id = ?', [who.accountId])).toEqual([]);
    expect(
      await db.query('SELECT id FROM sms_code WHERE phone_hash = ?', [t.services.identity.pii.index('phone', phone)]),
    ).toEqual([]);
    const patients = await db.query<Record<string, unknown>>('SELECT * FROM patient WHERE account_id = ?', [
      who.accountId,
    ]);
    expect(patients).toHaveLength(2);
    const pii = t.services.identity.pii;
    for (const p of patients) {
      expect(p).toMatchObject({ name: '已注销', id_masked: '', phone_masked: '', phone_hash: null, birth_date: '' });
      expect(p.live).toBeNull();
      expect(pii.decrypt('id-number', String(p.id_enc))).toBe('');
      expect(pii.decrypt('phone', String(p.phone_enc))).toBe('');
      expect(p.id_hash).not.toBe(pii.index('id-number', card.idNumber));
    }
    const everything = JSON.stringify(patients) + JSON.stringify(account);
    for (const secret of [card.idNumber, card.phone, phone, '王秀英', '王小明', '2021-03-04']) {
      expect(everything).not.toContain(secret);
    }
    // the booking stays, for the period the law asks, with ids only
    const [kept] = await db.query<Record<string, unknown>>('SELECT * FROM booking_order WHERE id = ?', [order.body.id]);
    expect(kept).toMatchObject({ account_id: who.accountId, patient_id: child.id, status: 'cancelled' });
    expect(JSON.stringify(kept)).not.toContain(phone);
    const [audit] = await db.query<{ detail: string }>(
      "SELECT detail FROM audit_event WHERE action = 'account.delete' AND target_id = ?",
      [who.accountId],
    );
    expect(JSON.parse(audit!.detail)).toEqual({ patients: 2 });

    // the old token books nothing: the account's patients are gone
    const booking = await t.http
      .post('/api/v1/orders')
      .set(auth(who.token))
      .set('Idempotency-Key', idemKey())
      .send({ scheduleId: session.id, patientId: child.id });
    expect([booking.status, booking.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const [after] = await db.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM booking_order WHERE account_id = ?', [
      who.accountId,
    ]);
    expect(Number(after!.n)).toBe(1);

    for (const r of [
      await t.http.get('/api/v1/me').set(auth(who.token)),
      await t.http.get('/api/v1/patients').set(auth(who.token)),
      await t.http.get('/api/v1/orders').set(auth(who.token)),
    ]) {
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('UNAUTHENTICATED');
    }

    const again = await register(phone);
    expect(again.accountId).not.toBe(who.accountId);
    const me = await t.http.get('/api/v1/me').set(auth(again.token)).expect(200);
    expect(me.body).toMatchObject({ phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`, platforms: [] });
    expect((await t.http.get('/api/v1/patients').set(auth(again.token)).expect(200)).body.items).toEqual([]);
    // the WeChat identity was unbound: it now logs in to an account of its own
    const wechat = await t.http
      .post('/api/v1/auth/login')
      .send({ platform: 'weapp', code: `sandbox:deleting-${kind}` })
      .expect(200);
    expect([who.accountId, again.accountId]).not.toContain(wechat.body.account.id);
  });

  it('needs a phone to send the code to', async () => {
    const r = await t.http.post('/api/v1/auth/login').send({ platform: 'weapp', code: 'sandbox:no-phone' }).expect(200);
    const refused = await t.http.post('/api/v1/me/deletion/code').set(auth(r.body.token)).expect(403);
    expect(refused.body.error.message).toContain('绑定手机号');
  });
});
