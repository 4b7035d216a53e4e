import type Router from '@koa/router';
import { api } from '@cityhealth/shared-types';
import type { Services } from '../../services.js';
import { staffOf } from '../middleware/staff-auth.js';
import { bind, type BindOptions } from '../route.js';

/** Phone booking (电话预约) in the console: a call-centre agent books for the caller on the line. */
export function consolePhoneRoutes(router: Router, s: Services, o: BindOptions): void {
  const phone = s.phoneBooking;

  bind(
    router,
    api.phoneLookup,
    async ({ body, ctx, ip }) => ({ caller: await phone.lookup(staffOf(ctx), body.phone, ip) }),
    o,
  );
  bind(router, api.phoneRegisterCaller, ({ body, ctx, ip }) => phone.register(staffOf(ctx), body.phone, ip), o);
  bind(router, api.phoneCaller, ({ params, ctx, ip }) => phone.caller(staffOf(ctx), params.accountId, ip), o);
  bind(
    router,
    api.phoneAddPatient,
    ({ params, body, ctx, ip }) => phone.addPatient(staffOf(ctx), params.accountId, body, ip),
    o,
  );
  bind(
    router,
    api.phoneVerifyPatient,
    ({ params, ctx, ip }) => phone.verifyPatient(staffOf(ctx), params.accountId, params.patientId, ip),
    o,
  );
  bind(
    router,
    api.phoneBook,
    async ({ params, body, ctx, ip }) => {
      const key = ctx.get('idempotency-key') || undefined;
      const { order, replay } = await phone.book(staffOf(ctx), params.accountId, body, key, ip);
      if (replay) ctx.set('Idempotent-Replayed', 'true');
      return order;
    },
    o,
  );
  bind(
    router,
    api.phoneOrder,
    ({ params, ctx, ip }) => phone.order(staffOf(ctx), params.accountId, params.orderId, ip),
    o,
  );
  bind(
    router,
    api.phoneCancel,
    ({ params, body, ctx, ip }) => phone.cancel(staffOf(ctx), params.accountId, params.orderId, body.reason, ip),
    o,
  );
}
