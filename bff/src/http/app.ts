import fs from 'node:fs';
import path from 'node:path';
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import serve from 'koa-static';
import type { Services } from '../services.js';
import { authenticator } from './middleware/authenticate.js';
import { errorHandler } from './middleware/errors.js';
import { paymentNotify } from './middleware/payment-notify.js';
import { requestContext } from './middleware/request-context.js';
import { securityHeaders } from './middleware/security-headers.js';
import { staffAuth } from './middleware/staff-auth.js';
import { registerRoutes } from './routes/index.js';

/** Bytes of JSON a request body may carry (64 KiB). */
export const JSON_BODY_LIMIT = 64 * 1024;

/** In production the BFF sits behind the city's gateway: the client's address is the first X-Forwarded-For. */
export const trustsProxy = (s: Services): boolean => s.config.env.NODE_ENV === 'production';

export function createApp(s: Services): Koa {
  const app = new Koa({ proxy: trustsProxy(s) });
  app.silent = true;
  app.use(requestContext(s.logger));
  // outside the error handler, so error answers carry the security headers too
  app.use(securityHeaders());
  app.use(errorHandler(s.logger));
  app.use(paymentNotify(s.payments));
  app.use(staffAuth(s.staff));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: JSON_BODY_LIMIT, jsonStrict: true }));

  const router = new Router();
  registerRoutes(router, s, {
    checkResponses: s.config.env.NODE_ENV !== 'production',
    authenticate: authenticator(s.tokens),
  });
  app.use(router.routes());
  app.use(router.allowedMethods());
  mountH5(app, s.config.env.H5_DIR);
  return app;
}

/** Serves the built H5 app (when present) with index.html as the fallback of its client routes. */
function mountH5(app: Koa, dir: string): void {
  const index = path.join(dir, 'index.html');
  app.use(async (ctx, next) => {
    if (ctx.path.startsWith('/api/') || ctx.path.startsWith('/sandbox/')) return next();
    if (!fs.existsSync(index)) return next();
    // Hashed assets may be kept; index.html must be revalidated so a rebuild shows at once.
    await serve(dir, { maxage: 3600_000, index: 'index.html', setHeaders: (res, file) => {
      if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
    } })(ctx, next);
    if (ctx.status === 404 && ctx.method === 'GET' && !path.extname(ctx.path)) {
      ctx.type = 'html';
      ctx.set('Cache-Control', 'no-cache');
      ctx.body = fs.createReadStream(index);
    }
  });
}
