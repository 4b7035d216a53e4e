import type http from 'node:http';
import { api } from '@cityhealth/shared-types';
import type { Services } from '../services.js';
import { AppError } from '../shared/errors.js';
import { clientAddressOf } from './client-address.js';
import { bearerSession } from './middleware/authenticate.js';
import { errorResponse } from './middleware/errors.js';
import { logRequest, requestIdOf } from './middleware/request-context.js';
import { securityHeadersFor } from './middleware/security-headers.js';
import { JSON_BODY_LIMIT, JSON_TYPE, readStrictJson } from './policy.js';
import { operationNameOf } from './operation-names.js';
import { requestStartOf } from './request-start.js';
import { parse } from './route.js';
import type { CreateOrderBody } from './routes/orders.js';

const CREATE_ORDER = {
  method: api.createOrder.method.toUpperCase(),
  path: api.createOrder.path,
  status: api.createOrder.status ?? 200,
};

/**
 * The booking POST at the release peak, answered straight from node:http: Koa's context and
 * middleware cost about as much CPU as the booking itself. Only the plain shape is taken here (a
 * UTF-8 JSON body of known length within the limit, no content encoding); anything else goes to
 * Koa untouched. Both paths call the same login check, schema, rules and view, and answer with
 * the same status, headers and body, including every error (see the fast-booking tests).
 */
export function withFastBooking(s: Services, next: http.RequestListener): http.RequestListener {
  const addressOf = clientAddressOf(s.config);
  const arrivalOf = requestStartOf(s.config);
  const securityHeaders = securityHeadersFor(s.config);
  const track = s.metrics.http.operation(operationNameOf(api.createOrder));
  return (req, res) => {
    const length = Number(req.headers['content-length']);
    const plain =
      req.method === CREATE_ORDER.method &&
      req.url === CREATE_ORDER.path &&
      JSON_TYPE.test(req.headers['content-type'] ?? '') &&
      Number.isInteger(length) &&
      length <= JSON_BODY_LIMIT &&
      !req.headers['content-encoding'] &&
      !req.headers['transfer-encoding'];
    if (!plain) return next(req, res);

    const started = performance.now();
    const receivedAt = arrivalOf(req, s.clock.now());
    const requestId = requestIdOf(req.headers['x-request-id'] as string | undefined);
    let accountId: string | undefined;
    const answer = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      const text = Buffer.from(JSON.stringify(body));
      res.writeHead(status, {
        'X-Request-Id': requestId,
        ...extra,
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': String(text.length),
        ...securityHeaders,
        'Cache-Control': 'no-store',
      });
      res.end(text);
      track.done(status, started);
      logRequest(s.logger, {
        requestId,
        method: CREATE_ORDER.method,
        path: CREATE_ORDER.path,
        status,
        started,
        account: accountId,
      });
    };

    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      // the same order of checks as Koa's: the body parser, then login, then the schema
      const book = async () => {
        const json = readStrictJson(Buffer.concat(chunks).toString('utf8'));
        const session = await bearerSession(s.tokens, req.headers.authorization);
        // No look-up of the account here (every booking of a release is another account: it would
        // cost a query each): a deleted account's patients are no longer live, and the batch
        // refuses them under the person's lock.
        accountId = session.accountId;
        const body = parse(api.createOrder.body, json, 'body') as CreateOrderBody;
        const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) || undefined;
        return s.booking.placeOrder({
          accountId,
          ...body,
          channel: session.channel,
          idempotencyKey,
          ip: addressOf(req),
          receivedAt,
        });
      };
      book()
        .then(({ order, replay }) =>
          answer(CREATE_ORDER.status, order, replay ? { 'Idempotent-Replayed': 'true' } : {}),
        )
        .catch((err: unknown) => {
          if (res.headersSent) {
            s.logger.error({ err, requestId }, 'failed after answering');
            return;
          }
          if (err instanceof AppError) {
            const { status, headers, body } = errorResponse(err.code, err.message, err.details);
            return answer(status, body, headers);
          }
          s.logger.error({ err, method: CREATE_ORDER.method, path: CREATE_ORDER.path, requestId }, 'unhandled error');
          const { status, body } = errorResponse('INTERNAL');
          answer(status, body);
        });
    });
  };
}
