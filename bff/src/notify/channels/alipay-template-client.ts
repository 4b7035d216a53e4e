import { AlipayRequestError, AlipaySdk } from 'alipay-sdk';
import { signedErrorResponse } from '../../shared/alipay-gateway.js';
import { beijingTimestamp } from '../../shared/time.js';

export interface AlipayTemplateConfig {
  appId: string;
  privateKey: string;
  alipayPublicKey: string;
  keyType: 'PKCS1' | 'PKCS8';
  gateway: string;
}

export interface AlipayTemplateMessage {
  toUserId: string;
  /** The pay scene's form id: the user's paid trade no. */
  formId: string;
  templateId: string;
  page: string;
  data: Record<string, string>;
}

/** Alipay's refusal (its sub_code) or an outage; `retryable` when trying later may succeed. */
export class AlipayTemplateError extends Error {
  constructor(
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(`Alipay template message failed: ${code}`);
  }
}

/** `alipay.open.app.mini.templatemessage.send` through alipay-sdk (RSA2-signed, answers checked). */
export class AlipayTemplateClient {
  private readonly sdk: AlipaySdk;

  constructor(c: AlipayTemplateConfig) {
    this.sdk = new AlipaySdk({ ...c, signType: 'RSA2', timeout: 10_000 });
  }

  async send(m: AlipayTemplateMessage): Promise<void> {
    let r: { code?: string; subCode?: string };
    try {
      r = await this.sdk.exec(
        'alipay.open.app.mini.templatemessage.send',
        {
          // The gateway reads `timestamp` as Beijing time; the SDK would write process-local time.
          timestamp: beijingTimestamp(Date.now()),
          bizContent: {
            to_user_id: m.toUserId,
            form_id: m.formId,
            user_template_id: m.templateId,
            page: m.page,
            data: JSON.stringify(Object.fromEntries(Object.entries(m.data).map(([k, value]) => [k, { value }]))),
          },
        },
        { validateSign: true },
      );
    } catch (e) {
      const signed = signedErrorResponse(this.sdk, e);
      if (signed) throw new AlipayTemplateError(signed.subCode ?? signed.code, false);
      const bad = e instanceof AlipayRequestError && String(e.message).startsWith('验签失败');
      throw new AlipayTemplateError(bad ? 'RESPONSE_SIGNATURE_INVALID' : 'NETWORK', true);
    }
    if (r.code === '10000') return;
    // 20000: Alipay's service is unavailable for now; 40004: a business refusal.
    throw new AlipayTemplateError(String(r.subCode ?? r.code), r.code === '20000');
  }
}
