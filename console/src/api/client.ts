import type { BodyOf, OperationName, ParamsOf, QueryOf, ResponseOf } from '@cityhealth/shared-types';
import { type HttpMethod, routes } from '@cityhealth/shared-types/routes';
import { ApiError, NETWORK_MESSAGE, SESSION_LOST_CODES } from './api-error';

/** The operations of the console: the staff ones of the contract, its login, and the public catalogue reads. */
export type ConsoleOperation =
  | {
      [K in OperationName]: (typeof routes)[K] extends { staff: unknown } ? K : never;
    }[OperationName]
  | 'staffLogin'
  | 'listHospitals'
  | 'getHospital';

/** A part of the request is required exactly when the operation's schema requires it. */
type Part<Name extends string, T> = undefined extends T ? { [P in Name]?: T } : { [P in Name]: T };
export type OperationInput<K extends ConsoleOperation> = Part<'params', ParamsOf<K>> &
  Part<'query', QueryOf<K>> &
  Part<'body', BodyOf<K>>;

const UNSAFE: ReadonlySet<HttpMethod> = new Set(['post', 'put', 'patch', 'delete']);

let csrfToken: string | null = null;
let sessionLost: (error: ApiError) => void = () => undefined;

/** The session's token, sent as X-CSRF-Token with every request that changes something. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (the session context returns to the login page). */
export function onSessionLost(handler: (error: ApiError) => void): void {
  sessionLost = handler;
}

/** Fills the `:name` segments of a path (`:date.csv` included). */
export function fillPath(template: string, params: Record<string, string> | undefined): string {
  return template.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (!value) throw new ApiError(0, 'MISSING_PARAMETER', '页面参数缺失，请返回重试');
    return encodeURIComponent(value);
  });
}

export function queryString(query: Record<string, unknown> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The same-origin address of a GET operation (for links and downloads). */
export function operationUrl<K extends ConsoleOperation>(name: K, input: OperationInput<K>): string {
  const { params, query } = input as { params?: Record<string, string>; query?: Record<string, unknown> };
  return fillPath(routes[name].path, params) + queryString(query);
}

async function errorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => undefined)) as
    | { error?: { code?: string; message?: string; details?: unknown } }
    | undefined;
  const error = body?.error;
  return new ApiError(
    res.status,
    error?.code ?? `HTTP_${res.status}`,
    error?.message ?? `请求失败（${res.status}），请稍后重试`,
    error?.details,
  );
}

/** Calls one operation of the contract: its method and path come from the route table. */
export async function callOperation<K extends ConsoleOperation>(
  name: K,
  ...[input]: Record<never, never> extends OperationInput<K> ? [OperationInput<K>?] : [OperationInput<K>]
): Promise<ResponseOf<K>> {
  const route = routes[name];
  const { body } = (input ?? {}) as { body?: unknown };
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(route.method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(operationUrl(name, (input ?? {}) as OperationInput<K>), {
      method: route.method.toUpperCase(),
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  if (!res.ok) {
    const error = await errorOf(res);
    if (SESSION_LOST_CODES.has(error.code) && name !== 'staffLogin' && name !== 'staffSession') sessionLost(error);
    throw error;
  }
  if (res.status === 204) return undefined as ResponseOf<K>;
  return (await res.json()) as ResponseOf<K>;
}
