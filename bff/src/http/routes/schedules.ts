import type Router from '@koa/router';
import { api } from '@cityhealth/shared-types';
import type { Services } from '../../services.js';
import { RawJson } from '../raw-json.js';
import { bind, type BindOptions } from '../route.js';

/** Free counts change with every booking: a one-second lifetime at most. */
const CACHE = 'public, max-age=1';

export function scheduleRoutes(router: Router, s: Services, o: BindOptions): void {
  bind(
    router,
    api.departmentSchedules,
    async ({ params, query, ctx }) => {
      const text = await s.scheduleViews.departmentSchedules(params.id, query);
      ctx.set('Cache-Control', CACHE);
      return new RawJson(text);
    },
    o,
  );

  bind(
    router,
    api.getSchedule,
    async ({ params, ctx }) => {
      const text = await s.scheduleViews.schedule(params.id);
      ctx.set('Cache-Control', CACHE);
      return new RawJson(text);
    },
    o,
  );

  bind(
    router,
    api.doctorSchedules,
    async ({ params, query, ctx }) => {
      const text = await s.scheduleViews.doctorSchedules(params.id, query);
      ctx.set('Cache-Control', CACHE);
      return new RawJson(text);
    },
    o,
  );
}
