import { z } from 'zod';
import { EDITIONS, WAITLIST_END_REASONS, WAITLIST_STATUSES } from '../labels.js';
import { CalendarDate, Id, Instant } from './common.js';
import { Period } from './schedules.js';

/** Join the queue of one full session, or of a department's day (every full session of it). */
export const JoinWaitlistRequest = z
  .object({
    patientId: Id,
    scheduleId: Id.optional(),
    departmentId: Id.optional(),
    date: CalendarDate.optional(),
    /** The app's edition the patient joins in (statistics only; default standard). */
    edition: z.enum(EDITIONS).optional(),
  })
  .refine((v) => (v.scheduleId === undefined) !== (v.departmentId === undefined && v.date === undefined), {
    message: '请指定出诊（scheduleId），或科室与日期（departmentId、date）',
  })
  .refine((v) => (v.departmentId === undefined) === (v.date === undefined), {
    message: '按科室候补需同时指定科室与日期',
  })
  .meta({ id: 'JoinWaitlistRequest' });

export const WaitlistStatus = z.enum(WAITLIST_STATUSES);

/** One session of a waitlist, with the patient's place in its queue while waiting. */
export const WaitlistSession = z.object({
  scheduleId: Id,
  period: Period,
  startsAt: Instant,
  endsAt: Instant,
  doctor: z.object({ id: Id, name: z.string(), title: z.string() }).nullable(),
  status: WaitlistStatus,
  position: z.number().int().positive().nullable().meta({ description: '1 = next to be served; null unless waiting' }),
});

export const Waitlist = z
  .object({
    id: Id,
    status: WaitlistStatus,
    statusLabel: z.string(),
    endReason: z.enum(WAITLIST_END_REASONS).nullable(),
    /** Why it ended, or what happened to its booking, for the patient (Chinese). */
    note: z.string().nullable(),
    patient: z.object({ id: Id, name: z.string() }),
    hospital: z.object({ id: Id, name: z.string() }),
    department: z.object({ id: Id, name: z.string() }),
    date: CalendarDate,
    sessions: z.array(WaitlistSession),
    /** The best place among the sessions still waiting. */
    position: z.number().int().positive().nullable(),
    joinedAt: Instant,
    closesAt: Instant,
    endedAt: Instant.nullable(),
    /** The booking a freed slot gave it (to pay for, within the payment window, when a fee applies). */
    orderId: Id.nullable(),
  })
  .meta({ id: 'Waitlist' });

export const WaitlistList = z.object({ items: z.array(Waitlist) }).meta({ id: 'WaitlistList' });

export type JoinWaitlistRequest = z.infer<typeof JoinWaitlistRequest>;
export type WaitlistStatus = z.infer<typeof WaitlistStatus>;
export type Waitlist = z.infer<typeof Waitlist>;
export type WaitlistList = z.infer<typeof WaitlistList>;
