import type Router from '@koa/router';
import { api } from '@cityhealth/shared-types';
import type { Services } from '../../services.js';
import { bind, channelOf, type BindOptions } from '../route.js';

export function authRoutes(router: Router, s: Services, o: BindOptions): void {
  bind(
    router,
    api.login,
    ({ body, ip }) => s.identity.accounts.loginWithPlatform(body.platform, body.code, ip, body.agreements),
    o,
  );
  bind(router, api.smsSend, ({ body, ip }) => s.identity.accounts.sendSmsCode(body.phone, body.purpose, ip), o);
  bind(router, api.refreshToken, ({ accountId, ctx }) => s.identity.accounts.refresh(accountId, channelOf(ctx)), o);
  bind(
    router,
    api.smsLogin,
    ({ body, ip }) => s.identity.accounts.loginWithSms(body.phone, body.code, ip, body.platform, body.agreements),
    o,
  );
}
