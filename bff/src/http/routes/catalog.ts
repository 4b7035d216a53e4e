import type Router from '@koa/router';
import { api } from '@cityhealth/shared-types';
import type { Services } from '../../services.js';
import { RawJson } from '../raw-json.js';
import { bind, type BindOptions } from '../route.js';

/** Hospitals change rarely: clients and CDNs may keep these answers for a short while. */
const CACHE = 'public, max-age=30';

export function catalogRoutes(router: Router, s: Services, o: BindOptions): void {
  bind(
    router,
    api.listHospitals,
    async ({ query, ctx }) => {
      const text = await s.catalog.listHospitals(query);
      ctx.set('Cache-Control', CACHE);
      return new RawJson(text);
    },
    o,
  );

  bind(
    router,
    api.districts,
    async ({ ctx }) => {
      const text = await s.catalog.districts();
      ctx.set('Cache-Control', CACHE);
      return new RawJson(text);
    },
    o,
  );

  bind(
    router,
    api.getHospital,
    async ({ params, ctx }) => {
      const text = await s.catalog.hospitalDetail(params.id);
      ctx.set('Cache-Control', CACHE);
      return new RawJson(text);
    },
    o,
  );

  bind(
    router,
    api.search,
    async ({ query, ctx }) => {
      const text = await s.catalog.search(query.q, query.limit);
      ctx.set('Cache-Control', CACHE);
      return new RawJson(text);
    },
    o,
  );
}
