import crypto from 'node:crypto';
import type { Clock } from '../shared/clock.js';
import type { SandboxCredentials } from './credentials.js';
import { json, type Reply } from './http.js';

const TOKEN_TTL_S = 7200;
const rid = () => crypto.randomBytes(6).toString('hex');
const error = (errcode: number, errmsg: string): Reply => json({ errcode, errmsg: `${errmsg} rid: ${rid()}` });

export interface SentSubscribeMessage {
  msgid: number;
  touser: string;
  templateId: string;
  page: string | null;
  data: Record<string, string>;
  state: string;
  sentAt: string;
}

/** What a keyword's value may be, by its type (the prefix of thing1, time2 …), as WeChat checks it. */
const VALUE_RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => v.length > 0 && [...v].length <= 20,
  phrase: (v) => /^[\u4e00-\u9fa5]{1,5}$/.test(v),
  time: (v) => /^\d{4}(-|年)\d{1,2}(-|月)\d{1,2}日?( \d{1,2}:\d{2}(:\d{2})?)?$/.test(v),
  character_string: (v) => /^[A-Za-z0-9_-]{1,32}$/.test(v),
  amount: (v) => /^[¥￥]?\d+(\.\d{1,2})?元?$/.test(v),
};

/**
 * WeChat's server API for subscription messages: access tokens by client credentials (2 h;
 * `GET /cgi-bin/token`, `POST /cgi-bin/stable_token`) and `POST /cgi-bin/message/subscribe/send`.
 * A message needs a one-time credit of its template from that user, which
 * `wx.requestSubscribeMessage` grants in the real app; here the BFF reports the accepted
 * templates to `/wechat/sandbox/subscriptions`.
 */
export class WechatSubscribeEmulator {
  readonly sent: SentSubscribeMessage[] = [];
  private readonly tokens = new Map<string, number>();
  private readonly credits = new Map<string, number>();
  private failures: { errcode: number; times: number } | null = null;
  private nextMsgId = 1_000_000;
  private stable: string | null = null;

  constructor(
    private readonly creds: SandboxCredentials['wechat'],
    private readonly clock: Clock,
  ) {}

  token(q: URLSearchParams): Reply {
    if (q.get('grant_type') !== 'client_credential') return error(40002, 'invalid grant_type');
    if (q.get('appid') !== this.creds.appId) return error(40013, 'invalid appid');
    if (q.get('secret') !== this.creds.secret) return error(40125, 'invalid appsecret');
    const token = crypto.randomBytes(48).toString('base64url');
    this.tokens.set(token, this.clock.now() + TOKEN_TTL_S * 1000);
    return json({ access_token: token, expires_in: TOKEN_TTL_S });
  }

  /**
   * `POST /cgi-bin/stable_token` {grant_type, appid, secret, force_refresh?}: the same token to
   * every caller until it expires (or a forced refresh replaces it).
   */
  stableToken(body: string): Reply {
    let b: { grant_type?: unknown; appid?: unknown; secret?: unknown; force_refresh?: unknown };
    try {
      b = JSON.parse(body) as typeof b;
    } catch {
      return error(47001, 'data format error');
    }
    if (b.grant_type !== 'client_credential') return error(40002, 'invalid grant_type');
    if (b.appid !== this.creds.appId) return error(40013, 'invalid appid');
    if (b.secret !== this.creds.secret) return error(40125, 'invalid appsecret');
    const now = this.clock.now();
    const current = this.stable && this.tokens.get(this.stable);
    if (!this.stable || !current || current <= now || b.force_refresh === true) {
      this.stable = crypto.randomBytes(48).toString('base64url');
      this.tokens.set(this.stable, now + TOKEN_TTL_S * 1000);
    }
    const expiresIn = Math.floor((this.tokens.get(this.stable)! - now) / 1000);
    return json({ access_token: this.stable, expires_in: expiresIn });
  }

