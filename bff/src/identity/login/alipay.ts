import { AlipayRequestError, AlipaySdk } from 'alipay-sdk';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { str } from './fetch-json.js';
import type { LoginProvider, PlatformIdentity } from './provider.js';

/** `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai (UTC+8, no daylight saving). */
export const beijingTimestamp = (at: number): string => new Date(at + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

const CODE_INVALID = new Set(['isv.code-invalid', 'isv.code-expired', 'isv.code-used']);

export interface AlipayLoginOptions {
  appId: string;
  privateKey: string;
  alipayPublicKey: string;
  keyType: 'PKCS1' | 'PKCS8';
  gateway: string;
  logger: Logger;
}

/**
 * Alipay mini-program login through the real alipay-sdk: `alipay.system.oauth.token` with the
 * code as top-level params, every answer's signature checked (`validateSign`).
 */
export class AlipayLogin implements LoginProvider {
  readonly platform = 'alipay' as const;
  private readonly sdk: AlipaySdk;

  constructor(private readonly o: AlipayLoginOptions) {
    this.sdk = new AlipaySdk({
      appId: o.appId,
      privateKey: o.privateKey,
      alipayPublicKey: o.alipayPublicKey,
      keyType: o.keyType,
      signType: 'RSA2',
      gateway: o.gateway,
      timeout: 5000,
    });
  }

  async exchange(code: string): Promise<PlatformIdentity> {
    let result: Record<string, unknown>;
    try {
      // The gateway reads `timestamp` as Beijing time; the SDK would write process-local time, so pass it.
      const params = { grantType: 'authorization_code', code, timestamp: beijingTimestamp(Date.now()) };
      result = (await this.sdk.exec('alipay.system.oauth.token', params, { validateSign: true })) as Record<string, unknown>;
    } catch (err) {
      throw this.failure(err);
    }
    if (result.code !== undefined && result.code !== '10000') {
      if (CODE_INVALID.has(String(result.subCode))) throw new AppError('LOGIN_CODE_INVALID');
      this.o.logger.warn({ service: 'alipay', code: result.code, subCode: result.subCode }, 'oauth.token refused');
      throw new AppError('LOGIN_PROVIDER_UNAVAILABLE');
    }
    const openId = str(result.openId) ?? str(result.userId);
    if (!openId) throw new AppError('LOGIN_PROVIDER_UNAVAILABLE');
    return { platform: 'alipay', openId, unionId: str(result.unionId) };
  }

  /**
   * The SDK throws on an `error_response` (it cannot check that signature). A bad code is only
   * believed when the error itself carries a valid Alipay signature; anything else is an outage.
   */
  private failure(err: unknown): AppError {
    const raw = err instanceof AlipayRequestError ? err.responseDataRaw : undefined;
    if (raw) {
      try {
        const body = JSON.parse(raw) as { error_response?: { sub_code?: string; code?: string }; sign?: string };
        const e = body.error_response;
        if (e && typeof body.sign === 'string' && this.sdk.rsaCheck(this.sdk.getSignStr(raw, 'error_response'), body.sign, 'RSA2')) {
          if (CODE_INVALID.has(String(e.sub_code))) return new AppError('LOGIN_CODE_INVALID');
          this.o.logger.warn({ service: 'alipay', code: e.code, subCode: e.sub_code }, 'oauth.token error_response');
          return new AppError('LOGIN_PROVIDER_UNAVAILABLE');
        }
      } catch {
        /* not JSON: fall through */
      }
    }
    this.o.logger.warn({ service: 'alipay', err: (err as Error).message?.slice(0, 300) }, 'oauth.token failed');
    return new AppError('LOGIN_PROVIDER_UNAVAILABLE');
  }
}
