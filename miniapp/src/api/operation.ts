import type { BodyOf, OperationName, ParamsOf, QueryOf, ResponseOf } from '@cityhealth/shared-types';
import { routes } from '@cityhealth/shared-types/routes';
import { ApiError, MISSING_PARAMETER_MESSAGE } from './api-error';
import { authorizedRequest, call, type Method } from './client';

/** The operations a patient's app calls (the console's take a staff key, the hospital interface's a signature). */
export type PatientOperation = {
  [K in OperationName]: (typeof routes)[K] extends { staff: string } | { hospital: true } ? never : K;
}[OperationName];

/** A part of the request is required exactly when the operation's schema requires it. */
type Part<Name extends string, T> = undefined extends T ? { [P in Name]?: T } : { [P in Name]: T };

export type OperationInput<K extends PatientOperation> = Part<'params', ParamsOf<K>> &
  Part<'query', QueryOf<K>> &
  Part<'body', BodyOf<K>> & {
    /** Makes a write safe to repeat (see CallOptions). */
    idempotencyKey?: string;
  };

/**
 * Fills the `:name` segments of a path. A page opened without its id (a bad share link, a lost
 * query) would otherwise call the collection route (`/hospitals/` answers the list) and render it
 * as the wrong shape.
 */
export function fillPath(template: string, params: Partial<Record<string, string>> | undefined): string {
  return template.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (!value) throw new ApiError(400, 'MISSING_PAGE_PARAMETER', MISSING_PARAMETER_MESSAGE);
    return encodeURIComponent(value);
  });
}

/** Calls one operation of the contract: its method, path and session requirement come from the route table. */
export function callOperation<K extends PatientOperation>(
  name: K,
  ...[input]: Record<never, never> extends OperationInput<K> ? [OperationInput<K>?] : [OperationInput<K>]
): Promise<ResponseOf<K>> {
  const route = routes[name];
  const { params, query, body, idempotencyKey } = (input ?? {}) as {
    params?: Record<string, string>;
    query?: Record<string, unknown>;
    body?: unknown;
    idempotencyKey?: string;
  };
  return call<ResponseOf<K>>(route.method.toUpperCase() as Method, fillPath(route.path, params), {
    auth: route.auth,
    query,
    body,
    idempotencyKey,
  });
}

/** The address and header of an authenticated GET operation the platform downloads itself (a PDF). */
export function operationRequest<K extends PatientOperation>(
  name: K,
  input: OperationInput<K>,
): Promise<{ url: string; header: Record<string, string> }> {
  const route = routes[name];
  const { params, query } = input as { params?: Record<string, string>; query?: Record<string, unknown> };
  return authorizedRequest(fillPath(route.path, params), query);
}
