import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { fetchJson, str } from './fetch-json.js';
import type { LoginProvider, PlatformIdentity } from './provider.js';

const CODE_INVALID = new Set([40029, 40163]); // invalid code, code been used
const RATE_LIMITED = new Set([45011]); // api minute-quota reach limit

/** WeChat mini-program login: GET /sns/jscode2session (errors are HTTP 200 with errcode). */
export class WechatLogin implements LoginProvider {
  readonly platform = 'weapp' as const;

  constructor(private readonly o: { apiBase: string; appId: string; secret: string; logger: Logger }) {}

  async exchange(code: string): Promise<PlatformIdentity> {
    const url = new URL(`${this.o.apiBase.replace(/\/$/, '')}/sns/jscode2session`);
    url.search = new URLSearchParams({
      appid: this.o.appId,
      secret: this.o.secret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();
    const body = await fetchJson(url.toString(), { method: 'GET' }, this.o.logger, 'wechat');
    const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
    if (errcode !== 0) {
      if (CODE_INVALID.has(errcode)) throw new AppError('LOGIN_CODE_INVALID');
      if (RATE_LIMITED.has(errcode)) throw new AppError('RATE_LIMITED');
      this.o.logger.warn({ service: 'wechat', errcode, errmsg: body.errmsg }, 'jscode2session failed');
      throw new AppError('LOGIN_PROVIDER_UNAVAILABLE');
    }
    const openId = str(body.openid);
    if (!openId) throw new AppError('LOGIN_PROVIDER_UNAVAILABLE');
    return { platform: 'weapp', openId, unionId: str(body.unionid) };
  }
}
