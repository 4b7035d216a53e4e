import type Koa from 'koa';
import type { Staff, StaffService } from '../../console/staff.js';

/** Where the contract's staff operations live (`staff` in shared-types' api; a test holds the two together). */
export const CONSOLE = /^\/api\/v1\/console(\/|$)/;

/**
 * Every console request (`/api/v1/console/*`) carries a staff key (`Authorization: Bearer sk_…`);
 * without a valid one it ends here with 401, before its parameters are even looked at.
 */
export function staffAuth(staff: StaffService): Koa.Middleware {
  return async (ctx, next) => {
    if (CONSOLE.test(ctx.path)) ctx.state.staff = await staff.authenticate(ctx);
    await next();
  };
}

/** The staff member the middleware authenticated. */
export function staffOf(ctx: Koa.Context): Staff {
  const staff = ctx.state.staff as Staff | undefined;
  if (!staff) throw new Error('a console route is mounted outside the staff middleware');
  return staff;
}
