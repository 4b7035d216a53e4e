import type Router from '@koa/router';
import { api } from '@cityhealth/shared-types';
import type { Services } from '../../services.js';
import { staffOf } from '../middleware/staff-auth.js';
import { bind, type BindOptions } from '../route.js';

/** The scheduler's view in the console: sessions with stop and resume, a day's bookings with attendance. */
export function consoleScheduleRoutes(router: Router, s: Services, o: BindOptions): void {
  const scheduler = s.consoleAdmin.scheduler;

  bind(
    router,
    api.consoleSessions,
    async ({ query, ctx }) => ({ items: await scheduler.sessions(staffOf(ctx), query) }),
    o,
  );
  bind(
    router,
    api.stopConsoleSession,
    ({ params, body, ctx }) => scheduler.stop(staffOf(ctx), params.id, body.reason),
    o,
  );
  bind(router, api.resumeConsoleSession, ({ params, ctx }) => scheduler.resume(staffOf(ctx), params.id), o);
  bind(router, api.consoleBookings, ({ query, ctx }) => scheduler.bookings(staffOf(ctx), query), o);
  bind(
    router,
    api.markConsoleAttendance,
    ({ params, body, ctx, ip }) => scheduler.markAttendance(staffOf(ctx), params.id, body.status, ip),
    o,
  );
}
