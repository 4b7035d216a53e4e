import type Router from '@koa/router';
import { AppError } from '../../shared/errors.js';
import { Readiness } from '../../ops/readiness.js';
import type { Services } from '../../services.js';

/**
 * Liveness (the process answers) and readiness: 503 when the database or Redis is down, 200
 * `degraded` when a hospital's deliveries are backlogged (see ops/readiness.ts).
 */
export function healthRoutes(router: Router, s: Services): void {
  const readiness = new Readiness({
    db: s.db,
    redis: s.redis,
    clock: s.clock,
    thresholds: {
      backlogEvents: s.config.env.READY_HOSPITAL_BACKLOG,
      lagSeconds: s.config.env.READY_HOSPITAL_LAG_SECONDS,
    },
  });
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const report = await readiness.check();
    ctx.status = report.status === 'unavailable' ? 503 : 200;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = report;
  });
  // The figures are served on the admin listener only (ops/metrics); here the path is refused
  // plainly rather than answered with the H5 app's page, so a scraper pointed at the wrong port fails loudly.
  router.get('/metrics', () => {
    throw new AppError('NOT_FOUND');
  });
}
