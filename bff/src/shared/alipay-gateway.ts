import { AlipayRequestError, type AlipaySdk } from 'alipay-sdk';

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
    const body = JSON.parse(raw) as {
      error_response?: { code?: string; sub_code?: string; sub_msg?: string };
      sign?: string;
    };
    const e = body.error_response;
    if (!e || typeof body.sign !== 'string' || !sdk.rsaCheck(sdk.getSignStr(raw, 'error_response'), body.sign, 'RSA2'))
      return null;
    return { code: String(e.code ?? ''), subCode: e.sub_code ?? null, subMsg: e.sub_msg ?? null };
  } catch {
    return null;
  }
}
