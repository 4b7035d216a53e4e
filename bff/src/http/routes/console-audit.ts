import type Router from '@koa/router';
import { api } from '@cityhealth/shared-types';
import type { BlacklistSearch } from '../../console/blacklist.js';
import type { Services } from '../../services.js';
import { staffOf } from '../middleware/staff-auth.js';
import { bind, type BindOptions } from '../route.js';

/** The console's blacklist, audit trail and slot traceability (roles per operation in the contract). */
export function consoleAuditRoutes(router: Router, s: Services, o: BindOptions): void {
  const { blacklist, auditTrail, slotTraces } = s.consoleAudit;

  bind(router, api.blacklist, async ({ query }) => blacklist.suspended(query.page, query.pageSize), o);

  bind(
    router,
    api.blacklistSearch,
    async ({ query, ctx, ip }) => {
      // the schema lets exactly one of the three through
      const by = (
        query.idNumber !== undefined
          ? { idNumber: query.idNumber }
          : query.phone !== undefined
            ? { phone: query.phone }
            : { name: query.name! }
      ) satisfies BlacklistSearch;
      return { items: await blacklist.search(by, staffOf(ctx), ip) };
    },
    o,
  );

  bind(router, api.blacklistPerson, async ({ params }) => blacklist.person(params.id), o);

  bind(
    router,
    api.liftBlacklist,
    async ({ params, body, ctx, ip }) => blacklist.lift(staffOf(ctx), params.id, body.reason, ip),
    o,
  );

  bind(router, api.auditSearch, async ({ query }) => auditTrail.search(query), o);

  bind(router, api.slotTrace, async ({ query, ctx }) => slotTraces.trace(query, staffOf(ctx)), o);
}
