import { z } from 'zod';
import { CalendarDate, Id, Instant } from './common.js';
import { Doctor, ReleaseRule } from './catalog.js';
import { PERIODS, SCHEDULE_TYPES } from '../labels.js';

export const Period = z.enum(PERIODS);

export const ScheduleType = z.enum(SCHEDULE_TYPES);

/** open: bookable now or once released; closed: booking is over for it (see closedSince); stopped: 停诊. */
export const ScheduleStatus = z.enum(['open', 'closed', 'stopped']);

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
    freeCount: z.number().int().meta({
      description: 'Slots a patient can book now (free and not yet begun); 0 when the session is closed or stopped',
    }),
    status: ScheduleStatus,
    closedSince: Instant.nullable().meta({
      description:
        'When booking ended for a closed session: its booking close, ' +
        'or the start of its last free slot when every free slot has begun',
    }),
    startsAt: Instant,
    endsAt: Instant,
    releaseAt: Instant.meta({ description: 'When booking opens' }),
    bookingClosesAt: Instant.meta({ description: 'When booking closes' }),
    fairDrawUntil: Instant.optional().meta({
      description:
        'Fair release (公平放号): requests from releaseAt until this instant are drawn in a random order ' +
        'when it passes, so arriving first buys nothing; absent when the session has no draw',
    }),
    cancelDeadline: Instant.meta({
      description: 'Until when a booking of this session may be cancelled (once paid, or when no payment is needed)',
    }),
  })
  .meta({ id: 'ScheduleSummary' });

/** past: a slot nobody booked whose time has begun: it can no longer be booked. */
export const SlotStatus = z.enum(['free', 'busy', 'past']);

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
    department: z.object({
      id: Id,
      name: z.string(),
      hospitalId: Id,
      hospitalName: z.string(),
      releaseRule: ReleaseRule.meta({
        description: 'The hospital’s release rule: when a day without published sessions opens',
      }),
    }),
    schedules: z.array(ScheduleSummary),
  })
  .meta({ id: 'DepartmentSchedules' });

/** A doctor's page: who they are, where they work, and their sessions over the coming days. */
export const DoctorSchedules = z
  .object({
    doctor: Doctor.extend({
      departmentId: Id,
      departmentName: z.string(),
      hospitalId: Id,
      hospitalName: z.string(),
      releaseRule: ReleaseRule,
    }),
    schedules: z.array(ScheduleSummary),
  })
  .meta({ id: 'DoctorSchedules' });

export type Period = z.infer<typeof Period>;
export type ScheduleType = z.infer<typeof ScheduleType>;
export type ScheduleSummary = z.infer<typeof ScheduleSummary>;
export type ScheduleDetail = z.infer<typeof ScheduleDetail>;
export type SlotView = z.infer<typeof SlotView>;
export type DepartmentSchedules = z.infer<typeof DepartmentSchedules>;
export type DoctorSchedules = z.infer<typeof DoctorSchedules>;
