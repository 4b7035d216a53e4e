import { z } from 'zod';
import { DRAW_TICKET_STATES } from '../labels.js';
import { CalendarDate, Id, Instant } from './common.js';
import { Period } from './schedules.js';

const Named = { id: Id, name: z.string() };

export const DrawTicketState = z.enum(DRAW_TICKET_STATES);

/** One of the account's tickets in a session's release draw (放号抽签), as the patient reads it. */
export const DrawTicket = z
  .object({
    id: Id,
    state: DrawTicketState,
    /** 抽签中 / 中签 / 未中签 */
    stateLabel: z.string(),
    hospital: z.object(Named),
    department: z.object(Named),
    doctor: z.object({ ...Named, title: z.string() }).nullable(),
    date: CalendarDate,
    period: Period,
    startsAt: Instant,
    endsAt: Instant,
    patient: z.object(Named),
    /** When the ticket's first request arrived. */
    enteredAt: Instant,
    decidedAt: Instant.nullable(),
    /** The booking it won; null unless won. */
    orderId: Id.nullable(),
    /** Why it did not win, in the patient's words (e.g. 号源已被抽完); null unless lost. */
    reason: z.string().nullable(),
  })
  .meta({ id: 'DrawTicket' });

export const DrawTicketList = z.object({ items: z.array(DrawTicket) }).meta({ id: 'DrawTicketList' });

export type DrawTicketState = z.infer<typeof DrawTicketState>;
export type DrawTicket = z.infer<typeof DrawTicket>;
export type DrawTicketList = z.infer<typeof DrawTicketList>;
