import crypto from 'node:crypto';
import type Koa from 'koa';
import type { Logger } from '../../shared/logger.js';

/** The client's X-Request-Id when it is a sane token, else a new one. */
export const requestIdOf = (incoming: string | undefined): string =>
  incoming && /^[A-Za-z0-9_-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();

export interface RequestLine {
  requestId: string;
  method: string;
  path: string;
  status: number;
  started: number;
  account?: string;
}

/** Paths whose next segment is a credential (an image ticket, a share's token): logged without it. */
const CREDENTIAL_IN_PATH = /^(\/api\/v1\/images\/|\/share\/|\/api\/v1\/shares\/)[^/]+/;

/** The one structured log line of a finished request. */
export function logRequest(logger: Logger, { started, ...line }: RequestLine): void {
  const ms = Math.round((performance.now() - started) * 10) / 10;
  const path = line.path.replace(CREDENTIAL_IN_PATH, '$1…');
  logger[line.status >= 500 ? 'error' : 'info']({ ...line, path, ms }, 'request');
}

/** A request id for every request (echoed back) and one structured log line when it ends. */
export function requestContext(logger: Logger): Koa.Middleware {
  return async (ctx, next) => {
    const requestId = requestIdOf(ctx.get('x-request-id'));
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      logRequest(logger, {
        requestId,
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        started,
        account: ctx.state.accountId,
      });
    }
  };
}
