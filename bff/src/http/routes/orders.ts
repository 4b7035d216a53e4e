import type Router from '@koa/router';
import type { z } from 'zod';
import { api, type CreateOrderRequest } from '@cityhealth/shared-types';
import { toOrder, toOrderSummary } from '../../core/booking/order-view.js';
import type { Services } from '../../services.js';
import { requestStartOf } from '../request-start.js';
import { bind, channelOf, type BindOptions } from '../route.js';

/** The booking request's body as the contract's schema gives it. */
export type CreateOrderBody = z.output<typeof CreateOrderRequest>;

export function orderRoutes(router: Router, s: Services, o: BindOptions): void {
  const arrivalOf = requestStartOf(s.config);
  bind(
    router,
    api.createOrder,
    async ({ body, accountId, ctx, ip }) => {
      const { order, replay } = await s.booking.placeOrder({
        accountId,
        ...body,
        channel: channelOf(ctx),
        idempotencyKey: ctx.get('idempotency-key') || undefined,
        ip,
        receivedAt: arrivalOf(ctx.req, s.clock.now()),
      });
      if (replay) ctx.set('Idempotent-Replayed', 'true');
      return order;
    },
    o,
  );

  bind(
    router,
    api.listOrders,
    async ({ query, accountId }) => {
      const { items, total } = await s.booking.listOrders(accountId, query.status, query.page, query.pageSize);
      const now = s.clock.now();
      return { items: items.map((r) => toOrderSummary(r, now)), page: query.page, pageSize: query.pageSize, total };
    },
    o,
  );

  bind(
    router,
    api.getOrder,
    async ({ params, accountId }) => toOrder(await s.booking.getOrder(accountId, params.id), s.clock.now()),
    o,
  );

  bind(
    router,
    api.cancelOrder,
    async ({ params, body, accountId, ip }) => {
      let order = await s.booking.cancel(accountId, params.id, body.reason, ip);
      if (order.paymentStatus === 'refunding') {
        // Start the refund now rather than at the next sweep; a failure here is retried by the sweep.
        await s.payments
          .refundCancelled()
          .catch((err: unknown) => s.logger.warn({ err }, 'refund after cancel deferred to the sweep'));
        order = await s.booking.getOrder(accountId, params.id);
      }
      return toOrder(order, s.clock.now());
    },
    o,
  );

  bind(
    router,
    api.payOrder,
    ({ params, body, accountId, ip }) => s.payments.startPayment(accountId, params.id, body.channel, body.scene, ip),
    o,
  );
}
