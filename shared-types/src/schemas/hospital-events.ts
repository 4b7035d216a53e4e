import { z } from 'zod';
import { Id, Instant } from './common.js';
import { HospitalOrder } from './hospital-interface.js';

/* Platform → hospital: the events pushed to a hospital's webhook and readable at GET /events. */

export const HOSPITAL_EVENT_TYPES = [
  'booking.created',
  'booking.cancelled',
  'payment.succeeded',
  'refund.succeeded',
  'attendance.recorded',
] as const;
export const HospitalEventType = z.enum(HOSPITAL_EVENT_TYPES);
export type HospitalEventType = z.infer<typeof HospitalEventType>;

export const HospitalEvent = z
  .object({
    eventId: Id.meta({ description: 'Unique per event: a hospital deduplicates on it (a push may repeat)' }),
    seq: z.number().int().meta({ description: 'The event’s place in the hospital’s stream (1, 2, 3 …)' }),
    type: HospitalEventType,
    occurredAt: Instant,
    reason: z
      .string()
      .nullable()
      .meta({ description: 'Why, for a cancellation: patient, payment-timeout, stop-clinic …' }),
    order: HospitalOrder,
  })
  .meta({ id: 'HospitalEvent' });

export const HospitalEventQuery = z
  .object({
    after: z.coerce.number().int().min(0).default(0).meta({ description: 'The `next` of the previous page (a seq)' }),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const HospitalEventPage = z
  .object({
    items: z.array(HospitalEvent),
    next: z.number().int().meta({ description: 'Pass as `after` next time; equal to `after` when nothing is new' }),
  })
  .meta({ id: 'HospitalEventPage' });

/** What a hospital's system may answer to a push (2xx); both optional. */
export const HospitalEventReply = z
  .object({
    visitNumber: z.string().min(1).max(32).optional().meta({ description: 'The hospital’s visit number (就诊号)' }),
    recordId: z.string().min(1).max(64).optional().meta({ description: 'The hospital’s own record id' }),
  })
  .meta({ id: 'HospitalEventReply' });

export type HospitalEvent = z.infer<typeof HospitalEvent>;
export type HospitalEventPage = z.infer<typeof HospitalEventPage>;
export type HospitalEventReply = z.infer<typeof HospitalEventReply>;
