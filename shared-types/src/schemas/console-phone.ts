import { z } from 'zod';
import { Id, Instant, Phone } from './common.js';
import { Order } from './orders.js';
import { DocumentType, Relation } from './patients.js';

/**
 * Phone booking (电话预约): a call-centre agent finds or registers the caller's account by the phone
 * the caller gives, adds and verifies a patient (就诊人) for them, and books, reads back and cancels
 * their bookings. Every answer shows personal data masked; one value in full only through the
 * audited reveal operation.
 */

/** The full phone number the agent typed (sent in a body, never in a URL that logs keep). */
export const PhoneLookupRequest = z.object({ phone: Phone }).meta({ id: 'PhoneLookupRequest' });

export const RegisterCallerRequest = z.object({ phone: Phone }).meta({ id: 'RegisterCallerRequest' });

export const CallerParams = z.object({ accountId: Id });
export const CallerPatientParams = z.object({ accountId: Id, patientId: Id });
export const CallerOrderParams = z.object({ accountId: Id, orderId: Id });

/** A patient of the caller as the agent sees it: name, document number and phone masked. */
export const CallerPatient = z
  .object({
    id: Id,
    nameMasked: z.string().meta({ description: 'e.g. 张*三' }),
    documentType: DocumentType,
    idNumberMasked: z
      .string()
      .meta({ description: 'The document number masked, e.g. 1101**********1234; empty for a child without one' }),
    phoneMasked: z.string(),
    relation: Relation,
    gender: z.enum(['M', 'F']),
    verified: z.boolean(),
    blacklistedUntil: z.string().nullable().meta({ description: 'Booking suspended until this date (no-shows)' }),
  })
  .meta({ id: 'CallerPatient' });

/** A booking in a caller's card: the Order shape without its history (the patient's name masked). */
const PhoneOrderSummary = Order.omit({ history: true });

export const Caller = z
  .object({
    account: z.object({
      id: Id,
      nickname: z.string(),
      phoneMasked: z.string().nullable(),
      createdAt: Instant,
    }),
    patients: z.array(CallerPatient),
    /** At most this many patients per account (as in the patient API). */
    maxPatients: z.number().int(),
    /** The account's bookings still to come (awaiting payment, booked, checked in), newest first. */
    activeOrders: z.array(PhoneOrderSummary),
  })
  .meta({ id: 'Caller' });

/** Not found is an answer, not an error: the agent then offers to register the caller. */
export const PhoneLookupResult = z.object({ caller: Caller.nullable() }).meta({ id: 'PhoneLookupResult' });

/** Booking for the caller: as the patient API's request (a session or a slot), without the app's edition. */
export const PhoneBookRequest = z
  .object({ scheduleId: Id.optional(), slotId: Id.optional(), patientId: Id })
  .refine((v) => (v.scheduleId === undefined) !== (v.slotId === undefined), {
    message: '请指定出诊（scheduleId）或号源（slotId）其中之一',
  })
  .meta({ id: 'PhoneBookRequest' });

export const PhoneCancelRequest = z
  .object({ reason: z.string().trim().min(1).max(100).optional() })
  .meta({ id: 'PhoneCancelRequest' });

export type PhoneLookupRequest = z.infer<typeof PhoneLookupRequest>;
export type CallerPatient = z.infer<typeof CallerPatient>;
export type Caller = z.infer<typeof Caller>;
export type PhoneLookupResult = z.infer<typeof PhoneLookupResult>;
export type PhoneBookRequest = z.infer<typeof PhoneBookRequest>;
