import fs from 'node:fs';
import path from 'node:path';
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import serve from 'koa-static';
import type { Services } from '../services.js';
import { clientAddressOf } from './client-address.js';
import { isConsolePath, mountConsole } from './console-app.js';
import { authenticator } from './middleware/authenticate.js';
import { errorHandler } from './middleware/errors.js';
import { hospitalAuth, hospitalOf } from './middleware/hospital-auth.js';
import { paymentNotify } from './middleware/payment-notify.js';
import { requestContext } from './middleware/request-context.js';
import { requestMetrics } from './middleware/request-metrics.js';
import { requestTarget } from './middleware/request-target.js';
import { securityHeaders } from './middleware/security-headers.js';
import { staffAuth, staffOf } from './middleware/staff-auth.js';
import { BODY_PARSER_OPTIONS } from './policy.js';
import { registerRoutes } from './routes/index.js';
import { AppError } from '../shared/errors.js';
import { StaffService } from '../console/staff.js';
import { scanKindOf } from '../throttle/throttles.js';

export function createApp(s: Services): Koa {
  const app = new Koa();
  app.silent = true;
  const addressOf = clientAddressOf(s.config);
  app.use(async (ctx, next) => {
    ctx.request.ip = addressOf(ctx.req);
    await next();
  });
  app.use(requestContext(s.logger));
  app.use(requestMetrics(s.metrics.http));
  // outside the error handler, so error answers carry the security headers too
  app.use(securityHeaders(s.config, path.join(s.config.env.H5_DIR, 'index.html')));
  app.use(errorHandler(s.logger));
  app.use(requestTarget());
  app.use(paymentNotify(s.payments));
  app.use(staffAuth(s.staff, s.staffSessions));
  app.use(hospitalAuth(s.hospitals.authenticator));
  app.use(bodyParser(BODY_PARSER_OPTIONS));

  const router = new Router();
  registerRoutes(router, s, {
    checkResponses: s.config.sandbox,
    authenticate: authenticator(s.tokens, s.identity.live),
    throttle: (op, ctx) => {
      const kind = scanKindOf(op);
      const refused = kind && s.throttles.scan(kind, ctx.ip, ctx.get('authorization') || undefined);
      if (refused) throw refused;
    },
    hospitalOf,
    authorizeStaff: (access, ctx) => StaffService.authorize(staffOf(ctx), access),
  });
  app.use(router.routes());
  // Unknown methods leave as 501 with Allow; the error handler answers them 405 in JSON.
  app.use(router.allowedMethods({ throw: false }));
  mountConsole(app, s.config.env.CONSOLE_DIR);
  mountH5(app, s.config.env.H5_DIR);
  return app;
}

/** Serves the built H5 app (when present) with index.html as the fallback of its client routes. */
function mountH5(app: Koa, dir: string): void {
  const index = path.join(dir, 'index.html');
  app.use(async (ctx, next) => {
    // The console's addresses are its own (mountConsole): without its build they answer 404, not the H5 app.
    if (ctx.path.startsWith('/api/') || ctx.path.startsWith('/sandbox/') || isConsolePath(ctx.path)) return next();
    if (!fs.existsSync(index)) return next();
    // Hashed assets may be kept; index.html must be revalidated so a rebuild shows at once.
    try {
      await serve(dir, {
        maxage: 3600_000,
        index: 'index.html',
        setHeaders: (res, file) => {
          if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
        },
      })(ctx, next);
    } catch (e) {
      // The file server's own refusals (a path it will not resolve) are a client's mistake.
      const status = (e as { status?: unknown }).status;
      if (typeof status === 'number' && status >= 400 && status < 500) throw new AppError('PATH_NOT_ALLOWED');
      throw e;
    }
    if (ctx.status === 404 && ctx.method === 'GET' && !path.extname(ctx.path)) {
      ctx.type = 'html';
      ctx.set('Cache-Control', 'no-cache');
      ctx.body = fs.createReadStream(index);
    }
  });
}
