import type Router from '@koa/router';
import { api } from '@cityhealth/shared-types';
import type { Services } from '../../services.js';
import { bind, type BindOptions } from '../route.js';
import { sharePage } from '../../records/share-page.js';

export function recordRoutes(router: Router, s: Services, o: BindOptions): void {
  const records = s.records.service;
  const shares = s.records.shares;
  bind(
    router,
    api.patientReports,
    ({ accountId, params, query, ip }) => records.reports(accountId, params.id, query, ip),
    o,
  );
  bind(
    router,
    api.patientReport,
    ({ accountId, params, query, ip }) => records.report(accountId, params.id, params.reportId, query.hospitalId, ip),
    o,
  );
  bind(
    router,
    api.patientReportPdf,
    async ({ accountId, params, query, ip, ctx }) => {
      const pdf = await records.reportPdf(accountId, params.id, params.reportId, query.hospitalId, ip);
      ctx.set('Cache-Control', 'private, no-store');
      ctx.set('Content-Disposition', `inline; filename="report-${params.reportId}.pdf"`);
      return pdf;
    },
    o,
  );
  bind(
    router,
    api.patientStudies,
    ({ accountId, params, query, ip }) => records.studies(accountId, params.id, query, ip),
    o,
  );
  bind(
    router,
    api.patientStudy,
    ({ accountId, params, query, ip }) => records.study(accountId, params.id, params.studyId, query.hospitalId, ip),
    o,
  );
  bind(
    router,
    api.createShare,
    ({ accountId, params, body, ip }) => shares.create(accountId, params.id, params.studyId, body, ip),
    o,
  );
  bind(router, api.listShares, ({ accountId, params }) => shares.list(accountId, params.id), o);
  bind(
    router,
    api.revokeShare,
    ({ accountId, params, ip }) => shares.revoke(accountId, params.id, params.shareId, ip),
    o,
  );
  bind(
    router,
    api.studyImage,
    async ({ params, query, ctx }) => {
      const image = await records.image(params.ticket, query);
      (ctx.state as { contentType?: string }).contentType = image.type;
      ctx.set('Cache-Control', 'private, max-age=600');
      return image.bytes;
    },
    o,
  );
  bind(router, api.openShare, ({ params, body, ip }) => shares.open(params.token, body.accessCode, ip), o);
  router.get('/share/:token', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Referrer-Policy', 'no-referrer');
    const page = sharePage();
    (ctx.state as { documentPolicy?: string }).documentPolicy = page.policy;
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = page.html;
  });
}
