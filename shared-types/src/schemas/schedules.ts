import { z } from 'zod';
import { CalendarDate, Id, Instant } from './common.js';
import { Doctor } from './catalog.js';
import { PERIODS, SCHEDULE_TYPES } from '../labels.js';

export const Period = z.enum(PERIODS);

export const ScheduleType = z.enum(SCHEDULE_TYPES);

export const ScheduleStatus = z.enum(['open', 'stopped']);

export const ScheduleSummary = z
  .object({
    id: Id,
    hospitalId: Id,
    departmentId: Id,
    departmentName: z.string(),
    doctor: Doctor.nullable(),
    date: CalendarDate,
    period: Period,
    type: ScheduleType,
    feeFen: z.number().int().min(0).meta({ description: 'Registration fee in fen (1 yuan = 100 fen)' }),
    capacity: z.number().int(),
    freeCount: z.number().int(),
    status: ScheduleStatus,
    startsAt: Instant,
    endsAt: Instant,
    releaseAt: Instant.meta({ description: 'When booking opens' }),
    bookingClosesAt: Instant.meta({ description: 'When booking closes' }),
  })
  .meta({ id: 'ScheduleSummary' });

export const SlotStatus = z.enum(['free', 'busy']);

export const SlotView = z
  .object({ id: Id, seq: z.number().int(), startsAt: Instant, endsAt: Instant, status: SlotStatus })
  .meta({ id: 'Slot' });

export const ScheduleDetail = ScheduleSummary.extend({
  hospitalName: z.string(),
  hospitalAddress: z.string(),
  slots: z.array(SlotView),
}).meta({ id: 'ScheduleDetail' });

export const DepartmentSchedulesQuery = z
  .object({ from: CalendarDate.optional(), to: CalendarDate.optional() })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: '开始日期不能晚于结束日期', path: ['to'] });

export const DepartmentSchedules = z
  .object({
    department: z.object({ id: Id, name: z.string(), hospitalId: Id, hospitalName: z.string() }),
    schedules: z.array(ScheduleSummary),
  })
  .meta({ id: 'DepartmentSchedules' });

export type Period = z.infer<typeof Period>;
export type ScheduleType = z.infer<typeof ScheduleType>;
export type ScheduleSummary = z.infer<typeof ScheduleSummary>;
export type ScheduleDetail = z.infer<typeof ScheduleDetail>;
export type SlotView = z.infer<typeof SlotView>;
export type DepartmentSchedules = z.infer<typeof DepartmentSchedules>;
