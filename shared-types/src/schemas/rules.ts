import { z } from 'zod';

/** The rule book's numbers a patient is told (预约须知), as this deployment configures them. */
export const BookingRulesView = z
  .object({
    /** At most this many bookings per real-name identity in `windowDays` days. */
    maxPerWindow: z.number().int(),
    windowDays: z.number().int(),
    /** An unpaid online-payment booking holds its slot this long. */
    paymentWindowMinutes: z.number().int(),
    /** A booking may be cancelled until `time` (Beijing), `daysBefore` days before the visit. */
    cancelDeadline: z.object({ daysBefore: z.number().int(), time: z.string().regex(/^\d{2}:\d{2}$/) }),
    /** `threshold` no-shows within `windowDays` days suspend booking for `suspendDays` days. */
    noShow: z.object({ threshold: z.number().int(), windowDays: z.number().int(), suspendDays: z.number().int() }),
    /** 候补: at most `maxPerPerson` waitlists per person at once, each closing `closes.daysBefore` days before. */
    waitlist: z.object({
      maxPerPerson: z.number().int(),
      closes: z.object({ daysBefore: z.number().int(), time: z.string().regex(/^\d{2}:\d{2}$/) }),
    }),
    /** A child is added without a document (through the guardian's verified ID card) while younger than this. */
    childMaxAge: z.number().int(),
  })
  .meta({ id: 'BookingRules' });

export type BookingRulesView = z.infer<typeof BookingRulesView>;
