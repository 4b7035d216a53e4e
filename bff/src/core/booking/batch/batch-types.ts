import type { OrderRecord } from '../order-record.js';
import type { PersonOrder } from '../rules/index.js';
import type { BookCommand, Refusal } from '../types.js';
import type { SlotRow } from './claim-slots.js';
import type { BatchNames } from './names.js';

export interface BookRequest {
  cmd: BookCommand;
  requestHash: string;
  /** When a batch first put this request off (performance.now(); see `deferred`). */
  deferredSince?: number;
}

export type BatchOutcome =
  | { kind: 'created'; order: OrderRecord }
  | { kind: 'replay'; orderId: string }
  | { kind: 'refused'; refusal: Refusal }
  /** Its session was locked by another process's batch: to be decided in a later batch. */
  | { kind: 'deferred' };

/** A request put off for this long goes into a batch that waits for the schedule locks instead. */
export const MAX_DEFERRAL_MS = 250;

/** A session as the batch holds it, under its row lock. */
export interface LockedSchedule {
  id: string;
  hospital_id: string;
  department_id: string;
  doctor_id: string | null;
  date: string;
  period: string;
  type: string;
  fee_fen: number;
  status: string;
  release_at: number;
  closes_at: number;
  capacity: number;
  free_count: number;
  next_seq: number;
  /** The places waiting in its queue: that many of its free slots are the queue's. */
  waiting_count: number;
}

/** A patient as the batch holds it, under the row lock of the person behind it. */
export interface LockedPatient {
  id: string;
  account_id: string;
  person_id: string;
  name: string;
  id_masked: string;
  verified_at: number | null;
  live: number | null;
  blacklisted_until: number | null;
}

/** A place in a queue as a batch with a waitlist turn holds it, under its row lock. */
export interface LockedWaitlistEntry {
  id: string;
  group_id: string;
  schedule_id: string;
  status: string;
}

/** The waitlist facts of a batch with waitlist turns (empty otherwise). */
export interface WaitlistFacts {
  /** Every place of the turns' waitlists (the places of the same group in other sessions too). */
  entries: Map<string, LockedWaitlistEntry>;
  /** The places waiting per session of a turn, counted under the session's lock. */
  waiting: Map<string, number>;
}

/** Everything a batch's decision depends on, read under its locks. */
export interface BatchFacts {
  /** The orders already made under each account's idempotency key (keyed by `idempotencyKeyOf`). */
  priorOrders: Map<string, { id: string; requestHash: string }>;
  patients: Map<string, LockedPatient>;
  /** The locked sessions; one asked for but absent here is missing, or held by another batch (see `names`). */
  schedules: Map<string, LockedSchedule>;
  names: BatchNames;
  /** Each person's live bookings and those made within the limit window. */
  personOrders: Map<string, PersonOrder[]>;
  /** The slots asked for by id. */
  slots: Map<string, SlotRow>;
  /** Usable free slots per session, in seq order. */
  candidates: Map<string, SlotRow[]>;
  /** Every slot read at or above each session's high-water mark, in seq order. */
  aboveMark: Map<string, SlotRow[]>;
  waitlist: WaitlistFacts;
}

export const idempotencyKeyOf = (accountId: string, key: string) => `${accountId}\u0000${key}`;
