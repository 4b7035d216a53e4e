import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Platform } from '@cityhealth/shared-types';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { auth } from '../support/identity.js';

const PLATFORMS: Platform[] = ['weapp', 'alipay', 'swan'];

/** A man in the middle between the BFF and the Alipay emulator that rewrites the user id in transit. */
async function tamperingProxy(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const upstream = await fetch(new URL(req.url!, target), {
      method: req.method,
      headers: { 'content-type': String(req.headers['content-type'] ?? '') },
      body: Buffer.concat(chunks),
    });
    const text = (await upstream.text()).replace(/"open_id":"[^"]+"/, '"open_id":"0someone-else-entirely"');
    res.writeHead(upstream.status, { 'content-type': 'application/json' });
    res.end(text);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe.each(databaseKinds())('login API on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t.close());

  const login = (platform: string, code: unknown) => t.http.post('/api/v1/auth/login').send({ platform, code });
  const issueCode = async (platform: Platform, name: string): Promise<string> => {
    const r = await fetch(`${t.sandbox!.url}/sandbox/login-codes`, {
      method: 'POST',
      body: JSON.stringify({ platform, name }),
    });
    return ((await r.json()) as { code: string }).code;
  };

  it.each(PLATFORMS)(
    'registers and logs in again through the %s protocol, one stable account per user',
    async (platform) => {
      const first = await login(platform, 'sandbox:lihua').expect(200);
      expect(first.body).toMatchObject({
        token: expect.any(String),
        expiresAt: expect.any(String),
        account: { platforms: [platform], phoneMasked: null },
      });
      const again = await login(platform, 'sandbox:lihua').expect(200);
      expect(again.body.account.id).toBe(first.body.account.id);
      const other = await login(platform, 'sandbox:wangwu').expect(200);
      expect(other.body.account.id).not.toBe(first.body.account.id);
      const me = await t.http.get('/api/v1/me').set(auth(first.body.token)).expect(200);
      expect(me.body.id).toBe(first.body.account.id);
      const [row] = await t.services.db.query<{ n: number }>(
        'SELECT COUNT(*) AS n FROM account_identity WHERE platform = ?',
        [platform],
      );
      expect(Number(row!.n)).toBe(2);
    },
  );

  it('keeps the same name on different platforms as different users until bound', async () => {
    const ids = new Set<string>();
    for (const p of PLATFORMS) ids.add((await login(p, 'sandbox:zhaoliu').expect(200)).body.account.id);
    expect(ids.size).toBe(3);
  });

  it.each(PLATFORMS)('accepts an issued %s code once and refuses it the second time', async (platform) => {
    const code = await issueCode(platform, 'once');
    await login(platform, code).expect(200);
    const again = await login(platform, code).expect(401);
    expect(again.body.error.code).toBe('LOGIN_CODE_INVALID');
  });

  it.each(PLATFORMS)('answers an unknown %s code with LOGIN_CODE_INVALID', async (platform) => {
    const r = await login(platform, 'not-a-real-code').expect(401);
    expect(r.body.error).toEqual({ code: 'LOGIN_CODE_INVALID', message: expect.stringMatching(/登录/) });
  });

  it('answers malformed login requests with clean 4xx errors', async () => {
    expect((await login('douyin', 'sandbox:x').expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await login('weapp', '').expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await login('weapp', 'x'.repeat(300)).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await login('weapp', 42).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    const bad = await t.http
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"platform":')
      .expect(400);
    expect(bad.body.error.code).toBe('INVALID_JSON');
    expect((await login('weapp', "sandbox:' OR 1=1 --").expect(401)).body.error.code).toBe('LOGIN_CODE_INVALID');
  });

  it('refuses requests without a valid token', async () => {
    expect((await t.http.get('/api/v1/me').expect(401)).body.error.code).toBe('UNAUTHENTICATED');
    expect((await t.http.get('/api/v1/me').set(auth('abc.def.ghi')).expect(401)).body.error.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('records logins in the audit trail without personal data', async () => {
    const r = await login('weapp', 'sandbox:audited').expect(200);
    const events = await t.services.db.query<{ action: string; detail: string }>(
      'SELECT action, detail FROM audit_event WHERE actor_id = ? ORDER BY at',
      [r.body.account.id],
    );
    expect(events.map((e) => e.action)).toEqual(['account.register']);
    expect(events[0]!.detail).toBe('{"method":"weapp"}');
  });

  describe('with a BFF that does not match the platforms', () => {
    let wrong: TestApp;
    let proxy: { url: string; close(): Promise<void> };
    beforeAll(async () => {
      proxy = await tamperingProxy(t.sandbox!.url);
      wrong = await startTestApp(kind, {
        env: {
          // the same sandbox secrets as `t`, but a foreign appid / client id, and Alipay answers tampered in transit
          DATA_DIR: t.config.env.DATA_DIR,
          WECHAT_APPID: 'wx0000000000wrong',
          WECHAT_API_BASE: `${t.sandbox!.url}/wechat`,
          BAIDU_CLIENT_ID: 'wrong-client',
          BAIDU_API_BASE: `${t.sandbox!.url}/baidu`,
          ALIPAY_GATEWAY: `${proxy.url}/alipay/gateway.do`,
        },
      });
    });
    afterAll(async () => {
      await wrong.close();
      await proxy.close();
    });

    it.each(PLATFORMS)('answers %s with LOGIN_PROVIDER_UNAVAILABLE, never a login', async (platform) => {
      const r = await wrong.http.post('/api/v1/auth/login').send({ platform, code: 'sandbox:mallory' }).expect(503);
      expect(r.body.error.code).toBe('LOGIN_PROVIDER_UNAVAILABLE');
      const [row] = await wrong.services.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM account');
      expect(Number(row!.n)).toBe(0);
    });
  });

  it('throttles login attempts per IP', async () => {
    const strict = await startTestApp(kind, { env: { RATE_LOGIN_PER_IP_MINUTE: '3' } });
    try {
      for (let i = 0; i < 3; i++)
        await strict.http
          .post('/api/v1/auth/login')
          .send({ platform: 'weapp', code: `sandbox:u${i}` })
          .expect(200);
      const r = await strict.http
        .post('/api/v1/auth/login')
        .send({ platform: 'weapp', code: 'sandbox:u9' })
        .expect(429);
      expect(r.body.error).toMatchObject({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/频繁/),
        details: { retryAfterSeconds: expect.any(Number) },
      });
    } finally {
      await strict.close();
    }
  });

  it("passes the platform's own throttling on as RATE_LIMITED (WeChat 45011)", async () => {
    const busy = await startTestApp(kind, { sandbox: { wechatQuotaPerMinute: 1 } });
    try {
      await busy.http.post('/api/v1/auth/login').send({ platform: 'weapp', code: 'sandbox:a' }).expect(200);
      const r = await busy.http.post('/api/v1/auth/login').send({ platform: 'weapp', code: 'sandbox:b' }).expect(429);
      expect(r.body.error.code).toBe('RATE_LIMITED');
    } finally {
      await busy.close();
    }
  });

  it('renews a valid session token and refuses an expired one with TOKEN_EXPIRED', async () => {
    const first = (await login('weapp', 'sandbox:renewer').expect(200)).body;
    t.clock.advance(60 * 60_000);
    const renewed = await t.http.post('/api/v1/auth/refresh').set(auth(first.token)).expect(200);
    expect(renewed.body.account.id).toBe(first.account.id);
    expect(Date.parse(renewed.body.expiresAt)).toBe(Date.parse(first.expiresAt) + 60 * 60_000);
    await t.http.get('/api/v1/me').set(auth(renewed.body.token)).expect(200);

    t.clock.advance(8 * 24 * 60 * 60_000);
    const expired = await t.http.post('/api/v1/auth/refresh').set(auth(renewed.body.token)).expect(401);
    expect(expired.body.error.code).toBe('TOKEN_EXPIRED');
    await t.http.post('/api/v1/auth/refresh').expect(401);
  });
});
