import type Router from '@koa/router';
import type Koa from 'koa';
import { api } from '@cityhealth/shared-types';
import { StaffService, type Staff } from '../../console/staff.js';
import type { Services } from '../../services.js';
import { monthlyReportExcel } from '../../statistics/monthly-report-excel.js';
import { monthlyReportPdf } from '../../statistics/monthly-report-pdf.js';
import { reportFileName } from '../../statistics/report-format.js';
import { attachment } from '../content-disposition.js';
import { staffOf } from '../middleware/staff-auth.js';
import { bind, type BindOptions } from '../route.js';

/**
 * The commission's statistics and monthly report; a hospital's finance clerk or scheduler sees
 * only their own hospital (StaffService.scope: another hospital is STAFF_FORBIDDEN).
 */
export function statisticsRoutes(router: Router, s: Services, o: BindOptions): void {
  bind(
    router,
    api.statistics,
    async ({ query, ctx }) =>
      s.statistics.figures({ ...query, hospitalId: StaffService.scope(staffOf(ctx), query.hospitalId) }),
    o,
  );

  const download = async (
    ctx: Koa.Context,
    staff: Staff,
    month: string,
    requested: string | undefined,
    format: 'xlsx' | 'pdf',
  ) => {
    const hospitalId = StaffService.scope(staff, requested);
    const data = await s.statistics.monthly(month, hospitalId);
    const body = format === 'xlsx' ? await monthlyReportExcel(data) : await monthlyReportPdf(data);
    await s.audit.record({
      actorType: 'staff',
      actorId: staff.id,
      action: 'statistics.report.download',
      targetType: 'monthly-report',
      targetId: month,
      ip: ctx.ip,
      detail: { format, hospitalId: hospitalId ?? 'all' },
    });
    ctx.set(
      'Content-Disposition',
      attachment(reportFileName(month, data.hospital?.name ?? null, format), `monthly-report-${month}.${format}`),
    );
    return body;
  };

  bind(
    router,
    api.monthlyReportXlsx,
    async ({ params, query, ctx }) => download(ctx, staffOf(ctx), params.month, query.hospitalId, 'xlsx'),
    o,
  );
  bind(
    router,
    api.monthlyReportPdf,
    async ({ params, query, ctx }) => download(ctx, staffOf(ctx), params.month, query.hospitalId, 'pdf'),
    o,
  );
}
