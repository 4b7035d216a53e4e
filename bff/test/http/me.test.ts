import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { auth, latestSmsCode, loginAs, makePhone } from '../support/identity.js';

describe.each(databaseKinds())('account API (me, phone change, bindings) on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { RATE_SMS_PER_IP_HOUR: '1000' } });
  });
  afterAll(async () => t.close());

  const codeFor = async (phone: string, purpose: 'login' | 'change-phone') => {
    t.clock.advance(61_000);
    await t.http.post('/api/v1/auth/sms/send').send({ phone, purpose }).expect(200);
    return latestSmsCode(t, phone);
  };
  const smsAccount = async (phone: string) => {
    const r = await t.http
      .post('/api/v1/auth/sms/login')
      .send({ phone, code: await codeFor(phone, 'login') })
      .expect(200);
    return { token: r.body.token as string, accountId: r.body.account.id as string };
  };
  const patchMe = (token: string, body: unknown) =>
    t.http
      .patch('/api/v1/me')
      .set(auth(token))
      .send(body as object);

  it('shows and renames the account', async () => {
    const a = await loginAs(t, 'renamer');
    const me = await t.http.get('/api/v1/me').set(auth(a.token)).expect(200);
    expect(me.body).toMatchObject({ id: a.accountId, nickname: '微信用户', phoneMasked: null, platforms: ['weapp'] });
    const r = await patchMe(a.token, { nickname: '  小王  ' }).expect(200);
    expect(r.body.nickname).toBe('小王');
    expect((await patchMe(a.token, {}).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await patchMe(a.token, { nickname: 'x'.repeat(21) }).expect(400)).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await t.http.patch('/api/v1/me').send({ nickname: 'a' }).expect(401)).body.error.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('changes the phone with an SMS code sent to the new number', async () => {
    const a = await loginAs(t, 'mover');
    const phone = makePhone();
    const wrongPurpose = await codeFor(phone, 'login');
    expect((await patchMe(a.token, { phone: { phone, code: wrongPurpose } }).expect(400)).body.error.code).toBe(
      'SMS_CODE_INVALID',
    );
    const code = await codeFor(phone, 'change-phone');
    const r = await patchMe(a.token, { phone: { phone, code } }).expect(200);
    expect(r.body.phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    // the new phone now logs in to the same account
    expect((await smsAccount(phone)).accountId).toBe(a.accountId);
    const [event] = await t.services.db.query<{ detail: string | null }>(
      "SELECT detail FROM audit_event WHERE actor_id = ? AND action = 'account.phone-change'",
      [a.accountId],
    );
    expect(event).toBeDefined();
    expect(String(event!.detail)).not.toContain(phone);
  });

  it('refuses a phone that another account uses (PHONE_IN_USE)', async () => {
    const phone = makePhone();
    const owner = await smsAccount(phone);
    const a = await loginAs(t, 'thief');
    const r = await patchMe(a.token, { phone: { phone, code: await codeFor(phone, 'change-phone') } }).expect(409);
    expect(r.body.error.code).toBe('PHONE_IN_USE');
    const me = await t.http.get('/api/v1/me').set(auth(a.token)).expect(200);
    expect(me.body.phoneMasked).toBeNull();
    expect(owner.accountId).not.toBe(a.accountId);
  });

  it('binds a further platform identity (绑定微信), after which either login reaches the account', async () => {
    const phone = makePhone();
    const a = await smsAccount(phone);
    const bound = await t.http
      .post('/api/v1/me/bindings')
      .set(auth(a.token))
      .send({ platform: 'weapp', code: 'sandbox:binder' })
      .expect(200);
    expect(bound.body.platforms).toEqual(['weapp']);
    const both = await t.http
      .post('/api/v1/me/bindings')
      .set(auth(a.token))
      .send({ platform: 'alipay', code: 'sandbox:binder' })
      .expect(200);
    expect(both.body.platforms).toEqual(['weapp', 'alipay']);
    expect((await loginAs(t, 'binder', 'weapp')).accountId).toBe(a.accountId);
    expect((await loginAs(t, 'binder', 'alipay')).accountId).toBe(a.accountId);
    // binding the same identity again changes nothing
    await t.http
      .post('/api/v1/me/bindings')
      .set(auth(a.token))
      .send({ platform: 'weapp', code: 'sandbox:binder' })
      .expect(200);
    const [event] = await t.services.db.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM audit_event WHERE actor_id = ? AND action = 'account.bind'",
      [a.accountId],
    );
    expect(Number(event!.n)).toBe(2);
  });

  it('refuses an identity bound to another account, and a second identity of one platform', async () => {
    const other = await loginAs(t, 'taken', 'swan');
    const a = await loginAs(t, 'grabber', 'weapp');
    const r = await t.http
      .post('/api/v1/me/bindings')
      .set(auth(a.token))
      .send({ platform: 'swan', code: 'sandbox:taken' })
      .expect(409);
    expect(r.body.error.code).toBe('IDENTITY_ALREADY_BOUND');
    const second = await t.http
      .post('/api/v1/me/bindings')
      .set(auth(a.token))
      .send({ platform: 'weapp', code: 'sandbox:grabber-2' })
      .expect(409);
    expect(second.body.error).toEqual({ code: 'IDENTITY_ALREADY_BOUND', message: expect.stringMatching(/微信/) });
    expect((await loginAs(t, 'taken', 'swan')).accountId).toBe(other.accountId);
    const bad = await t.http
      .post('/api/v1/me/bindings')
      .set(auth(a.token))
      .send({ platform: 'alipay', code: 'bogus' })
      .expect(401);
    expect(bad.body.error.code).toBe('LOGIN_CODE_INVALID');
    expect(
      (await t.http.post('/api/v1/me/bindings').set(auth(a.token)).send({ platform: 'qq', code: 'x' }).expect(400)).body
        .error.code,
    ).toBe('VALIDATION_FAILED');
  });

  it('lets only one of two racing accounts bind the same identity', async () => {
    const a = await loginAs(t, 'racer-a', 'swan');
    const b = await loginAs(t, 'racer-b', 'swan');
    const results = await Promise.all(
      [a, b].map((x) =>
        t.http.post('/api/v1/me/bindings').set(auth(x.token)).send({ platform: 'weapp', code: 'sandbox:contested' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });
});
