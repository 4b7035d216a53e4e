import supertest from 'supertest';
import type { StaffRole } from '@cityhealth/shared-types';
import { currentTotp, newTotpSecret } from '../../src/console/totp.js';
import type { TestApp } from './app.js';

let made = 0;

/**
 * A client for console requests that keeps no cookies: t.http is an agent whose jar would keep a
 * session cookie (or a logout's empty one) and send it in place of the headers a test sets.
 */
export const staffHttp = (t: TestApp) => supertest(t.handler);

export interface StaffLogin {
  id: string;
  username: string;
  password: string;
  totpSecret: string;
  /** The current TOTP code on the test app's clock. */
  totp(): string;
}

/** A person's console account of the given role, with a known password and TOTP secret (no forced change). */
export async function createStaffLogin(
  t: TestApp,
  role: StaffRole,
  options: { hospitalId?: string; username?: string; name?: string } = {},
): Promise<StaffLogin> {
  const username = options.username ?? `${role}${++made}x${Date.now().toString(36)}`;
  const password = `Pass-${role}-2026-${made}`;
  const totpSecret = newTotpSecret();
  const { staff } = await t.services.staffAccounts.create(
    { username, name: options.name ?? `测试${role}`, role, hospitalId: options.hospitalId, password, totpSecret },
    { type: 'system', id: 'test' },
  );
  return { id: staff.id, username, password, totpSecret, totp: () => currentTotp(totpSecret, t.clock.now()) };
}

/** The headers of a signed-in console session: the cookie, and the CSRF token its changes need. */
// A type, not an interface: supertest's `.set(headers)` wants a record.
export type StaffHeaders = {
  Cookie: string;
  'X-CSRF-Token': string;
};

/** Signs in (a TOTP code is good for one login: to sign the same account in again, advance the clock 30 s). */
export async function signIn(t: TestApp, login: StaffLogin): Promise<StaffHeaders> {
  const res = await staffHttp(t)
    .post('/api/v1/console/session')
    .send({ username: login.username, password: login.password, totp: login.totp() });
  if (res.status !== 200)
    throw new Error(`login of ${login.username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = [res.headers['set-cookie'] ?? []].flat().find((c: string) => c.startsWith('staff_session='));
  if (!cookie) throw new Error('no session cookie');
  return { Cookie: cookie.split(';')[0]!, 'X-CSRF-Token': res.body.csrfToken as string };
}

/** A signed-in staff member of the role, in one call. */
export async function staffSession(
  t: TestApp,
  role: StaffRole,
  options: { hospitalId?: string } = {},
): Promise<StaffHeaders & { login: StaffLogin }> {
  const login = await createStaffLogin(t, role, options);
  // `login` is not enumerable, so the object can be passed to `.set(...)` as the headers it is.
  return Object.defineProperty(await signIn(t, login), 'login', { value: login, enumerable: false }) as StaffHeaders & {
    login: StaffLogin;
  };
}
