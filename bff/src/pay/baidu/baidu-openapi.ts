import { ChannelError } from '../channel.js';

export interface BaiduOpenApiConfig {
  /** https://openapi.baidu.com in production. */
  openApiBase: string;
  /** The mini-program's App Key and App Secret: the client credentials of the access token. */
  clientId: string;
  clientSecret: string;
  /** The payment service's appKey (pmAppKey on every call). */
  payAppKey: string;
  timeoutMs?: number;
}

/** errno of an access token that is invalid (110) or expired (111): fetch a new one and try again. */
const TOKEN_ERRNOS = new Set([110, 111]);
const PAY_SERVICE = '/rest/2.0/smartapp/pay/paymentservice';

export interface BaiduAnswer<T> {
  errno: number;
  msg: string;
  data: T;
}

/**
 * Baidu's open API for the cashier: an access token by client credentials (kept until shortly
 * before it expires, renewed when Baidu calls it invalid), then `paymentservice/*` calls that
 * answer `{errno, msg, data}`.
 */
export class BaiduOpenApi {
  private token?: { value: string; expiresAt: number };
  private pending?: Promise<string>;

  constructor(private readonly c: BaiduOpenApiConfig) {}

  /** A paymentservice call; `tolerated` errnos come back as answers instead of errors. */
  async call<T>(
    method: 'GET' | 'POST',
    name: string,
    params: Record<string, string>,
    tolerated: number[] = [],
  ): Promise<BaiduAnswer<T>> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const query = new URLSearchParams({
        access_token: token,
        ...(method === 'GET' ? { ...params, pmAppKey: this.c.payAppKey } : {}),
      });
      const body =
        method === 'POST' ? new URLSearchParams({ ...params, pmAppKey: this.c.payAppKey }).toString() : undefined;
      const answer = await this.fetchJson<BaiduAnswer<T>>(`${this.c.openApiBase}${PAY_SERVICE}/${name}?${query}`, {
        method,
        body,
        headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : undefined,
      });
      if (typeof answer.errno !== 'number')
        throw new ChannelError('baidu', 'BAD_ANSWER', `${name} answered without errno`, true);
      if (answer.errno === 0 || tolerated.includes(answer.errno)) return answer;
      if (TOKEN_ERRNOS.has(answer.errno) && attempt === 0) {
        this.token = undefined;
        continue;
      }
      throw new ChannelError(
        'baidu',
        String(answer.errno),
        String(answer.msg ?? ''),
        answer.errno >= 500 && answer.errno < 600,
      );
    }
  }

  /**
   * Another open API of the mini-program (e.g. `/rest/2.0/smartapp/template/send`): a form POST
   * with the same access token, renewed once when Baidu calls it invalid or expired.
   */
  async post<T>(path: string, form: Record<string, string>): Promise<BaiduAnswer<T>> {
    for (let attempt = 0; ; attempt++) {
      const query = new URLSearchParams({ access_token: await this.accessToken() });
      const answer = await this.fetchJson<BaiduAnswer<T>>(`${this.c.openApiBase}${path}?${query}`, {
        method: 'POST',
        body: new URLSearchParams(form).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      if (typeof answer.errno !== 'number')
        throw new ChannelError('baidu', 'BAD_ANSWER', `${path} answered without errno`, true);
      if (answer.errno === 0) return answer;
      if (TOKEN_ERRNOS.has(answer.errno) && attempt === 0) {
        this.token = undefined;
        continue;
      }
      throw new ChannelError('baidu', String(answer.errno), String(answer.msg ?? ''), answer.errno === 4002);
    }
  }

  /** Downloads a file Baidu pointed at (a bill), as bytes. */
  async download(url: string): Promise<Uint8Array> {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    } catch (e) {
      throw new ChannelError('baidu', 'BILL_DOWNLOAD_FAILED', (e as Error).message.slice(0, 200), true);
    }
  }

  private accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now()) return Promise.resolve(this.token.value);
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const query = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.c.clientId,
      client_secret: this.c.clientSecret,
      scope: 'smartapp_snsapi_base',
    });
    const r = await this.fetchJson<{
      access_token?: string;
      expires_in?: number;
      error?: string;
      error_description?: string;
    }>(`${this.c.openApiBase}/oauth/2.0/token?${query}`, { method: 'GET' });
    if (!r.access_token)
      throw new ChannelError(
        'baidu',
        r.error ?? 'NO_ACCESS_TOKEN',
        r.error_description ?? 'no access_token in the answer',
        !r.error,
      );
    // Renew a minute early so a call never leaves with a token about to lapse.
    this.token = { value: r.access_token, expiresAt: Date.now() + Math.max(0, (r.expires_in ?? 0) - 60) * 1000 };
    return r.access_token;
  }

  private async fetchJson<T>(url: string, init: RequestInit): Promise<T> {
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.c.timeoutMs ?? 10_000) });
      text = await res.text();
    } catch (e) {
      throw new ChannelError('baidu', 'NETWORK', (e as Error).message.slice(0, 200), true);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ChannelError('baidu', 'BAD_ANSWER', `HTTP ${res.status}: not JSON`, res.status >= 500);
    }
  }
}
