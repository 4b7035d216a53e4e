import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

export const PROVIDER_TIMEOUT_MS = 5000;

/** Fetches a JSON document from a login service; any transport or format trouble is LOGIN_PROVIDER_UNAVAILABLE. */
export async function fetchJson(
  url: string,
  init: RequestInit,
  logger: Logger,
  service: string,
): Promise<Record<string, unknown>> {
  let text: string;
  try {
    const r = await fetch(url, { ...init, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
    text = await r.text();
  } catch (err) {
    logger.warn({ service, err: (err as Error).message }, 'login service unreachable');
    throw new AppError('LOGIN_PROVIDER_UNAVAILABLE');
  }
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    /* fall through */
  }
  logger.warn({ service }, 'login service answered something that is not a JSON object');
  throw new AppError('LOGIN_PROVIDER_UNAVAILABLE');
}

export const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
