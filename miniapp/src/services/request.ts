import Taro from '@tarojs/taro';

/** An error answer of the API: `{ error: { code, message } }` (message in Chinese, shown as is). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** GET a JSON resource of the BFF. The base is '' on H5 (same origin) and configurable elsewhere. */
export async function getJson<T>(path: string): Promise<T> {
  let res: Taro.request.SuccessCallbackResult;
  try {
    res = await Taro.request({ url: `${__API_BASE__}${path}`, method: 'GET', dataType: 'json' });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请稍后重试');
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
  const err = (res.data as { error?: { code?: string; message?: string } } | undefined)?.error;
  throw new ApiError(res.statusCode, err?.code ?? 'HTTP_' + res.statusCode, err?.message ?? `请求失败 (${res.statusCode})`);
}
