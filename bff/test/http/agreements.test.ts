import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { auth, latestSmsCode, makePhone } from '../support/identity.js';

describe.each(databaseKinds())('用户协议 and 隐私政策, versioned, on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { RATE_SMS_PER_IP_HOUR: '1000' } });
  });
  afterAll(async () => t.close());

  const FIRST = { terms: '2026-12', privacy: '2026-12' };
  const smsLogin = async (phone: string, agreements?: object, status = 200) => {
    t.clock.advance(61_000);
    await t.http.post('/api/v1/auth/sms/send').send({ phone }).expect(200);
    return t.http
      .post('/api/v1/auth/sms/login')
      .send({ phone, code: await latestSmsCode(t, phone), ...(agreements ? { agreements } : {}) })
      .expect(status);
  };
  const acceptances = (accountId: string) =>
    t.services.db.query<{ kind: string; version: string; accepted_at: number | string }>(
      'SELECT kind, version, accepted_at FROM agreement_acceptance WHERE account_id = ? ORDER BY accepted_at, kind',
      [accountId],
    );

  it('serves the versions in force with their texts, readable without logging in', async () => {
    const r = await t.http.get('/api/v1/agreements').expect(200);
    expect(r.body.items.map((a: { kind: string; version: string }) => [a.kind, a.version])).toEqual([
      ['terms', '2026-12'],
      ['privacy', '2026-12'],
    ]);
    expect(r.body.items[1]).toMatchObject({
      title: '预约挂号统一平台隐私政策',
      body: expect.stringContaining('证件号码'),
    });
  });

  it('records the accepted versions and time at registration; an account that accepted nothing is asked', async () => {
    const phone = makePhone();
    const first = await smsLogin(phone, FIRST);
    expect(first.body.account.pendingAgreements).toEqual([]);
    const rows = await acceptances(first.body.account.id);
    expect(rows.map((r) => [r.kind, r.version, Number(r.accepted_at)])).toEqual([
      ['privacy', '2026-12', t.clock.now()],
      ['terms', '2026-12', t.clock.now()],
    ]);
    const silent = await smsLogin(makePhone());
    expect(silent.body.account.pendingAgreements).toEqual(['terms', 'privacy']);
  });

  it('asks again after a new version is published, and refuses an acceptance of the old one', async () => {
    const phone = makePhone();
    const login = await smsLogin(phone, FIRST);
    const token = login.body.token as string;
    t.clock.advance(1000);
    await t.services.identity.agreements.publish({
      kind: 'privacy',
      version: '2027-01',
      title: '预约挂号统一平台隐私政策',
      body: '新版隐私政策正文',
    });
    const me = await t.http.get('/api/v1/me').set(auth(token)).expect(200);
    expect(me.body.pendingAgreements).toEqual(['privacy']);
    // the old version read again is not the new one: the login is refused and nothing is recorded
    const stale = await smsLogin(phone, FIRST, 409);
    expect(stale.body.error).toEqual({
      code: 'AGREEMENT_VERSION_OUTDATED',
      message: '协议已更新，请阅读并同意最新版本',
    });
    const refused = await t.http.post('/api/v1/me/agreements').set(auth(token)).send(FIRST).expect(409);
    expect(refused.body.error.code).toBe('AGREEMENT_VERSION_OUTDATED');
    expect(await acceptances(login.body.account.id)).toHaveLength(2);

    const accepted = await t.http
      .post('/api/v1/me/agreements')
      .set(auth(token))
      .send({ terms: '2026-12', privacy: '2027-01' })
      .expect(200);
    expect(accepted.body.pendingAgreements).toEqual([]);
    const rows = await acceptances(login.body.account.id);
    expect(rows.map((r) => [r.kind, r.version])).toEqual([
      ['privacy', '2026-12'],
      ['terms', '2026-12'],
      ['privacy', '2027-01'],
    ]);
    const [audit] = await t.services.db.query<{ detail: string }>(
      "SELECT detail FROM audit_event WHERE action = 'account.agreements' AND actor_id = ?",
      [login.body.account.id],
    );
    expect(JSON.parse(audit!.detail)).toEqual({ terms: '2026-12', privacy: '2027-01' });
    expect((await t.http.get('/api/v1/agreements').expect(200)).body.items[1].version).toBe('2027-01');
  });

  it('does not yet ask for a version published for later', async () => {
    const login = await smsLogin(makePhone(), { terms: '2026-12', privacy: '2027-01' });
    await t.services.identity.agreements.publish({
      kind: 'terms',
      version: '2027-06',
      title: '预约挂号统一平台用户协议',
      body: '将于稍后生效的用户协议',
      publishedAt: t.clock.now() + 3_600_000,
    });
    expect((await t.http.get('/api/v1/me').set(auth(login.body.token)).expect(200)).body.pendingAgreements).toEqual([]);
    t.clock.advance(3_600_000);
    expect((await t.http.get('/api/v1/me').set(auth(login.body.token)).expect(200)).body.pendingAgreements).toEqual([
      'terms',
    ]);
  });

  it('records the agreements ticked at a platform login too', async () => {
    const r = await t.http
      .post('/api/v1/auth/login')
      .send({ platform: 'alipay', code: 'sandbox:agreements', agreements: { terms: '2027-06', privacy: '2027-01' } })
      .expect(200);
    expect(r.body.account.pendingAgreements).toEqual([]);
    expect(await acceptances(r.body.account.id)).toHaveLength(2);
  });
});
