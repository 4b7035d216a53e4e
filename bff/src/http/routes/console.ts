import type Router from '@koa/router';
import { api, CalendarDate, CsvQuery } from '@cityhealth/shared-types';
import { StaffService } from '../../console/staff.js';
import type { Services } from '../../services.js';
import { AppError } from '../../shared/errors.js';
import { bind, type BindOptions } from '../route.js';

/** The console API for hospital finance clerks and administrators (staff keys, not patient tokens). */
export function consoleRoutes(router: Router, s: Services, o: BindOptions): void {
  bind(router, api.reconciliations, async ({ query, ctx }) => {
    const staff = await s.staff.authenticate(ctx);
    return { items: await s.reconciliation.summaries({ ...query, hospitalId: StaffService.scope(staff, query.hospitalId) }) };
  }, o);

  bind(router, api.reconciliationLines, async ({ params, query, ctx }) => {
    const staff = await s.staff.authenticate(ctx);
    return s.reconciliation.lines({ ...query, from: params.date, to: params.date, hospitalId: StaffService.scope(staff, query.hospitalId) });
  }, o);

  bind(router, api.runReconciliation, async ({ params, body, ctx }) => {
    const staff = await s.staff.authenticate(ctx);
    if (staff.role !== 'admin') throw new AppError('STAFF_FORBIDDEN');
    const { timings: _t, ...result } = await s.reconciliation.run(body.channel, params.date, staff.id);
    return result;
  }, o);

  // A file for Excel rather than JSON: outside the JSON contract, validated the same way.
  router.get('/api/v1/console/reconciliations/:date.csv', async (ctx) => {
    const staff = await s.staff.authenticate(ctx);
    const date = CalendarDate.safeParse(ctx.params.date);
    const query = CsvQuery.safeParse(ctx.query);
    if (!date.success || !query.success) throw new AppError('VALIDATION_FAILED', '日期或查询参数格式不正确');
    const hospitalId = StaffService.scope(staff, query.data.hospitalId);
    const csv = await s.reconciliation.csv({ from: date.data, to: date.data, channel: query.data.channel, hospitalId });
    await s.audit.record({ actorType: staff.role === 'admin' ? 'admin' : 'hospital', actorId: staff.id, action: 'reconcile.download', targetType: 'bill', targetId: date.data, detail: { channel: query.data.channel ?? 'all', hospitalId: hospitalId ?? 'all' } });
    ctx.type = 'text/csv; charset=utf-8';
    ctx.set('Content-Disposition', `attachment; filename="reconciliation-${date.data}.csv"`);
    ctx.body = csv;
  });
}
