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
    hisScheduleId: z
      .string()
      .nullable()
      .meta({ description: 'The hospital’s own id of the session, when it published it' }),
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
    visitNumber: z
      .string()
      .nullable()
      .meta({ description: 'The hospital’s visit number (就诊号), once its system answered one' }),
    hisRecordId: z.string().nullable(),
    cancelReason: z.string().nullable(),
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

/** A hospital's own code of what it publishes (科室编码, 医生编码, 排班号). */
export const HisCode = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, '编码只能包含字母、数字和 _ . : -');

/** Set by the hospital, growing with each change (e.g. its own timestamp): an older batch arriving late is ignored. */
export const BatchVersion = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Refuses a batch naming one code twice (each batch item once: which of two would win is unclear). */
export const uniqueCodes =
  <T>(codeOf: (item: T) => string) =>
  (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const code = codeOf(item);
      if (seen.has(code)) ctx.addIssue({ code: 'custom', path: [i], message: `编码 ${code} 在同一批中重复` });
      seen.add(code);
    });
  };

export const DepartmentUpsert = z
  .object({
    hisDepartmentCode: HisCode,
    name: z.string().trim().min(1).max(100),
    parentCode: HisCode.nullable()
      .default(null)
      .meta({ description: 'The parent department’s code (一级科室), if any' }),
    intro: z.string().max(2000).default(''),
    sort: z.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const DepartmentBatch = z
  .object({
    version: BatchVersion,
    items: z
      .array(DepartmentUpsert)
      .min(1)
      .max(2000)
      .superRefine(uniqueCodes((d: { hisDepartmentCode: string }) => d.hisDepartmentCode)),
  })
  .strict()
  .meta({ id: 'DepartmentBatch' });

export const DoctorUpsert = z
  .object({
    hisDoctorCode: HisCode,
    hisDepartmentCode: HisCode,
    name: z.string().trim().min(1).max(50),
    title: z.string().trim().min(1).max(50),
    specialty: z.string().max(500).default(''),
    intro: z.string().max(5000).default(''),
  })
  .strict();

export const DoctorBatch = z
  .object({
    version: BatchVersion,
    items: z
      .array(DoctorUpsert)
      .min(1)
      .max(5000)
      .superRefine(uniqueCodes((d: { hisDoctorCode: string }) => d.hisDoctorCode)),
  })
  .strict()
  .meta({ id: 'DoctorBatch' });

export const UpsertOutcome = z.enum(['created', 'updated', 'unchanged', 'stale', 'refused']).meta({
  description:
    'created/updated: applied; unchanged: this version was applied before; stale: a newer version was; ' +
    'refused: not applied, see message',
});

/** What became of one item of a batch. */
export const UpsertResult = z.object({
  code: HisCode,
  outcome: UpsertOutcome,
  id: Id.nullable().meta({ description: 'The platform’s id of it' }),
  message: z.string().optional(),
});

export const UpsertReport = z
  .object({ version: BatchVersion, results: z.array(UpsertResult) })
  .meta({ id: 'UpsertReport' });

export type DepartmentBatch = z.infer<typeof DepartmentBatch>;
export type DoctorBatch = z.infer<typeof DoctorBatch>;
export type UpsertReport = z.infer<typeof UpsertReport>;
