import type { IPayRequest, Output } from 'wechatpay-node-v3/dist/define.js';

/** The headers WeChat Pay signs its answers (and notifies) with. */
export interface SignedMessage {
  timestamp: string;
  nonce: string;
  serial: string;
  signature: string;
  body: string;
}

export const PRODUCTION_HOST = 'https://api.mch.weixin.qq.com';

/** Answers whose bodies are not signed: bill files (checked against the bill's hash instead). */
const UNSIGNED = /^\/v3\/billdownload\//;

/**
 * The HTTP layer handed to the SDK (`pay.createHttp`): sends the SDK's already-signed requests to
 * the configured host (the request signature covers only the path, so the host may change) and
 * verifies the WeChat Pay signature of every answer, errors included, before the SDK sees it —
 * the SDK itself does not. An answer with a missing or wrong signature (a forged "order does not
 * exist", a proxy's 502) comes back as status 0 with an error, never as WeChat Pay's word.
 */
export class WechatPayHttp implements IPayRequest {
  constructor(
    private readonly apiBase: string,
    private readonly verify: (m: SignedMessage) => Promise<boolean>,
    private readonly timeoutMs = 10_000,
  ) {}

  post(url: string, params: Record<string, unknown>, headers: Record<string, string>): Promise<Output> {
    return this.send('POST', url, headers, JSON.stringify(params));
  }

  get(url: string, headers: Record<string, string>): Promise<Output> {
    return this.send('GET', url, headers);
  }

  upload(): Promise<Output> {
    return Promise.reject(new Error('uploads are not used by the platform'));
  }

  private async send(method: string, url: string, headers: Record<string, string>, body?: string): Promise<Output> {
    const target = url.startsWith(PRODUCTION_HOST) ? this.apiBase + url.slice(PRODUCTION_HOST.length) : url;
    const { 'Accept-Encoding': _encoding, ...sent } = headers;
    const res = await fetch(target, { method, headers: sent, body, signal: AbortSignal.timeout(this.timeoutMs) });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    const path = new URL(target).pathname.slice(new URL(this.apiBase).pathname.replace(/\/$/, '').length);
    // A bill file is checked against its hash_value byte for byte: hand it over undecoded.
    if (UNSIGNED.test(path)) return res.ok ? { status: res.status, data: bytes } : { status: res.status, error: text };
    const h = (name: string) => res.headers.get(name) ?? '';
    const signed: SignedMessage = {
      timestamp: h('wechatpay-timestamp'),
      nonce: h('wechatpay-nonce'),
      serial: h('wechatpay-serial'),
      signature: h('wechatpay-signature'),
      body: text,
    };
    if (!signed.signature || !(await this.verify(signed))) {
      return {
        status: 0,
        error: JSON.stringify({
          code: 'RESPONSE_SIGNATURE_INVALID',
          message: `answer of ${method} ${path} is not signed by WeChat Pay`,
        }),
      };
    }
    if (!res.ok) return { status: res.status, error: text };
    return { status: res.status, data: text ? parseJson(text) : undefined };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
