import type Router from '@koa/router';
import { api } from '@cityhealth/shared-types';
import { StaffService } from '../../console/staff.js';
import type { Services } from '../../services.js';
import { staffOf } from '../middleware/staff-auth.js';
import { bind, type BindOptions } from '../route.js';

/**
 * Reconciliation in the console, for hospital finance clerks (their own hospital) and the
 * commission (staff sessions or machine keys, checked by staffAuth, not patient tokens).
 */
export function consoleRoutes(router: Router, s: Services, o: BindOptions): void {
  bind(
    router,
    api.reconciliations,
    async ({ query, ctx }) => {
      const staff = staffOf(ctx);
      return {
        items: await s.reconciliation.summaries({ ...query, hospitalId: StaffService.scope(staff, query.hospitalId) }),
      };
    },
    o,
  );

  bind(
    router,
    api.reconciliationLines,
    async ({ params, query, ctx }) => {
      const staff = staffOf(ctx);
      return s.reconciliation.lines({
        ...query,
        from: params.date,
        to: params.date,
        hospitalId: StaffService.scope(staff, query.hospitalId),
      });
    },
    o,
  );

  bind(
    router,
    api.runReconciliation,
    async ({ params, body, ctx }) => {
      const staff = staffOf(ctx);
      const { timings: _t, ...result } = await s.reconciliation.run(body.channel, params.date, staff.id);
      return result;
    },
    o,
  );

  bind(
    router,
    api.reconciliationCsv,
    async ({ params, query, ctx }) => {
      const staff = staffOf(ctx);
      const hospitalId = StaffService.scope(staff, query.hospitalId);
      const csv = await s.reconciliation.csv({
        from: params.date,
        to: params.date,
        channel: query.channel,
        hospitalId,
      });
      await s.audit.record({
        actorType: 'staff',
        actorId: staff.id,
        action: 'reconcile.download',
        targetType: 'bill',
        targetId: params.date,
        ip: ctx.ip,
        detail: { channel: query.channel ?? 'all', hospitalId: hospitalId ?? 'all' },
      });
      ctx.set('Content-Disposition', `attachment; filename="reconciliation-${params.date}.csv"`);
      return csv;
    },
    o,
  );
}
