import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { auth, latestSmsCode, makePhone } from '../support/identity.js';

describe.each(databaseKinds())('SMS login on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { RATE_SMS_PER_IP_HOUR: '1000' } });
  });
  afterAll(async () => t.close());

  const send = (phone: unknown, purpose?: string) =>
    t.http.post('/api/v1/auth/sms/send').send({ phone, ...(purpose ? { purpose } : {}) });
  const smsLogin = (phone: string, code: string) => t.http.post('/api/v1/auth/sms/login').send({ phone, code });
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('registers with phone + SMS code, then logs the same account in again', async () => {
    const phone = makePhone();
    const sent = await send(phone).expect(200);
    expect(sent.body).toEqual({ sent: true, resendAfterSeconds: 60, expiresInSeconds: 300 });
    const outbox = await t.http.get(`/sandbox/sms/outbox?phone=${phone}`).expect(200);
    expect(outbox.body.items[0]).toMatchObject({
      phone,
      content: expect.stringContaining(outbox.body.items[0].templateParam.code),
    });
    const first = await smsLogin(phone, await latestSmsCode(t, phone)).expect(200);
    expect(first.body.account).toMatchObject({
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      platforms: [],
    });
    await t.http.get('/api/v1/me').set(auth(first.body.token)).expect(200);

    t.clock.advance(61_000);
    await send(phone).expect(200);
    const second = await smsLogin(phone, await latestSmsCode(t, phone)).expect(200);
    expect(second.body.account.id).toBe(first.body.account.id);
    const events = await t.services.db.query<{ action: string; detail: string }>(
      'SELECT action, detail FROM audit_event WHERE actor_id = ? ORDER BY at',
      [first.body.account.id],
    );
    expect(events.map((e) => e.action)).toEqual(['account.register', 'account.login']);
    expect(events.every((e) => !e.detail.includes(phone))).toBe(true);
  });

  it('stores the phone encrypted and the code only as a hash', async () => {
    const phone = makePhone();
    await send(phone).expect(200);
    const code = await latestSmsCode(t, phone);
    const codes = await t.services.db.query<Record<string, unknown>>('SELECT * FROM sms_code');
    expect(JSON.stringify(codes)).not.toContain(phone);
    expect(codes.some((r) => r.code_hash === code)).toBe(false);
    const r = await smsLogin(phone, code).expect(200);
    const [row] = await t.services.db.query<Record<string, unknown>>('SELECT * FROM account WHERE id = ?', [
      r.body.account.id,
    ]);
    expect(JSON.stringify(row)).not.toContain(phone);
    expect(t.services.identity.pii.decrypt('phone', String(row!.phone_enc))).toBe(phone);
  });

  it('refuses a resend within 60 seconds and invalidates the older code', async () => {
    const phone = makePhone();
    await send(phone).expect(200);
    const old = await latestSmsCode(t, phone);
    t.clock.advance(30_000);
    const soon = await send(phone).expect(429);
    expect(soon.body.error).toMatchObject({ code: 'SMS_TOO_FREQUENT', message: expect.stringMatching(/30 秒/) });
    t.clock.advance(31_000);
    await send(phone).expect(200);
    const fresh = await latestSmsCode(t, phone);
    if (fresh !== old) expect((await smsLogin(phone, old).expect(400)).body.error.code).toBe('SMS_CODE_INVALID');
    await smsLogin(phone, fresh).expect(200);
  });

  it('accepts a code once, and not after 5 minutes', async () => {
    const phone = makePhone();
    await send(phone).expect(200);
    const code = await latestSmsCode(t, phone);
    await smsLogin(phone, code).expect(200);
    expect((await smsLogin(phone, code).expect(400)).body.error.code).toBe('SMS_CODE_INVALID');

    t.clock.advance(61_000);
    await send(phone).expect(200);
    const late = await latestSmsCode(t, phone);
    t.clock.advance(5 * 60_000 + 1);
    expect((await smsLogin(phone, late).expect(400)).body.error.code).toBe('SMS_CODE_INVALID');
  });

  it('locks a code after 5 wrong attempts, even for the right code', async () => {
    const phone = makePhone();
    await send(phone).expect(200);
    const code = await latestSmsCode(t, phone);
    for (let i = 0; i < 5; i++) {
      const r = await smsLogin(phone, wrong(code)).expect(400);
      expect(r.body.error.code).toBe('SMS_CODE_INVALID');
    }
    const locked = await smsLogin(phone, code).expect(400);
    expect(locked.body.error).toEqual({ code: 'SMS_CODE_INVALID', message: expect.stringMatching(/次数过多/) });
    const [row] = await t.services.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM account WHERE phone_masked = ?', [
      `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    ]);
    expect(Number(row!.n)).toBe(0);
  });

  it('limits codes per phone per hour', async () => {
    const phone = makePhone();
    for (let i = 0; i < 5; i++) {
      await send(phone).expect(200);
      t.clock.advance(61_000);
    }
    const r = await send(phone).expect(429);
    expect(r.body.error).toMatchObject({ code: 'SMS_TOO_FREQUENT', message: expect.stringMatching(/该手机号/) });
  });

  it('answers malformed requests with clean 4xx errors', async () => {
    for (const phone of ['1381234567', '23812345678', '138123456789', 13812345678, "13812345678' OR '1'='1", null]) {
      expect((await send(phone).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await send(makePhone(), 'reset-password').expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await smsLogin(makePhone(), '12345').expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await smsLogin(makePhone(), 'abcdef').expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await smsLogin(makePhone(), '123456').expect(400)).body.error.code).toBe('SMS_CODE_INVALID');
    expect((await t.http.get('/sandbox/sms/outbox?phone=abc').expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    const huge = await t.http
      .post('/api/v1/auth/sms/send')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ phone: '1'.repeat(100_000) }))
      .expect(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('lists the outbox newest first', async () => {
    const phone = makePhone();
    await send(phone).expect(200);
    t.clock.advance(61_000);
    await send(phone).expect(200);
    const r = await t.http.get(`/sandbox/sms/outbox?phone=${phone}`).expect(200);
    expect(r.body.items).toHaveLength(2);
    expect(Date.parse(r.body.items[0].sentAt)).toBeGreaterThan(Date.parse(r.body.items[1].sentAt));
  });
});

describe.each(databaseKinds())('SMS throttling per IP on %s', (kind) => {
  const redis = process.env.REDIS_URL;
  it.each(redis ? ['memory', 'redis'] : ['memory'])(
    'refuses the 4th code from one IP within the hour (%s counters)',
    async (store) => {
      const env: Record<string, string> = { RATE_SMS_PER_IP_HOUR: '3' };
      if (store === 'redis')
        Object.assign(env, { REDIS_URL: redis!, RATE_LIMIT_PREFIX: `test-${process.pid}-${Date.now()}` });
      const t = await startTestApp(kind, { env });
      try {
        for (let i = 0; i < 3; i++) await t.http.post('/api/v1/auth/sms/send').send({ phone: makePhone() }).expect(200);
        const r = await t.http.post('/api/v1/auth/sms/send').send({ phone: makePhone() }).expect(429);
        expect(r.body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/请 .+后再试/) });
      } finally {
        await t.close();
      }
    },
  );
});

describe.each(databaseKinds())('SMS gateway down, on %s', (kind) => {
  it('answers SMS_UNAVAILABLE and does not hold the 60-second resend gap against the user', async () => {
    const t = await startTestApp(kind, { env: { SMS_ENDPOINT: 'http://127.0.0.1:1/aliyun-sms' } });
    try {
      const phone = makePhone();
      expect((await t.http.post('/api/v1/auth/sms/send').send({ phone }).expect(503)).body.error.code).toBe(
        'SMS_UNAVAILABLE',
      );
      expect((await t.http.post('/api/v1/auth/sms/send').send({ phone }).expect(503)).body.error.code).toBe(
        'SMS_UNAVAILABLE',
      );
      const [row] = await t.services.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM sms_code');
      expect(Number(row!.n)).toBe(0);
    } finally {
      await t.close();
    }
  });
});
