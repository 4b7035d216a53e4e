import type Router from '@koa/router';
import { api } from '@cityhealth/shared-types';
import type { Services } from '../../services.js';
import { bind, channelOf, type BindOptions } from '../route.js';

/** The patient's waitlists (候补): join a full session or day, list them with their places, leave one. */
export function waitlistRoutes(router: Router, s: Services, o: BindOptions): void {
  bind(
    router,
    api.joinWaitlist,
    async ({ body, accountId, ctx }) => s.waitlist.join({ accountId, ...body, channel: channelOf(ctx) }),
    o,
  );

  bind(router, api.listWaitlist, async ({ accountId }) => ({ items: await s.waitlist.list(accountId) }), o);

  bind(router, api.leaveWaitlist, async ({ params, accountId }) => s.waitlist.leave(accountId, params.id), o);
}
