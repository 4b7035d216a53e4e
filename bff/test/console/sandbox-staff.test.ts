import Router from '@koa/router';
import { SANDBOX_STAFF, ensureSandboxStaff, sandboxStaffLogin } from '../../src/console/sandbox-staff.js';
import { nextUsableTotp } from '../../src/console/totp.js';
import { seedDemoIfEmpty } from '../../src/db/seed/seed-demo.js';
import { sandboxRoutes } from '../../src/http/routes/sandbox.js';
import type { Services } from '../../src/services.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('the sandbox demo console logins', () => {
  let t: TestApp;
  let firstHospital: { id: string; name: string };
  beforeAll(async () => {
    t = await startTestApp('sqlite');
    await seedDemoIfEmpty(t.services.db, { now: t.clock.now(), rules: t.config.rules, days: 1 });
    const [hospital] = await t.services.db.query<{ id: string; name: string }>(
      'SELECT id, name FROM hospital WHERE demo = 1 ORDER BY code LIMIT 1',
    );
    firstHospital = hospital!;
  }, 120_000);
  afterAll(async () => t.close());

  const ensure = () => ensureSandboxStaff(t.services.db, t.services.staffAccounts, t.config.env.DATA_DIR);

  it('creates one login per role, hospital staff of the first demo hospital, once', async () => {
    const first = await ensure();
    expect(first.created).toEqual(SANDBOX_STAFF.map((s) => s.username));
    expect((await ensure()).created).toEqual([]);
    const logins = (await t.services.staffAccounts.list()).filter((a) => a.kind === 'login');
    expect(logins.map((a) => [a.username, a.role, a.hospital?.id ?? null])).toEqual([
      ['admin', 'admin', null],
      ['auditor', 'auditor', null],
      ['finance', 'finance', firstHospital.id],
      ['scheduler', 'scheduler', firstHospital.id],
      ['agent', 'agent', null],
    ]);
  });

  it('derives the password and TOTP secret from the data folder: the same on every start, never a constant', () => {
    const login = sandboxStaffLogin(t.config.env.DATA_DIR);
    expect(sandboxStaffLogin(t.config.env.DATA_DIR)).toEqual(login);
    expect(login.password).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{12,}$/);
    expect(login.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    expect(login.totpUri).toMatch(/^otpauth:\/\/totp\//);
  });

  it('signs each role in with the code of /sandbox/staff/totp, without a forced password change', async () => {
    const { password } = sandboxStaffLogin(t.config.env.DATA_DIR);
    for (const { username, role } of SANDBOX_STAFF) {
      const code = await t.http.get('/sandbox/staff/totp').query({ username });
      expect(code.status).toBe(200);
      expect(code.body).toMatchObject({ username, code: expect.stringMatching(/^\d{6}$/) });
      const res = await t.http.post('/api/v1/console/session').send({ username, password, totp: code.body.code });
      expect(res.status).toBe(200);
      expect(res.body.staff).toMatchObject({ username, role, mustChangePassword: false });
    }
  });

  it('answers the next step’s code once this one is spent, so a second sign-in need not wait', async () => {
    const { password } = sandboxStaffLogin(t.config.env.DATA_DIR);
    const code = await t.http.get('/sandbox/staff/totp').query({ username: 'admin' });
    const res = await t.http
      .post('/api/v1/console/session')
      .send({ username: 'admin', password, totp: code.body.code });
    expect(res.status).toBe(200);
    expect(nextUsableTotp('JBSWY3DPEHPK3PXP', 100, 100 * 30_000)?.step).toBe(101);
    expect(nextUsableTotp('JBSWY3DPEHPK3PXP', 101, 100 * 30_000)).toBeNull();
  });

  it('answers 404 for a name without a login', async () => {
    expect((await t.http.get('/sandbox/staff/totp').query({ username: 'nobody' })).status).toBe(404);
  });
});

describe('/sandbox/staff/totp outside sandbox mode', () => {
  it('does not exist: production registers no sandbox route', () => {
    const router = new Router();
    sandboxRoutes(router, { config: { sandbox: false } } as Services);
    expect(router.stack).toHaveLength(0);
    expect(router.match('/sandbox/staff/totp', 'GET').route).toBe(false);
    const sandbox = new Router();
    sandboxRoutes(sandbox, { config: { sandbox: true } } as Services);
    expect(sandbox.match('/sandbox/staff/totp', 'GET').route).toBe(true);
  });
});
