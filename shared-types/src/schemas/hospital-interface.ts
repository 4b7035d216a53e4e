import { z } from 'zod';
import { CalendarDate, Id, Instant } from './common.js';
import { OrderStatus, PaymentStatus } from './orders.js';
import { Period, ScheduleType } from './schedules.js';

/* The hospital interface (/api/hospital/v1): what a hospital's own system (HIS) sends and reads. */

export const OrderIdParams = z.object({ orderId: Id });

export const AttendanceRequest = z
  .object({ status: z.enum(['arrived', 'noshow']).meta({ description: 'arrived: 已就诊 / noshow: 爽约' }) })
  .strict()
  .meta({ id: 'AttendanceRequest' });

export const AttendanceResult = z
  .object({
    orderId: Id,
    status: OrderStatus,
    changed: z.boolean().meta({ description: 'false when the booking already had this status (a repeated call)' }),
    blacklistedUntil: CalendarDate.nullable().meta({
      description: 'When this no-show suspended the patient (its last day, Asia/Shanghai); null otherwise',
    }),
  })
  .meta({ id: 'AttendanceResult' });

export const HospitalOrderQuery = z
  .object({
    date: CalendarDate.meta({ description: 'The visit date whose bookings are listed' }),
    after: Id.optional().meta({ description: 'The `next` of the previous page' }),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const HospitalOrder = z
  .object({
    orderId: Id,
    orderNo: z.string(),
    status: OrderStatus,
    paymentStatus: PaymentStatus,
    scheduleId: Id,
    departmentId: Id,
    doctorId: Id.nullable(),
    visitDate: CalendarDate,
    period: Period,
    scheduleType: ScheduleType,
    slotSeq: z.number().int().meta({ description: '挂号序号' }),
    startsAt: Instant,
    endsAt: Instant,
    feeFen: z.number().int(),
    patient: z.object({ name: z.string(), idNumberMasked: z.string() }),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'HospitalOrder' });

export const HospitalOrderPage = z
  .object({
    items: z.array(HospitalOrder),
    next: Id.nullable().meta({ description: 'Pass as `after` for the next page; null on the last' }),
  })
  .meta({ id: 'HospitalOrderPage' });

export type AttendanceRequest = z.infer<typeof AttendanceRequest>;
export type AttendanceResult = z.infer<typeof AttendanceResult>;
export type HospitalOrder = z.infer<typeof HospitalOrder>;
