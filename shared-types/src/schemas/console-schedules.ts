import { z } from 'zod';
import { CalendarDate, Id, Instant, PageQuery, paged } from './common.js';
import { OrderStatus, PaymentStatus } from './orders.js';
import { Period, ScheduleType } from './schedules.js';

const Ref = z.object({ id: Id, name: z.string() });

/** The longest range of dates the scheduler's view lists at once. */
export const MAX_SESSION_RANGE_DAYS = 31;

export const ConsoleSessionQuery = z
  .object({
    /** Administrators name the hospital; a scheduler sees their own. */
    hospitalId: Id.optional(),
    from: CalendarDate,
    to: CalendarDate,
    departmentId: Id.optional(),
    doctorId: Id.optional(),
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) < MAX_SESSION_RANGE_DAYS * 86_400_000, {
    message: `一次最多查询 ${MAX_SESSION_RANGE_DAYS} 天`,
    path: ['to'],
  });

export const ConsoleSession = z
  .object({
    id: Id,
    date: CalendarDate,
    period: Period,
    periodLabel: z.string(),
    type: ScheduleType,
    startsAt: Instant,
    endsAt: Instant,
    department: Ref,
    doctor: Ref.nullable(),
    feeFen: z.number().int(),
    capacity: z.number().int(),
    booked: z.number().int().meta({ description: 'Bookings held on it (pending payment, booked, arrived, no-show)' }),
    free: z.number().int(),
    status: z.enum(['open', 'stopped']),
  })
  .meta({ id: 'ConsoleSession' });

export const ConsoleSessionList = z.object({ items: z.array(ConsoleSession) }).meta({ id: 'ConsoleSessionList' });

export const StopSessionRequest = z
  .object({
    reason: z.string().trim().min(2, '请填写停诊原因（至少 2 个字），患者会看到').max(200, '停诊原因最多 200 个字'),
  })
  .strict()
  .meta({ id: 'StopSessionRequest' });

export const SessionStateResult = z
  .object({
    scheduleId: Id,
    status: z.enum(['open', 'stopped']),
    changed: z.boolean(),
    cancelled: z.number().int(),
    refunding: z.number().int(),
    freeCount: z.number().int(),
  })
  .meta({ id: 'SessionStateResult' });

export const ConsoleBookingQuery = PageQuery.extend({
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  hospitalId: Id.optional(),
  date: CalendarDate,
  status: OrderStatus.optional(),
});

export const ConsoleBooking = z
  .object({
    orderId: Id,
    orderNo: z.string(),
    status: OrderStatus,
    statusLabel: z.string(),
    paymentStatus: PaymentStatus,
    scheduleId: Id,
    department: Ref,
    doctor: Ref.nullable(),
    period: Period,
    slotSeq: z.number().int(),
    startsAt: Instant,
    endsAt: Instant,
    /** Masked: the console shows no one's name or ID number in full. */
    patient: z.object({ name: z.string(), idNumberMasked: z.string() }),
  })
  .meta({ id: 'ConsoleBooking' });

export const ConsoleBookingPage = paged(ConsoleBooking).meta({ id: 'ConsoleBookingPage' });

export type ConsoleSession = z.infer<typeof ConsoleSession>;
export type ConsoleBooking = z.infer<typeof ConsoleBooking>;
export type SessionStateResult = z.infer<typeof SessionStateResult>;
