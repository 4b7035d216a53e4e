import type Router from '@koa/router';
import { api } from '@cityhealth/shared-types';
import type { Services } from '../../services.js';
import { staffOf } from '../middleware/staff-auth.js';
import { bind, type BindOptions } from '../route.js';

/** Announcements and help articles in the console: drafts, edits, publishing and withdrawing. */
export function consoleContentRoutes(router: Router, s: Services, o: BindOptions): void {
  const { announcements, help } = s.consoleAdmin;

  bind(router, api.consoleAnnouncements, ({ query, ctx }) => announcements.list(staffOf(ctx), query), o);
  bind(router, api.createAnnouncement, ({ body, ctx, ip }) => announcements.create(staffOf(ctx), body, ip), o);
  bind(router, api.consoleAnnouncement, ({ params, ctx }) => announcements.get(staffOf(ctx), params.id), o);
  bind(
    router,
    api.updateAnnouncement,
    ({ params, body, ctx, ip }) => announcements.edit(staffOf(ctx), params.id, body, ip),
    o,
  );
  bind(
    router,
    api.publishAnnouncement,
    ({ params, ctx, ip }) => announcements.transition(staffOf(ctx), params.id, 'publish', ip),
    o,
  );
  bind(
    router,
    api.withdrawAnnouncement,
    ({ params, ctx, ip }) => announcements.transition(staffOf(ctx), params.id, 'withdraw', ip),
    o,
  );

  bind(router, api.consoleHelpArticles, async ({ query }) => ({ items: await help.list(query.status) }), o);
  bind(router, api.createHelpArticle, ({ body, ctx, ip }) => help.create(staffOf(ctx), body, ip), o);
  bind(router, api.updateHelpArticle, ({ params, body, ctx, ip }) => help.edit(staffOf(ctx), params.id, body, ip), o);
  bind(
    router,
    api.publishHelpArticle,
    ({ params, ctx, ip }) => help.transition(staffOf(ctx), params.id, 'publish', ip),
    o,
  );
  bind(
    router,
    api.withdrawHelpArticle,
    ({ params, ctx, ip }) => help.transition(staffOf(ctx), params.id, 'withdraw', ip),
    o,
  );
}
