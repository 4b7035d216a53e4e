import type Router from '@koa/router';
import { api } from '@cityhealth/shared-types';
import type { Services } from '../../services.js';
import { bind, type BindOptions } from '../route.js';

export function patientRoutes(router: Router, s: Services, o: BindOptions): void {
  const patients = s.identity.patients;
  bind(router, api.listPatients, ({ accountId }) => patients.list(accountId), o);
  bind(router, api.createPatient, ({ accountId, body, ip }) => patients.create(accountId, body, ip), o);
  bind(
    router,
    api.updatePatient,
    ({ accountId, params, body, ip }) => patients.update(accountId, params.id, body, ip),
    o,
  );
  bind(
    router,
    api.deletePatient,
    async ({ accountId, params, ip }) => {
      await patients.remove(accountId, params.id, ip);
      return { ok: true as const };
    },
    o,
  );
  bind(router, api.verifyPatient, ({ accountId, params, ip }) => patients.verify(accountId, params.id, ip), o);
  bind(router, api.addPatient, ({ accountId, body, ip }) => s.identity.registration.add(accountId, body, ip), o);
}
