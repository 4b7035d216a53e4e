import type Router from '@koa/router';
import { api } from '@cityhealth/shared-types';
import type { Services } from '../../services.js';
import { staffOf } from '../middleware/staff-auth.js';
import { bind, type BindOptions } from '../route.js';

/** The hospitals registry in the console: credentials, addresses and delivery health. */
export function consoleHospitalRoutes(router: Router, s: Services, o: BindOptions): void {
  const hospitals = s.consoleAdmin.hospitals;

  bind(router, api.consoleHospitals, async () => ({ items: await hospitals.list() }), o);
  bind(router, api.consoleHospital, ({ params }) => hospitals.get(params.id), o);
  bind(
    router,
    api.setConsoleHospitalEndpoints,
    ({ params, body, ctx }) => hospitals.setEndpoints(staffOf(ctx), params.id, body),
    o,
  );
  bind(
    router,
    api.issueHospitalSecret,
    async ({ params, ctx }) => {
      ctx.set('Cache-Control', 'no-store');
      return hospitals.issueSecret(staffOf(ctx), params.id);
    },
    o,
  );
  bind(
    router,
    api.retireHospitalSecret,
    ({ params, ctx }) => hospitals.retireSecret(staffOf(ctx), params.id, params.secretId),
    o,
  );
}
