import type { Clock } from '../../shared/clock.js';

export interface WechatSubscribeConfig {
  /** https://api.weixin.qq.com in production. */
  apiBase: string;
  appId: string;
  secret: string;
  clock: Clock;
  timeoutMs?: number;
}

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, string>;
  state: 'developer' | 'trial' | 'formal';
}

/** errcodes of a token WeChat no longer takes: fetch a new one and try once more. */
const TOKEN_ERRCODES = new Set([40001, 42001]);
/** errcodes that trying again cannot change (no subscription, bad template or data, bad openid). */
const PERMANENT = new Set([40003, 40037, 43101, 47003, 41030]);

/** What WeChat answered instead of ok; `retryable` when trying later may succeed. */
export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly retryable: boolean,
  ) {
    super(`WeChat errcode ${errcode}`);
  }
}

/**
 * `subscribeMessage.send` of the WeChat server API, with the stable access token kept until
 * shortly before it expires and fetched again when WeChat calls it invalid or expired.
 */
export class WechatSubscribeClient {
  private token?: { value: string; expiresAt: number };
  private pending?: Promise<string>;

  constructor(private readonly c: WechatSubscribeConfig) {}

  async send(m: SubscribeMessage): Promise<{ msgid: string }> {
    const body = JSON.stringify({
      touser: m.touser,
      template_id: m.templateId,
      page: m.page,
      data: Object.fromEntries(Object.entries(m.data).map(([key, value]) => [key, { value }])),
      miniprogram_state: m.state,
      lang: 'zh_CN',
    });
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const url = `${this.c.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`;
      const r = await this.fetchJson<{ errcode?: number; msgid?: number | string }>(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      const errcode = r.errcode ?? 0;
      if (errcode === 0) return { msgid: String(r.msgid ?? '') };
      if (TOKEN_ERRCODES.has(errcode) && attempt === 0) {
        this.token = undefined;
        continue;
      }
      throw new WechatApiError(errcode, !PERMANENT.has(errcode));
    }
  }

  private accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.c.clock.now()) return Promise.resolve(this.token.value);
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /**
   * The stable access token (`POST /cgi-bin/stable_token`): every process of the BFF gets the same
   * one until it expires, where `/cgi-bin/token` would make each new token replace the others'.
   */
  private async fetchToken(): Promise<string> {
    const r = await this.fetchJson<{ access_token?: string; expires_in?: number; errcode?: number }>(
      `${this.c.apiBase}/cgi-bin/stable_token`,
      {
        method: 'POST',
        body: JSON.stringify({ grant_type: 'client_credential', appid: this.c.appId, secret: this.c.secret }),
        headers: { 'content-type': 'application/json' },
      },
    );
    if (!r.access_token) throw new WechatApiError(r.errcode ?? -1, true);
    // Renew a minute early so a send never leaves with a token about to lapse.
    const lifetimeMs = Math.max(0, (r.expires_in ?? 0) - 60) * 1000;
    this.token = { value: r.access_token, expiresAt: this.c.clock.now() + lifetimeMs };
    return r.access_token;
  }

  private async fetchJson<T>(url: string, init: RequestInit): Promise<T> {
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.c.timeoutMs ?? 5000) });
      return (await res.json()) as T;
    } catch {
      throw new WechatApiError(-1, true);
    }
  }
}
