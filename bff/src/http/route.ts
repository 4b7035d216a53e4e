import type Router from '@koa/router';
import type Koa from 'koa';
import type { z } from 'zod';
import type { Operation, StaffAccess } from '@cityhealth/shared-types';
import { AppError } from '../shared/errors.js';
import { operationNameOf } from './operation-names.js';
import { RawJson } from './raw-json.js';
import type { PatientChannel } from '../identity/tokens.js';

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface Call<O extends Operation> {
  params: Infer<O['params']>;
  query: Infer<O['query']>;
  body: Infer<O['body']>;
  /** The logged-in account; set when the operation requires auth. */
  accountId: string;
  /** The hospital whose signed call this is; set on the hospital interface's operations. */
  hospitalId: string;
  ip: string;
  ctx: Koa.Context;
}

export type Handler<O extends Operation> = (call: Call<O>) => Promise<z.input<O['response']> | RawJson>;

/** The channel of the patient's session (set with the account by the authenticator). */
export function channelOf(ctx: Koa.Context): PatientChannel {
  return (ctx.state as { channel?: PatientChannel }).channel ?? 'h5';
}

/** Validates one part of a request with its schema; VALIDATION_FAILED names the first bad field. */
export function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: [where, ...i.path].join('.'), message: i.message }));
  throw new AppError('VALIDATION_FAILED', issues[0]?.message ?? undefined, issues);
}

export interface BindOptions {
  /** Checks every response against its schema (on in tests: contract drift fails loudly). */
  checkResponses: boolean;
  authenticate: (ctx: Koa.Context) => Promise<string>;
  /** Refuses (throws) an operation's request its throttles do not let through, before any work. */
  throttle: (op: Operation, ctx: Koa.Context) => void;
  /** Refuses a staff member the console operation is not for (its key was checked by staffAuth). */
  authorizeStaff: (access: StaffAccess, ctx: Koa.Context) => void;
  /** The hospital whose signature the hospital middleware checked. */
  hospitalOf: (ctx: Koa.Context) => { hospitalId: string };
}

/** Mounts one contract operation: validates params, query and body with the shared schemas. */
export function bind<O extends Operation>(router: Router, op: O, handler: Handler<O>, options: BindOptions): void {
  const operation = operationNameOf(op);
  router[op.method](op.path, async (ctx) => {
    (ctx.state as { operation?: string }).operation = operation;
    options.throttle(op, ctx);
    if (op.staff) options.authorizeStaff(op.staff, ctx);
    const accountId = op.auth ? await options.authenticate(ctx) : '';
    const hospitalId = op.hospital ? options.hospitalOf(ctx).hospitalId : '';
    const body = op.body ? ((ctx.request as unknown as { body?: unknown }).body ?? {}) : undefined;
    const call = {
      params: parse(op.params, ctx.params, 'params'),
      query: parse(op.query, ctx.query, 'query'),
      body: parse(op.body, body, 'body'),
      accountId,
      hospitalId,
      ip: ctx.ip,
      ctx,
    } as Call<O>;
    const result = await handler(call);
    if (options.checkResponses) {
      const check = op.response.safeParse(result instanceof RawJson ? JSON.parse(result.text) : result);
      if (!check.success)
        throw new Error(`response of ${op.method.toUpperCase()} ${op.path} breaks its schema: ${check.error.message}`);
    }
    ctx.status = op.status ?? 200;
    if (op.produces) {
      // A handler answering several media types (an image as JPEG or PNG) names its own in ctx.state.
      ctx.type = (ctx.state as { contentType?: string }).contentType ?? op.produces;
      ctx.body = result;
    } else if (result instanceof RawJson) {
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = result.text;
    } else ctx.body = result;
  });
}