  send(q: URLSearchParams, body: string): Reply {
    const expiresAt = this.tokens.get(q.get('access_token') ?? '');
    if (expiresAt === undefined) return error(40001, 'invalid credential, access_token is invalid or not latest');
    if (expiresAt <= this.clock.now()) return error(42001, 'access_token expired');
    let m: { touser?: unknown; template_id?: unknown; page?: unknown; data?: unknown; miniprogram_state?: unknown };
    try {
      m = JSON.parse(body) as typeof m;
    } catch {
      return error(47001, 'data format error');
    }
    if (typeof m.touser !== 'string' || !m.touser) return error(40003, 'invalid openid');
    const templateId = typeof m.template_id === 'string' ? m.template_id : '';
    const keywords = this.creds.templates[templateId];
    if (!keywords) return error(40037, 'invalid template id');
    const data = this.values(m.data);
    for (const key of keywords) {
      const rule = VALUE_RULES[key.replace(/\d+$/, '')];
      const value = data?.[key];
      if (value === undefined || (rule && !rule(value)))
        return error(47003, `argument invalid! data.${key}.value invalid`);
    }
    const state = m.miniprogram_state ?? 'formal';
    if (state !== 'developer' && state !== 'trial' && state !== 'formal')
      return error(47003, 'argument invalid! miniprogram_state invalid');
    const creditKey = `${m.touser}\0${templateId}`;
    const credit = this.credits.get(creditKey) ?? 0;
    if (credit < 1) return error(43101, 'user refuse to accept the msg');
    if (this.failures) {
      const { errcode } = this.failures;
      if (--this.failures.times === 0) this.failures = null;
      return error(errcode, 'system error');
    }
    this.credits.set(creditKey, credit - 1);
    const msgid = this.nextMsgId++;
    this.sent.unshift({
      msgid,
      touser: m.touser,
      templateId,
      page: typeof m.page === 'string' ? m.page : null,
      data: data!,
      state,
      sentAt: new Date(this.clock.now()).toISOString(),
    });
    return json({ errcode: 0, errmsg: 'ok', msgid });
  }

  /** The tester's side: `subscriptions` {openid, templateIds}, `faults` {errcode, times}, `expire-tokens`. */
  sandbox(name: string, body: string): Reply {
    let input: Record<string, unknown>;
    try {
      input = (JSON.parse(body || '{}') ?? {}) as Record<string, unknown>;
    } catch {
      return json({ errcode: 47001, errmsg: 'body must be JSON' }, 400);
    }
    if (name === 'subscriptions') {
      const ids = input.templateIds;
      if (typeof input.openid !== 'string' || !Array.isArray(ids) || ids.some((id) => typeof id !== 'string'))
        return json({ errcode: 47001, errmsg: 'openid and templateIds[] required' }, 400);
      for (const id of ids as string[]) {
        const key = `${input.openid}\0${id}`;
        this.credits.set(key, (this.credits.get(key) ?? 0) + 1);
      }
      return json({ errcode: 0, errmsg: 'ok' });
    }
    if (name === 'faults') {
      const times = Number(input.times ?? 1);
      if (!Number.isInteger(times) || times < 1) return json({ errcode: 47001, errmsg: 'times ≥ 1' }, 400);
      this.failures = { errcode: Number(input.errcode ?? -1), times };
      return json({ errcode: 0, errmsg: 'ok' });
    }
    if (name === 'expire-tokens') {
      for (const token of this.tokens.keys()) this.tokens.set(token, 0);
      return json({ errcode: 0, errmsg: 'ok' });
    }
    return json({ error: 'not found' }, 404);
  }

  messagesFor(openid: string | null, limit = 50): SentSubscribeMessage[] {
    return this.sent.filter((m) => openid === null || m.touser === openid).slice(0, limit);
  }

  private values(data: unknown): Record<string, string> | null {
    if (!data || typeof data !== 'object') return null;
    const out: Record<string, string> = {};
    for (const [key, v] of Object.entries(data as Record<string, unknown>)) {
      const value = (v as { value?: unknown } | null)?.value;
      if (typeof value === 'string') out[key] = value;
    }
    return out;
  }
}
