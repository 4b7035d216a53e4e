import type Router from '@koa/router';
import type { Services } from '../../services.js';

/** Liveness (the process answers) and readiness (the database answers). */
export function healthRoutes(router: Router, s: Services): void {
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const database = await s.db.ping();
    ctx.status = database ? 200 : 503;
    ctx.body = { status: database ? 'ready' : 'unavailable', checks: { database } };
  });
}
