import { AlipaySdk } from 'alipay-sdk';
import { signedErrorResponse } from '../../shared/alipay-gateway.js';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { beijingTimestamp } from '../../shared/time.js';
import { str } from './fetch-json.js';
import type { LoginProvider, PlatformIdentity } from './provider.js';

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
      result = (await this.sdk.exec('alipay.system.oauth.token', params, { validateSign: true })) as Record<
        string,
        unknown
      >;
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
    const e = signedErrorResponse(this.sdk, err);
    if (e) {
      if (CODE_INVALID.has(String(e.subCode))) return new AppError('LOGIN_CODE_INVALID');
      this.o.logger.warn({ service: 'alipay', code: e.code, subCode: e.subCode }, 'oauth.token error_response');
      return new AppError('LOGIN_PROVIDER_UNAVAILABLE');
    }
    this.o.logger.warn({ service: 'alipay', err: (err as Error).message?.slice(0, 300) }, 'oauth.token failed');
    return new AppError('LOGIN_PROVIDER_UNAVAILABLE');
  }
}
