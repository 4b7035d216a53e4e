import Taro from '@tarojs/taro';
import type { ResponseOf } from '@cityhealth/shared-types';
import { routes, type HttpMethod } from '@cityhealth/shared-types/routes';
import { ApiError, NETWORK_MESSAGE } from './api-error';
import { currentSession, saveSession } from './session-store';
import { sendToLogin } from './login-redirect';

export type Method = Uppercase<HttpMethod>;

export interface CallOptions {
  query?: Record<string, unknown>;
  body?: unknown;
  /** Sends the session token; without a session the patient is sent to log in. */
  auth?: boolean;
  /** Makes a write safe to repeat: the server answers a repeated key with the first result. */
  idempotencyKey?: string;
}

/** Renew a token when less than this is left of it (tokens live for days; a patient keeps using the app). */
const RENEW_BEFORE_MS = 24 * 3600_000;
/** Waits before the retries of a request that got no answer (reads, and writes that carry an idempotency key). */
const RETRY_DELAYS_MS = [400, 1500];

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function queryString(query: CallOptions['query']): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

interface RawAnswer {
  statusCode: number;
  data: unknown;
}

async function send(method: Method, url: string, header: Record<string, string>, body: unknown): Promise<RawAnswer> {
  try {
    const res = await Taro.request({
      url,
      method,
      header,
      data: body as Taro.request.Option['data'],
      dataType: 'json',
      timeout: 15_000,
    });
    return { statusCode: res.statusCode, data: res.data };
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
}

function toError(res: RawAnswer): ApiError {
  const err = (res.data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
  return new ApiError(
    res.statusCode,
    err?.code ?? `HTTP_${res.statusCode}`,
    err?.message ?? `请求失败（${res.statusCode}），请稍后重试`,
    err?.details,
  );
}

let renewing: Promise<void> | null = null;

/** Swaps a token near its end for a fresh one (once, however many requests are waiting). */
async function renewIfDue(): Promise<void> {
  const s = currentSession();
  if (!s || Date.parse(s.expiresAt) - Date.now() > RENEW_BEFORE_MS) return;
  if (Date.parse(s.expiresAt) <= Date.now()) {
    saveSession(null);
    return;
  }
  renewing ??= (async () => {
    try {
      const { method, path } = routes.refreshToken;
      const res = await send(
        method.toUpperCase() as Method,
        `${__API_BASE__}${path}`,
        { Authorization: `Bearer ${s.token}` },
        undefined,
      );
      if (res.statusCode === 200) {
        const a = res.data as ResponseOf<'refreshToken'>;
        saveSession({ token: a.token, expiresAt: a.expiresAt, accountId: a.account.id });
      } else if (res.statusCode === 401) saveSession(null);
    } catch {
      // No answer: keep the current token while it lasts and try again on the next request.
    } finally {
      renewing = null;
    }
  })();
  await renewing;
}

/**
 * The address and session header of an authenticated GET that the platform itself fetches (a PDF
 * it downloads and opens): the same token renewal and login redirect as `call`.
 */
export async function authorizedRequest(
  path: string,
  query?: CallOptions['query'],
): Promise<{ url: string; header: Record<string, string> }> {
  await renewIfDue();
  const s = currentSession();
  if (!s) {
    sendToLogin();
    throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
  }
  return { url: `${__API_BASE__}${path}${queryString(query)}`, header: { Authorization: `Bearer ${s.token}` } };
}

/** Calls the BFF's patient API and returns its JSON, or throws an ApiError carrying the Chinese message. */
export async function call<T>(method: Method, path: string, opts: CallOptions = {}): Promise<T> {
  const header: Record<string, string> = { 'Content-Type': 'application/json' };
  if (opts.auth) {
    await renewIfDue();
    const s = currentSession();
    if (!s) {
      sendToLogin();
      throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
    }
    header.Authorization = `Bearer ${s.token}`;
  }
  if (opts.idempotencyKey) header['Idempotency-Key'] = opts.idempotencyKey;
  const url = `${__API_BASE__}${path}${queryString(opts.query)}`;
  const retryable = method === 'GET' || opts.idempotencyKey !== undefined;

  for (let attempt = 0; ; attempt++) {
    let res: RawAnswer;
    try {
      res = await send(method, url, header, opts.body);
    } catch (e) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (!retryable || delay === undefined) throw e;
      await sleep(delay);
      continue;
    }
    if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
    const error = toError(res);
    if (opts.auth && res.statusCode === 401) {
      saveSession(null);
      sendToLogin();
    }
    throw error;
  }
}
