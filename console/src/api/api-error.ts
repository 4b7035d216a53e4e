/** An error answer of the API (`{error:{code,message,details}}`), or a request that got no answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';

/** The codes after which the console must sign in again (the session is gone or timed out). */
export const SESSION_LOST_CODES = new Set(['STAFF_UNAUTHENTICATED', 'STAFF_SESSION_EXPIRED']);

/** What a person reads for any failure: the server's Chinese message, or a generic one. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '操作失败，请稍后重试';
}

/** The per-field messages of a VALIDATION_FAILED answer (`details: [{path:'body.x', message}]`), by field. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {};
  const fields: Record<string, string> = {};
  for (const d of error.details as { path?: unknown; message?: unknown }[]) {
    if (typeof d.path !== 'string' || typeof d.message !== 'string') continue;
    const field = d.path.split('.').slice(1).join('.');
    if (field && !(field in fields)) fields[field] = d.message;
  }
  return fields;
}
