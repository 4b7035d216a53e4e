import { z } from 'zod';
import { CalendarDate, Id, Instant } from './common.js';
import { BatchVersion, HisCode, UpsertResult, uniqueCodes } from './hospital-interface.js';
import { Period, ScheduleType } from './schedules.js';

/* The hospital interface: sessions (出诊排班) published by the hospital's own schedule ids, stopped and resumed. */

/** A wall-clock time of day in Asia/Shanghai. */
export const ClockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM')
  .meta({ description: 'Time of day in Asia/Shanghai (HH:MM)' });

export const SlotTime = z.object({ start: ClockTime, end: ClockTime }).strict();

export const ScheduleUpsert = z
  .object({
    hisScheduleId: HisCode.meta({ description: 'The hospital’s own id of the session (排班号)' }),
    hisDepartmentCode: HisCode,
    hisDoctorCode: HisCode.nullable().default(null).meta({ description: 'Null for a department clinic (普通号)' }),
    date: CalendarDate,
    period: Period,
    type: ScheduleType,
    feeFen: z.number().int().min(0).max(100_000_00).meta({ description: 'Registration fee in fen' }),
    capacity: z.number().int().min(1).max(500),
    startTime: ClockTime.optional().meta({ description: 'Default: the period’s clinic hours' }),
    endTime: ClockTime.optional(),
    slotTimes: z
      .array(SlotTime)
      .max(500)
      .optional()
      .meta({ description: 'Each numbered slot’s visit window, seq 1 first; default: the session split evenly' }),
    releaseAt: Instant.optional().meta({ description: 'When booking opens; default: the hospital’s release rule' }),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.slotTimes && s.slotTimes.length !== s.capacity)
      ctx.addIssue({ code: 'custom', path: ['slotTimes'], message: '号源时段的个数应与号源数量一致' });
    s.slotTimes?.forEach((t, i) => {
      if (t.end <= t.start) ctx.addIssue({ code: 'custom', path: ['slotTimes', i], message: '时段结束应晚于开始' });
    });
    if (s.startTime && s.endTime && s.endTime <= s.startTime)
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: '出诊结束时间应晚于开始时间' });
  });

export const ScheduleBatch = z
  .object({
    version: BatchVersion,
    items: z
      .array(ScheduleUpsert)
      .min(1)
      .max(5000)
      .superRefine(uniqueCodes((s: { hisScheduleId: string }) => s.hisScheduleId)),
  })
  .strict()
  .meta({ id: 'ScheduleBatch' });

export const CapacityChange = z
  .object({
    requested: z.number().int(),
    effective: z.number().int().meta({ description: 'The session’s capacity after this batch' }),
    notRemoved: z
      .number()
      .int()
      .meta({ description: 'Slots a lower capacity could not remove because patients hold them' }),
  })
  .meta({ id: 'CapacityChange' });

export const ScheduleUpsertReport = z
  .object({
    version: BatchVersion,
    results: z.array(UpsertResult.extend({ capacity: CapacityChange.optional() })),
  })
  .meta({ id: 'ScheduleUpsertReport' });

export const HisScheduleParams = z.object({ hisScheduleId: HisCode });

export const StopScheduleRequest = z
  .object({ reason: z.string().trim().min(1).max(200).meta({ description: '停诊原因, shown to the patients' }) })
  .strict()
  .meta({ id: 'StopScheduleRequest' });

export const ScheduleStateResult = z
  .object({
    scheduleId: Id,
    hisScheduleId: HisCode,
    status: z.enum(['open', 'stopped']),
    changed: z.boolean().meta({ description: 'false when the session already had this status (a repeated call)' }),
    cancelled: z.number().int().meta({ description: 'Bookings cancelled by this stop' }),
    refunding: z.number().int().meta({ description: 'Of those, paid ones whose fee goes back through its channel' }),
    freeCount: z.number().int(),
  })
  .meta({ id: 'ScheduleStateResult' });

export type ScheduleUpsert = z.infer<typeof ScheduleUpsert>;
export type ScheduleBatch = z.infer<typeof ScheduleBatch>;
export type ScheduleUpsertReport = z.infer<typeof ScheduleUpsertReport>;
export type StopScheduleRequest = z.infer<typeof StopScheduleRequest>;
export type ScheduleStateResult = z.infer<typeof ScheduleStateResult>;
