import type Router from '@koa/router';
import { api } from '@cityhealth/shared-types';
import type { Services } from '../../services.js';
import { RawJson } from '../raw-json.js';
import { bind, type BindOptions } from '../route.js';

const CACHE = 'public, max-age=60';

export function contentRoutes(router: Router, s: Services, o: BindOptions): void {
  bind(
    router,
    api.announcements,
    async ({ query, ctx }) => {
      const text = await s.content.announcements(query);
      ctx.set('Cache-Control', CACHE);
      return new RawJson(text);
    },
    o,
  );

  bind(
    router,
    api.announcement,
    async ({ params, ctx }) => {
      const text = await s.content.announcement(params.id);
      ctx.set('Cache-Control', CACHE);
      return new RawJson(text);
    },
    o,
  );

  bind(
    router,
    api.bookingRules,
    async ({ ctx }) => {
      const r = s.config.rules;
      ctx.set('Cache-Control', 'public, max-age=300');
      return {
        maxPerWindow: r.maxPerWindow,
        windowDays: r.windowDays,
        paymentWindowMinutes: Math.round(r.paymentWindowMs / 60_000),
        cancelDeadline: { daysBefore: r.cancelDeadlineDaysBefore, time: r.cancelDeadlineTime },
        noShow: { threshold: r.noShowThreshold, windowDays: r.noShowWindowDays, suspendDays: r.blacklistDays },
        waitlist: {
          maxPerPerson: r.waitlistMaxPerPerson,
          closes: { daysBefore: r.waitlistCloseDaysBefore, time: r.waitlistCloseTime },
        },
        childMaxAge: r.childMaxAge,
      };
    },
    o,
  );

  bind(
    router,
    api.help,
    async ({ ctx }) => {
      const text = await s.content.help();
      ctx.set('Cache-Control', CACHE);
      return new RawJson(text);
    },
    o,
  );
}
