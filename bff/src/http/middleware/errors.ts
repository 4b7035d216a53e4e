import type Koa from 'koa';
import type { ErrorCode } from '@cityhealth/shared-types';
import { ERRORS } from '@cityhealth/shared-types';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

/**
 * The status, headers and body every failure leaves with: `{ error: { code, message, details? } }`,
 * and `Retry-After` when the refusal says when to come back.
 */
export function errorResponse(
  code: ErrorCode,
  message?: string,
  details?: unknown,
): { status: number; headers: Record<string, string>; body: { error: Record<string, unknown> } } {
  const retryAfter = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return {
    status: ERRORS[code].status,
    headers: typeof retryAfter === 'number' ? { 'Retry-After': String(retryAfter) } : {},
    body: { error: { code, message: message ?? ERRORS[code].message, ...(details === undefined ? {} : { details }) } },
  };
}

function send(ctx: Koa.Context, code: ErrorCode, message?: string, details?: unknown): void {
  const { status, headers, body } = errorResponse(code, message, details);
  ctx.status = status;
  ctx.set(headers);
  ctx.body = body;
}

/** Every failure leaves as `{ error: { code, message } }`; only a real fault is a 500. */
export function errorHandler(logger: Logger): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) send(ctx, 'NOT_FOUND');
      else if ((ctx.status === 405 || ctx.status === 501) && (ctx.body === undefined || typeof ctx.body === 'string'))
        send(ctx, 'METHOD_NOT_ALLOWED');
    } catch (err) {
      if (err instanceof AppError) return send(ctx, err.code, err.message, err.details);
      const e = err as { status?: number; type?: string; expose?: boolean };
      if (e.status === 413 || e.type === 'entity.too.large') return send(ctx, 'PAYLOAD_TOO_LARGE');
      if (e.type === 'entity.parse.failed' || e.type === 'entity.verify.failed' || err instanceof SyntaxError)
        return send(ctx, 'INVALID_JSON');
      if (e.type === 'encoding.unsupported') return send(ctx, 'UNSUPPORTED_CONTENT_ENCODING');
      if (e.status === 415 || e.type === 'charset.unsupported') return send(ctx, 'UNSUPPORTED_MEDIA_TYPE');
      if (e.status === 405 || e.status === 501) return send(ctx, 'METHOD_NOT_ALLOWED');
      if (e.status === 404) return send(ctx, 'NOT_FOUND');
      if (e.expose && typeof e.status === 'number' && e.status >= 400 && e.status < 500)
        return send(ctx, 'BAD_REQUEST');
      logger.error({ err, method: ctx.method, path: ctx.path, requestId: ctx.state.requestId }, 'unhandled error');
      send(ctx, 'INTERNAL');
    }
  };
}
