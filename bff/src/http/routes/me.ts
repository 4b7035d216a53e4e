import type Router from '@koa/router';
import { api } from '@cityhealth/shared-types';
import type { Services } from '../../services.js';
import { bind, type BindOptions } from '../route.js';

export function meRoutes(router: Router, s: Services, o: BindOptions): void {
  bind(router, api.me, ({ accountId }) => s.identity.accounts.get(accountId), o);
  bind(router, api.updateMe, ({ accountId, body, ip }) => s.identity.accounts.update(accountId, body, ip), o);
  bind(
    router,
    api.bind,
    ({ accountId, body, ip }) => s.identity.accounts.bind(accountId, body.platform, body.code, ip),
    o,
  );
  bind(
    router,
    api.subscribeNotices,
    async ({ accountId, body }) => ({ accepted: await s.notices.consents.accept(accountId, body.templateIds) }),
    o,
  );
  bind(router, api.noticeTemplates, async () => s.notices.templateIds, o);
  bind(router, api.agreements, async () => ({ items: await s.identity.agreements.current() }), o);
  bind(
    router,
    api.acceptAgreements,
    ({ accountId, body, ip }) => s.identity.accounts.acceptAgreements(accountId, body, ip),
    o,
  );
  bind(router, api.deletionCode, ({ accountId, ip }) => s.identity.deletion.sendCode(accountId, ip), o);
  bind(
    router,
    api.deleteAccount,
    async ({ accountId, body, ip }) => {
      await s.identity.deletion.delete(accountId, body.code, ip);
      return { ok: true as const };
    },
    o,
  );
}
