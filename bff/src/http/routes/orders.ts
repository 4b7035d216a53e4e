import type Router from '@koa/router';
import type { z } from 'zod';
import { api, IdempotencyKey, type CreateOrderRequest, type Order } from '@cityhealth/shared-types';
import { toOrder, toOrderSummary } from '../../core/booking/order-view.js';
import type { Services } from '../../services.js';
import { AppError } from '../../shared/errors.js';
import { bind, type BindOptions } from '../route.js';

export interface CreateOrderCall {
  accountId: string;
  body: z.output<typeof CreateOrderRequest>;
  /** The raw `Idempotency-Key` header. */
  idempotencyKey: string | undefined;
  ip: string;
}

/** POST /api/v1/orders after login and body validation; shared by the Koa route and the fast path. */
export async function createOrder(s: Services, { accountId, body, idempotencyKey, ip }: CreateOrderCall): Promise<{ order: Order; replay: boolean }> {
  const key = IdempotencyKey.safeParse(idempotencyKey ?? '');
  if (!key.success) throw new AppError('VALIDATION_FAILED', idempotencyKey ? key.error.issues[0]!.message : '缺少 Idempotency-Key 请求头');
  s.throttles.booking(ip);
  await s.identity.limits.consume('bookingPerAccount', accountId);
  const { order, replay } = await s.booking.book({ accountId, patientId: body.patientId, scheduleId: body.scheduleId, slotId: body.slotId, idempotencyKey: key.data, ip });
  return { order: toOrder(order, s.clock.now()), replay };
}

export function orderRoutes(router: Router, s: Services, o: BindOptions): void {
  bind(router, api.createOrder, async ({ body, accountId, ctx, ip }) => {
    const { order, replay } = await createOrder(s, { accountId, body, idempotencyKey: ctx.get('idempotency-key') || undefined, ip });
    if (replay) ctx.set('Idempotent-Replayed', 'true');
    return order;
  }, o);

  bind(router, api.listOrders, async ({ query, accountId }) => {
    const { items, total } = await s.booking.listOrders(accountId, query.status, query.page, query.pageSize);
    const now = s.clock.now();
    return { items: items.map((r) => toOrderSummary(r, now)), page: query.page, pageSize: query.pageSize, total };
  }, o);

  bind(router, api.getOrder, async ({ params, accountId }) => toOrder(await s.booking.getOrder(accountId, params.id), s.clock.now()), o);

  bind(router, api.cancelOrder, async ({ params, body, accountId, ip }) => {
    let order = await s.booking.cancel(accountId, params.id, body.reason, ip);
    if (order.paymentStatus === 'refunding') {
      // Start the refund now rather than at the next sweep; a failure here is retried by the sweep.
      await s.payments.refundCancelled().catch((err: unknown) => s.logger.warn({ err }, 'refund after cancel deferred to the sweep'));
      order = await s.booking.getOrder(accountId, params.id);
    }
    return toOrder(order, s.clock.now());
  }, o);

  bind(router, api.payOrder, ({ params, body, accountId, ip }) => s.payments.startPayment(accountId, params.id, body.channel, body.scene, ip), o);
}
