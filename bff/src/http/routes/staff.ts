import type Router from '@koa/router';
import { api } from '@cityhealth/shared-types';
import type { Services } from '../../services.js';
import { AppError } from '../../shared/errors.js';
import { clearStaffCookie, setStaffCookie, STAFF_COOKIE, staffOf, staffSessionOf } from '../middleware/staff-auth.js';
import { bind, type BindOptions } from '../route.js';

/** Signing in to the console, the accounts of its staff, and seeing one masked value in full. */
export function staffRoutes(router: Router, s: Services, o: BindOptions): void {
  const secure = !s.config.sandbox;

  bind(
    router,
    api.staffLogin,
    async ({ body, ip, ctx }) => {
      const { token, session } = await s.staffSessions.login(body, ip);
      setStaffCookie(ctx, token, secure);
      return s.staffSessions.view(session);
    },
    o,
  );

  bind(router, api.staffSession, async ({ ctx }) => s.staffSessions.view(staffSessionOf(ctx)), o);

  bind(
    router,
    api.staffLogout,
    async ({ ctx, ip }) => {
      await s.staffSessions.logout(staffSessionOf(ctx), ip);
      clearStaffCookie(ctx, secure);
      return { ok: true as const };
    },
    o,
  );

  bind(
    router,
    api.staffChangePassword,
    async ({ body, ctx, ip }) => {
      const session = staffSessionOf(ctx);
      await s.staffAccounts.changePassword(session.staff, body.currentPassword, body.newPassword, ip);
      const token = ctx.cookies.get(STAFF_COOKIE);
      if (!token) throw new AppError('STAFF_UNAUTHENTICATED');
      return s.staffSessions.view(await s.staffSessions.authenticate(token));
    },
    o,
  );

  bind(router, api.listStaff, async () => ({ items: await s.staffAccounts.list() }), o);

  bind(
    router,
    api.createStaff,
    async ({ body, ctx, ip }) => s.staffAccounts.create(body, { type: 'staff', id: staffOf(ctx).id, ip }),
    o,
  );

  bind(
    router,
    api.disableStaff,
    async ({ params, ctx, ip }) => {
      const actor = staffOf(ctx);
      if (params.id === actor.id) throw new AppError('STAFF_FORBIDDEN', '不能停用自己的账号');
      if (!(await s.staff.disable(params.id))) throw new AppError('STAFF_NOT_FOUND');
      await s.audit.record({
        actorType: 'staff',
        actorId: actor.id,
        action: 'staff.disable',
        targetType: 'staff',
        targetId: params.id,
        ip,
      });
      return { ok: true as const };
    },
    o,
  );

  bind(
    router,
    api.resetStaff,
    async ({ params, ctx, ip }) => s.staffAccounts.reset(params.id, { type: 'staff', id: staffOf(ctx).id, ip }),
    o,
  );

  bind(
    router,
    api.revealPersonalData,
    async ({ body, ctx, ip }) => ({ value: await s.reveal.reveal(staffOf(ctx), body, ip) }),
    o,
  );
}
