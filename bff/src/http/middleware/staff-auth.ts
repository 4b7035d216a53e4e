import type Koa from 'koa';
import { routes } from '@cityhealth/shared-types';
import type { Staff, StaffService } from '../../console/staff.js';
import type { SignedIn, StaffSessions } from '../../console/staff-sessions.js';
import { AppError } from '../../shared/errors.js';

/** Where the contract's staff operations live (`staff` in shared-types' api; a test holds the two together). */
export const CONSOLE = /^\/api\/v1\/console(\/|$)/;
export const STAFF_COOKIE = 'staff_session';
const COOKIE_PATH = '/api/v1/console';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What a person whose password an administrator set may still do: see the session, change it, leave. */
const BEFORE_PASSWORD_CHANGE = new Set([routes.staffSession.path, routes.staffChangePassword.path]);

/**
 * Every console request (`/api/v1/console/*`, the login itself aside) carries a machine key
 * (`Authorization: Bearer sk_…`) or the console's session cookie, whose changes also carry the
 * session's X-CSRF-Token; without them it ends here with 401 (403 for the CSRF token), before its
 * parameters are even looked at.
 */
export function staffAuth(keys: StaffService, sessions: StaffSessions): Koa.Middleware {
  return async (ctx, next) => {
    if (!CONSOLE.test(ctx.path) || (ctx.path === routes.staffLogin.path && ctx.method === 'POST')) return next();
    const keyed = await keys.authenticateKey(ctx);
    if (keyed) {
      ctx.state.staff = keyed;
      ctx.state.staffId = keyed.id;
      return next();
    }
    const token = ctx.cookies.get(STAFF_COOKIE);
    if (!token) throw new AppError('STAFF_UNAUTHENTICATED');
    const session = await sessions.authenticate(token);
    if (!SAFE_METHODS.has(ctx.method) && !sessions.csrfMatches(token, ctx.get('x-csrf-token') || undefined))
      throw new AppError('STAFF_CSRF_REJECTED');
    if (session.mustChangePassword && !(ctx.method === 'DELETE' || BEFORE_PASSWORD_CHANGE.has(ctx.path)))
      throw new AppError('STAFF_PASSWORD_CHANGE_REQUIRED');
    ctx.state.staff = session.staff;
    ctx.state.staffId = session.staff.id;
    ctx.state.staffSession = session;
    await next();
  };
}

/** The staff member the middleware authenticated. */
export function staffOf(ctx: Koa.Context): Staff {
  const staff = ctx.state.staff as Staff | undefined;
  if (!staff) throw new Error('a console route is mounted outside the staff middleware');
  return staff;
}

/** The console session of the request; STAFF_FORBIDDEN for a machine key (it has none). */
export function staffSessionOf(ctx: Koa.Context): SignedIn {
  const session = ctx.state.staffSession as SignedIn | undefined;
  if (!session) throw new AppError('STAFF_FORBIDDEN', '机器密钥没有登录会话');
  return session;
}

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends
 * it), only to the console API, Secure outside sandbox mode (production is https only). No
 * Max-Age: it goes when the browser closes; the server ends it earlier on idling.
 */
export function setStaffCookie(ctx: Koa.Context, token: string, secure: boolean): void {
  ctx.append(
    'Set-Cookie',
    `${STAFF_COOKIE}=${token}; Path=${COOKIE_PATH}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`,
  );
}

export function clearStaffCookie(ctx: Koa.Context, secure: boolean): void {
  ctx.append(
    'Set-Cookie',
    `${STAFF_COOKIE}=; Path=${COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`,
  );
}
