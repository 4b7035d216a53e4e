import { z } from 'zod';
import { CalendarDate, Id, Instant, PageQuery, paged } from './common.js';
import { Period, ScheduleType } from './schedules.js';
import { EDITIONS, ORDER_STATUSES, PAYMENT_STATUSES } from '../labels.js';

export const CreateOrderRequest = z
  .object({
    scheduleId: Id.optional(),
    slotId: Id.optional(),
    patientId: Id,
    /** The app's edition the patient books in (statistics only; default standard). */
    edition: z.enum(EDITIONS).optional(),
  })
  .refine((v) => (v.scheduleId === undefined) !== (v.slotId === undefined), {
    message: '请指定出诊（scheduleId）或号源（slotId）其中之一',
  })
  .meta({ id: 'CreateOrderRequest' });

export const IdempotencyKey = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Idempotency-Key 格式不正确');

export const OrderStatus = z.enum(ORDER_STATUSES);

export const PaymentStatus = z.enum(PAYMENT_STATUSES);

export const OrderEvent = z.object({
  status: OrderStatus,
  at: Instant,
  actor: z
    .string()
    .meta({ description: 'patient | system | hospital | admin | agent (phone) | staff (a console user)' }),
  reason: z.string().nullable(),
});

export const Order = z
  .object({
    id: Id,
    orderNo: z.string().meta({ description: 'Human-readable booking number' }),
    status: OrderStatus,
    statusLabel: z.string(),
    patient: z.object({ id: Id, name: z.string(), idNumberMasked: z.string() }),
    hospital: z.object({ id: Id, name: z.string(), address: z.string() }),
    department: z.object({ id: Id, name: z.string() }),
    doctor: z.object({ id: Id, name: z.string(), title: z.string() }).nullable(),
    schedule: z.object({ id: Id, date: CalendarDate, period: Period, type: ScheduleType }),
    slot: z.object({ id: Id, seq: z.number().int(), startsAt: Instant, endsAt: Instant }),
    feeFen: z.number().int(),
    visitNumber: z
      .string()
      .nullable()
      .meta({ description: 'The hospital’s visit number (就诊号), once its system gave one' }),
    payment: z.object({ status: PaymentStatus, deadline: Instant.nullable() }),
    cancelDeadline: Instant,
    cancellable: z.boolean(),
    createdAt: Instant,
    updatedAt: Instant,
    history: z.array(OrderEvent),
  })
  .meta({ id: 'Order' });

export const OrderListQuery = PageQuery.extend({
  status: z.enum(['active', 'history', ...OrderStatus.options]).optional(),
});

export const OrderPage = paged(Order.omit({ history: true }));

export const CancelOrderRequest = z
  .object({ reason: z.string().trim().max(200).optional() })
  .meta({ id: 'CancelOrderRequest' });

export type CreateOrderRequest = z.infer<typeof CreateOrderRequest>;
export type OrderStatus = z.infer<typeof OrderStatus>;
export type PaymentStatus = z.infer<typeof PaymentStatus>;
export type Order = z.infer<typeof Order>;
export type OrderSummary = Omit<Order, 'history'>;
