import { AlipayRequestError, type AlipaySdk } from 'alipay-sdk';

/** `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai (UTC+8, no daylight saving), as the Alipay gateway reads and writes times. */
export const beijingTimestamp = (at: number): string => new Date(at + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

/** The instant of an Alipay `yyyy-MM-dd HH:mm:ss` (Beijing) text, or null. */
export function fromBeijingTimestamp(text: string | undefined | null): number | null {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(text ?? '');
  if (!m) return null;
  const at = Date.parse(`${m[1]}T${m[2]}+08:00`);
  return Number.isNaN(at) ? null : at;
}

export interface AlipayErrorResponse {
  code: string;
  subCode: string | null;
  subMsg: string | null;
}

/**
 * The SDK throws on an `error_response` (it cannot check that signature itself). Returns the
 * error only when it carries a valid Alipay signature; null for anything else (an outage, a
 * forged or garbled answer).
 */
export function signedErrorResponse(sdk: AlipaySdk, err: unknown): AlipayErrorResponse | null {
  const raw = err instanceof AlipayRequestError ? err.responseDataRaw : undefined;
  if (!raw) return null;
  try {
    const body = JSON.parse(raw) as { error_response?: { code?: string; sub_code?: string; sub_msg?: string }; sign?: string };
    const e = body.error_response;
    if (!e || typeof body.sign !== 'string' || !sdk.rsaCheck(sdk.getSignStr(raw, 'error_response'), body.sign, 'RSA2')) return null;
    return { code: String(e.code ?? ''), subCode: e.sub_code ?? null, subMsg: e.sub_msg ?? null };
  } catch {
    return null;
  }
}
