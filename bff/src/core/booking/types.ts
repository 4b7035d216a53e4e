import type { Edition, ErrorCode, OrderChannel } from '@cityhealth/shared-types';

/** Where a booking came from, for the statistics and the slot's history. */
export interface BookingOrigin {
  channel: OrderChannel;
  /** Default standard. */
  edition?: Edition;
  /** The phone agent (staff id) who booked for the caller, on channel 'phone'. */
  agentId?: string;
}

/**
 * A booking request as it arrives at the core's door: the Idempotency-Key header unchecked, the client's address known.
 */
export interface PlaceOrderInput extends BookingOrigin {
  accountId: string;
  patientId: string;
  scheduleId?: string;
  slotId?: string;
  /** The raw `Idempotency-Key` header (absent when the request carried none). */
  idempotencyKey: string | undefined;
  ip: string;
  /** When the request arrived (the core's clock), if known: a request of a draw's window is in the draw. */
  receivedAt?: number;
}

/** What lets a booking request in before anything is read (throttles per address and account); throws RATE_LIMITED. */
export type Admission = (who: { accountId: string; ip: string; agentId?: string }) => Promise<void>;

/** A turn of the waitlist (候补): the booking is made for this place in a session's queue. */
export interface WaitlistTurn {
  entryId: string;
  groupId: string;
}

export interface BookCommand extends BookingOrigin {
  accountId: string;
  patientId: string;
  scheduleId?: string;
  slotId?: string;
  idempotencyKey: string;
  ip?: string;
  /** Set when the waitlist books a freed slot for a place in the queue (never from a request). */
  waitlist?: WaitlistTurn;
  /** Set when the release draw books its ticket (never from a request): the draw's decision tells the patient. */
  drawn?: boolean;
  /** When the request arrived (see PlaceOrderInput). */
  receivedAt?: number;
}

/** A rule refusal: the stable code plus a message written for the patient. */
export interface Refusal {
  code: ErrorCode;
  message?: string;
  details?: unknown;
}

/** Who changed an order: `agent` is a phone agent acting for the caller, `staff` another console user (staff id). */
export type Actor = { type: 'patient' | 'system' | 'hospital' | 'admin' | 'agent' | 'staff'; id: string | null };

export type CancelReason = 'patient' | 'payment-timeout' | 'stop-clinic' | 'admin';

/** System cancellations do not count against a patient's booking limit. */
export const SYSTEM_CANCEL_REASONS: readonly CancelReason[] = ['payment-timeout', 'stop-clinic'];
