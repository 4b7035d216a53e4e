import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { fetchJson, str } from './fetch-json.js';
import type { LoginProvider, PlatformIdentity } from './provider.js';

/** Baidu smart-program login: POST /oauth/jscode2sessionkey (form code, client_id, sk). */
export class BaiduLogin implements LoginProvider {
  readonly platform = 'swan' as const;

  constructor(private readonly o: { apiBase: string; clientId: string; sk: string; logger: Logger }) {}

  async exchange(code: string): Promise<PlatformIdentity> {
    const body = await fetchJson(
      `${this.o.apiBase.replace(/\/$/, '')}/oauth/jscode2sessionkey`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ code, client_id: this.o.clientId, sk: this.o.sk }).toString(),
      },
      this.o.logger,
      'baidu',
    );
    if (body.errno !== undefined || body.error !== undefined) {
      // OAuth-style error names: invalid_grant is the user's code; anything else is ours or theirs.
      if (body.error === 'invalid_grant') throw new AppError('LOGIN_CODE_INVALID');
      this.o.logger.warn({ service: 'baidu', errno: body.errno, error: body.error }, 'jscode2sessionkey failed');
      throw new AppError('LOGIN_PROVIDER_UNAVAILABLE');
    }
    const openId = str(body.openid);
    if (!openId) throw new AppError('LOGIN_PROVIDER_UNAVAILABLE');
    return { platform: 'swan', openId, unionId: null };
  }
}
