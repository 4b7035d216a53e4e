import type Koa from 'koa';
import { type HttpMetrics, UNMATCHED } from '../../ops/metrics/http-metrics.js';

/**
 * Counts every request Koa answers under its contract operation (set by `bind` when a route of
 * the contract matched; UNMATCHED otherwise), outside the error handler so errors count as answered.
 */
export function requestMetrics(metrics: HttpMetrics): Koa.Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      metrics.operation((ctx.state as { operation?: string }).operation ?? UNMATCHED).done(ctx.status, started);
    }
  };
}
