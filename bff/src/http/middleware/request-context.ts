import crypto from 'node:crypto';
import type Koa from 'koa';
import type { Logger } from '../../shared/logger.js';

/** A request id for every request (echoed back) and one structured log line when it ends. */
export function requestContext(logger: Logger): Koa.Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = /^[A-Za-z0-9_-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const level = ctx.status >= 500 ? 'error' : 'info';
      logger[level]({ requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms, account: ctx.state.accountId }, 'request');
    }
  };
}
