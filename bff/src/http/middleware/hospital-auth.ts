import type Koa from 'koa';
import getRawBody from 'raw-body';
import type { HospitalAuthenticator, HospitalCaller } from '../../hospital/hospital-auth.js';
import { AppError } from '../../shared/errors.js';
import { HOSPITAL_BODY_LIMIT, JSON_TYPE, readStrictJson } from '../policy.js';

/** Where the hospital interface lives (`hospital: true` in shared-types' routes; a test holds the two together). */
export const HOSPITAL_INTERFACE = /^\/api\/hospital\/v1(\/|$)/;

/**
 * Every call of the hospital interface is signed over its raw bytes, so this reads the body
 * itself (before the JSON body parser), checks the signature, and hands the parsed body on.
 * Without a valid signature a call ends here with 401, before its parameters are looked at.
 */
export function hospitalAuth(authenticator: HospitalAuthenticator): Koa.Middleware {
  return async (ctx, next) => {
    if (!HOSPITAL_INTERFACE.test(ctx.path)) return next();
    const body = await readBody(ctx);
    ctx.state.hospital = await authenticator.authenticate({
      method: ctx.method,
      pathWithQuery: ctx.url,
      headers: ctx.req.headers,
      body,
    });
    if (body.length && !JSON_TYPE.test(ctx.get('Content-Type'))) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
    (ctx.request as unknown as { body: unknown }).body = readStrictJson(body.toString('utf8'));
    await next();
  };
}

async function readBody(ctx: Koa.Context): Promise<Buffer> {
  try {
    return await getRawBody(ctx.req, { limit: HOSPITAL_BODY_LIMIT });
  } catch (e) {
    if ((e as { type?: string }).type === 'entity.too.large') throw new AppError('PAYLOAD_TOO_LARGE');
    throw new AppError('BAD_REQUEST');
  }
}

/** The hospital the middleware authenticated. */
export function hospitalOf(ctx: Koa.Context): HospitalCaller {
  const hospital = ctx.state.hospital as HospitalCaller | undefined;
  if (!hospital) throw new Error('a hospital route is mounted outside the hospital middleware');
  return hospital;
}
