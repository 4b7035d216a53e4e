/** One field the API refused, e.g. `{ path: 'body.phone', message: '请输入正确的 11 位手机号' }`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * An error answer of the API, `{ error: { code, message, details? } }`. The message is written for
 * patients (Chinese) and is shown as it is. `status` 0 means the request never got an answer.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }

  /** The message of the first refused field whose path ends with `field` (for inline form errors). */
  fieldMessage(field: string): string | undefined {
    if (!Array.isArray(this.details)) return undefined;
    const hit = (this.details as FieldIssue[]).find(
      (i) => typeof i?.path === 'string' && (i.path === field || i.path.endsWith(`.${field}`)),
    );
    return hit?.message;
  }
}

export const MISSING_PARAMETER_MESSAGE = '页面地址不完整，请返回后重新进入';

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';

/** What to show for any failure: the API's own message, or a plain one for the unexpected. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return '出了点问题，请稍后重试';
}
