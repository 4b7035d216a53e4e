import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { currentTotp } from '../../src/console/totp.js';
import { auth, loginAs, patientBody } from '../support/identity.js';
import { createStaffLogin, signIn, staffHttp, staffSession, type StaffHeaders } from '../support/staff.js';

const STEP_MS = 30_000;

/** Console sign-in (等保三级): password + TOTP, lock-out, server-side sessions, idle timeout, CSRF, audit. */
describe.each(databaseKinds())('staff sign-in on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t.close());

  const login = (body: Record<string, unknown>) => staffHttp(t).post('/api/v1/console/session').send(body);
  const audit = async (action: string, targetId?: string) =>
    t.services.db.query<{ actor_id: string | null; target_id: string | null; detail: string | null }>(
      `SELECT actor_id, target_id, detail FROM audit_event WHERE action = ?${targetId ? ' AND target_id = ?' : ''}
        ORDER BY at`,
      targetId ? [action, targetId] : [action],
    );
  const nextStep = () => t.clock.advance(STEP_MS);

  it('signs in with password and TOTP: an HttpOnly SameSite=Strict cookie for the console API only', async () => {
    const who = await createStaffLogin(t, 'admin', { name: '王主任' });
    const r = await login({ username: who.username, password: who.password, totp: who.totp() }).expect(200);
    const cookie = [r.headers['set-cookie']].flat()[0] as string;
    expect(cookie).toMatch(/^staff_session=[A-Za-z0-9_-]{43}; Path=\/api\/v1\/console; HttpOnly; SameSite=Strict$/);
    expect(r.body).toMatchObject({
      staff: { id: who.id, username: who.username, name: '王主任', role: 'admin', roleLabel: '卫健委管理员' },
      idleTimeoutSeconds: 1800,
    });
    expect(r.body.staff.mustChangePassword).toBe(false);
    expect(typeof r.body.csrfToken).toBe('string');
    const session = await staffHttp(t).get('/api/v1/console/session').set('Cookie', cookie.split(';')[0]!).expect(200);
    expect(session.body.csrfToken).toBe(r.body.csrfToken);
    // Only the cookie's hash is stored.
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const rows = await t.services.db.query<{ token_hash: string }>('SELECT token_hash FROM staff_session');
    expect(rows.some((x) => x.token_hash.includes(token))).toBe(false);
    expect((await audit('staff.login')).map((a) => a.actor_id)).toContain(who.id);
    // The user name is not case-sensitive.
    nextStep();
    await login({ username: who.username.toUpperCase(), password: who.password, totp: who.totp() }).expect(200);
  });

  it('refuses a wrong password, a wrong or replayed TOTP code and an unknown name alike, each audited', async () => {
    const who = await createStaffLogin(t, 'auditor');
    nextStep();
    const attempts = [
      { username: who.username, password: 'wrong-password-1', totp: who.totp() },
      { username: who.username, password: who.password, totp: String((Number(who.totp()) + 1) % 1e6).padStart(6, '0') },
      { username: 'nobody-here', password: who.password, totp: who.totp() },
    ];
    for (const body of attempts) {
      const r = await login(body).expect(401);
      expect(r.body.error).toMatchObject({ code: 'STAFF_LOGIN_FAILED', message: '用户名、密码或动态口令错误' });
      expect(r.headers['set-cookie']).toBeUndefined();
    }
    await login({ username: who.username, password: who.password, totp: who.totp() }).expect(200);
    // The same code again, within its step: a code is good for one login only.
    const replay = await login({ username: who.username, password: who.password, totp: who.totp() }).expect(401);
    expect(replay.body.error.code).toBe('STAFF_LOGIN_FAILED');
    const reasons = (await audit('staff.login.failed')).map((a) => JSON.parse(a.detail ?? '{}').reason);
    expect(reasons).toEqual(expect.arrayContaining(['password', 'totp', 'unknown-user', 'totp-replayed']));
    // Never the password in the trail.
    const all = await t.services.db.query<{ detail: string | null }>('SELECT detail FROM audit_event');
    expect(all.some((a) => a.detail?.includes('wrong-password-1'))).toBe(false);
  });

  it('locks an account after five failures in a row, even against the right password, for a while', async () => {
    const who = await createStaffLogin(t, 'agent');
    nextStep();
    for (let i = 0; i < 4; i++)
      await login({ username: who.username, password: `wrong-${i}-password`, totp: who.totp() }).expect(401);
    const fifth = await login({ username: who.username, password: 'wrong-5-password', totp: who.totp() }).expect(423);
    expect(fifth.body.error.code).toBe('STAFF_LOCKED');
    expect(fifth.body.error.message).toMatch(/请 15 分钟后再试/);
    const right = await login({ username: who.username, password: who.password, totp: who.totp() }).expect(423);
    expect(right.body.error.code).toBe('STAFF_LOCKED');
    expect(await audit('staff.lockout', who.id)).toHaveLength(1);
    t.clock.advance(15 * 60_000);
    await login({ username: who.username, password: who.password, totp: who.totp() }).expect(200);
  });

  it('asks for a CSRF token with every change a session makes', async () => {
    const admin = await staffSession(t, 'admin');
    const body = { username: `csrf${Date.now()}`, name: '新同事', role: 'auditor' };
    const none = await staffHttp(t).post('/api/v1/console/staff').set('Cookie', admin.Cookie).send(body).expect(403);
    expect(none.body.error.code).toBe('STAFF_CSRF_REJECTED');
    const wrong = await staffHttp(t)
      .post('/api/v1/console/staff')
      .set({ Cookie: admin.Cookie, 'X-CSRF-Token': 'x'.repeat(43) })
      .send(body)
      .expect(403);
    expect(wrong.body.error.code).toBe('STAFF_CSRF_REJECTED');
    // Another session's token is no good either.
    nextStep();
    const other = await staffSession(t, 'admin');
    await staffHttp(t)
      .post('/api/v1/console/staff')
      .set({ Cookie: admin.Cookie, 'X-CSRF-Token': other['X-CSRF-Token'] })
      .send(body)
      .expect(403);
    await staffHttp(t).post('/api/v1/console/staff').set(headersOf(admin)).send(body).expect(201);
  });

  it('ends a session after 30 idle minutes or 12 hours, whatever comes first', async () => {
    const who = await staffSession(t, 'auditor');
    t.clock.advance(29 * 60_000);
    await staffHttp(t).get('/api/v1/console/session').set('Cookie', who.Cookie).expect(200);
    t.clock.advance(29 * 60_000);
    await staffHttp(t).get('/api/v1/console/session').set('Cookie', who.Cookie).expect(200);
    t.clock.advance(31 * 60_000);
    const idle = await staffHttp(t).get('/api/v1/console/session').set('Cookie', who.Cookie).expect(401);
    expect(idle.body.error).toMatchObject({
      code: 'STAFF_SESSION_EXPIRED',
      message: '长时间未操作，登录已失效，请重新登录',
    });
    // Once ended it stays ended.
    const after = await staffHttp(t).get('/api/v1/console/session').set('Cookie', who.Cookie).expect(401);
    expect(after.body.error.code).toBe('STAFF_UNAUTHENTICATED');

    nextStep();
    const busy = await signIn(t, who.login);
    for (let h = 0; h < 30; h++) {
      t.clock.advance(29 * 60_000);
      const r = await staffHttp(t).get('/api/v1/console/session').set('Cookie', busy.Cookie);
      if (r.status !== 200) {
        expect(r.body.error.code).toBe('STAFF_SESSION_EXPIRED');
        expect(h * 29).toBeGreaterThanOrEqual(11 * 60);
        return;
      }
    }
    throw new Error('the session outlived its 12 hours');
  });

  it('logs out on the server: the cookie is cleared and no longer opens anything', async () => {
    const who = await staffSession(t, 'admin');
    const out = await staffHttp(t).delete('/api/v1/console/session').set(headersOf(who)).expect(200);
    expect([out.headers['set-cookie']].flat()[0]).toMatch(/^staff_session=; Path=\/api\/v1\/console; Max-Age=0/);
    const r = await staffHttp(t).get('/api/v1/console/staff').set('Cookie', who.Cookie).expect(401);
    expect(r.body.error.code).toBe('STAFF_UNAUTHENTICATED');
    expect((await audit('staff.logout')).map((a) => a.actor_id)).toContain(who.login.id);
  });

  it('makes an account with a first password and TOTP shown once, to be changed before anything else', async () => {
    const admin = await staffSession(t, 'admin');
    const made = await staffHttp(t)
      .post('/api/v1/console/staff')
      .set(headersOf(admin))
      .send({ username: `NewClerk${Date.now()}`, name: '赵会计', role: 'auditor' })
      .expect(201);
    const { initialPassword, totp, staff } = made.body;
    expect(staff).toMatchObject({ kind: 'login', role: 'auditor', roleLabel: '卫健委审计员', hospital: null });
    expect(totp.uri).toMatch(/^otpauth:\/\/totp\/.+secret=[A-Z2-7]+/);
    const listed = await staffHttp(t)
      .get('/api/v1/console/staff')
      .set(admin.Cookie ? { Cookie: admin.Cookie } : {});
    expect(JSON.stringify(listed.body)).not.toContain(initialPassword);
    expect(JSON.stringify(listed.body)).not.toContain(totp.secret);
    const row = (
      await t.services.db.query<{ password_hash: string; totp_secret: string }>(
        'SELECT password_hash, totp_secret FROM staff_account WHERE id = ?',
        [staff.id],
      )
    )[0]!;
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.totp_secret).not.toContain(totp.secret);

    const first = await login({
      username: staff.username,
      password: initialPassword,
      totp: currentTotp(totp.secret, t.clock.now()),
    }).expect(200);
    expect(first.body.staff.mustChangePassword).toBe(true);
    const cookie = ([first.headers['set-cookie']].flat()[0] as string).split(';')[0]!;
    const h = { Cookie: cookie, 'X-CSRF-Token': first.body.csrfToken as string };
    const blocked = await staffHttp(t).get('/api/v1/console/reconciliations?from=2026-11-01&to=2026-11-02').set(h);
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('STAFF_PASSWORD_CHANGE_REQUIRED');
    const weak = await staffHttp(t)
      .post('/api/v1/console/session/password')
      .set(h)
      .send({ currentPassword: initialPassword, newPassword: 'short1' })
      .expect(400);
    expect(weak.body.error.message).toBe('密码至少 12 位');
    const wrongCurrent = await staffHttp(t)
      .post('/api/v1/console/session/password')
      .set(h)
      .send({ currentPassword: 'not-the-password-1', newPassword: 'a-much-longer-pass-2026' })
      .expect(400);
    expect(wrongCurrent.body.error.message).toBe('原密码不正确');
    const changed = await staffHttp(t)
      .post('/api/v1/console/session/password')
      .set(h)
      .send({ currentPassword: initialPassword, newPassword: 'a-much-longer-pass-2026' })
      .expect(200);
    expect(changed.body.staff.mustChangePassword).toBe(false);
    await staffHttp(t).get('/api/v1/console/reconciliations?from=2026-11-01&to=2026-11-02').set(h).expect(200);
    // A taken name is refused, whatever its case.
    const again = await staffHttp(t)
      .post('/api/v1/console/staff')
      .set(headersOf(admin))
      .send({ username: staff.username.toUpperCase(), name: '重名', role: 'auditor' })
      .expect(409);
    expect(again.body.error.code).toBe('STAFF_USERNAME_TAKEN');
  });

  it('ends every session of an account an administrator disables, and lifts a lock-out by a reset', async () => {
    const admin = await staffSession(t, 'admin');
    const clerk = await staffSession(t, 'agent');
    await staffHttp(t).post(`/api/v1/console/staff/${clerk.login.id}/disable`).set(headersOf(admin)).expect(200);
    expect((await staffHttp(t).get('/api/v1/console/session').set('Cookie', clerk.Cookie)).status).toBe(401);
    const self = await staffHttp(t).post(`/api/v1/console/staff/${admin.login.id}/disable`).set(headersOf(admin));
    expect(self.status).toBe(403);

    const locked = await createStaffLogin(t, 'auditor');
    for (let i = 0; i < 5; i++) await login({ username: locked.username, password: `bad-${i}-pass`, totp: '000000' });
    expect((await login({ username: locked.username, password: locked.password, totp: locked.totp() })).status).toBe(
      423,
    );
    const reset = await staffHttp(t).post(`/api/v1/console/staff/${locked.id}/reset`).set(headersOf(admin)).expect(200);
    const fresh = await login({
      username: locked.username,
      password: reset.body.initialPassword,
      totp: currentTotp(reset.body.totp.secret, t.clock.now()),
    }).expect(200);
    expect(fresh.body.staff.mustChangePassword).toBe(true);
    // The old password and TOTP secret are gone.
    nextStep();
    await login({ username: locked.username, password: locked.password, totp: locked.totp() }).expect(401);
    const missing = await staffHttp(t)
      .post('/api/v1/console/staff/00000000-0000-0000-0000-000000000000/reset')
      .set(headersOf(admin));
    expect(missing.status).toBe(404);
  });

  it('shows one ID number or phone in full only for a stated reason, and audits who saw whose and why', async () => {
    const target = await makePatient();
    const agent = await staffSession(t, 'agent');
    const noReason = await staffHttp(t)
      .post('/api/v1/console/reveal')
      .set(headersOf(agent))
      .send({ kind: 'patient', id: target, field: 'idNumber', reason: '' })
      .expect(400);
    expect(noReason.body.error.message).toBe('请写明查看原因（至少 4 个字）');
    const shown = await staffHttp(t)
      .post('/api/v1/console/reveal')
      .set(headersOf(agent))
      .send({ kind: 'patient', id: target, field: 'idNumber', reason: '来电核对身份信息' })
      .expect(200);
    expect(shown.body.value).toMatch(/^\d{17}[\dX]$/);
    const [entry] = await audit('pii.reveal', target);
    expect(entry).toMatchObject({ actor_id: agent.login.id });
    expect(JSON.parse(entry!.detail!)).toEqual({ field: 'idNumber', reason: '来电核对身份信息' });
    expect(entry!.detail).not.toContain(shown.body.value);
    const auditor = await staffSession(t, 'auditor');
    await staffHttp(t)
      .post('/api/v1/console/reveal')
      .set(headersOf(auditor))
      .send({ kind: 'patient', id: target, field: 'phone', reason: '来电核对身份信息' })
      .expect(403);
  });

  it('keeps machine keys working beside sessions, and never takes a patient token', async () => {
    const { key } = await t.services.staff.add({ name: '对账程序', role: 'auditor' });
    await staffHttp(t)
      .get('/api/v1/console/reconciliations?from=2026-11-01&to=2026-11-02')
      .set('Authorization', `Bearer ${key}`)
      .expect(200);
    const { token } = await t.services.tokens.issue('someone', 'weapp');
    const r = await staffHttp(t).get('/api/v1/console/staff').set('Authorization', `Bearer ${token}`).expect(401);
    expect(r.body.error).toMatchObject({ code: 'STAFF_UNAUTHENTICATED', message: '请先登录工作台' });
    const keyed = await staffHttp(t).get('/api/v1/console/session').set('Authorization', `Bearer ${key}`).expect(403);
    expect(keyed.body.error.code).toBe('STAFF_FORBIDDEN');
  });

  it('limits the sign-ins one address may try in a minute, whatever the names', async () => {
    const strict = await startTestApp(kind, {
      env: { RATE_STAFF_LOGIN_PER_IP_MINUTE: '3', RATE_LIMIT_PREFIX: `staff-rl-${Date.now()}` },
    });
    try {
      const tries = ['a', 'b', 'c', 'd'].map((n) =>
        staffHttp(strict)
          .post('/api/v1/console/session')
          .send({ username: `spray-${n}`, password: 'x', totp: '123456' }),
      );
      const statuses = [];
      for (const attempt of tries) statuses.push((await attempt).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await strict.close();
    }
  });

  async function makePatient(): Promise<string> {
    const who = await loginAs(t, `reveal${Date.now()}`);
    const r = await t.http.post('/api/v1/patients').set(auth(who.token)).send(patientBody()).expect(201);
    return r.body.id as string;
  }
});

function headersOf(h: StaffHeaders): StaffHeaders {
  return { Cookie: h.Cookie, 'X-CSRF-Token': h['X-CSRF-Token'] };
}
