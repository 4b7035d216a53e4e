import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

/**
 * waiting → booked (a freed slot was booked for the patient) or ended: left (the patient left the
 * queue), closed (the queue closed before the visit), refused (a rule refused the booking when
 * its turn came), served-elsewhere (another session of the same waitlist was booked).
 */
export type WaitlistStatus = 'waiting' | 'booked' | 'ended';
export type WaitlistEndReason = 'left' | 'closed' | 'refused' | 'served-elsewhere';

/**
 * One place in one session's queue (候补). A waitlist on a department's day is a group of entries,
 * one per session of that day, sharing `groupId` (a waitlist on one session is a group of one,
 * whose `groupId` is its own id); booking one ends the others.
 */
export interface WaitlistEntryRow {
  id: string;
  groupId: string;
  accountId: string;
  patientId: string;
  personId: string;
  scheduleId: string;
  hospitalId: string;
  departmentId: string;
  visitDate: string;
  period: string;
  status: WaitlistStatus;
  endReason: WaitlistEndReason | null;
  /** Why a rule refused the booking (the error code), when `endReason` is refused. */
  refusalCode: string | null;
  orderId: string | null;
  /** Where and in which edition the patient joined (the booking it leads to is counted there). */
  channel: string;
  edition: string;
  joinedAt: number;
  /** When the queue closes: the evening before the visit (the rule book), never after booking closes. */
  closesAt: number;
  endedAt: number | null;
  /** 1 while waiting, NULL after: one place per person and session (uq_waitlist_entry_one_per_person_session). */
  live: number | null;
  /** 1 while the patient is still to be told that the place ended unserved (closed, or refused by a rule). */
  noticeDue: number | null;
  updatedAt: number;
  version: number;
}

export const WaitlistEntry = new EntitySchema<WaitlistEntryRow>({
  name: 'WaitlistEntry',
  tableName: 'waitlist_entry',
  columns: {
    id: col.id(),
    groupId: { ...col.ref(), name: 'group_id' },
    accountId: { ...col.ref(), name: 'account_id' },
    patientId: { ...col.ref(), name: 'patient_id' },
    personId: { ...col.ref(), name: 'person_id' },
    scheduleId: { ...col.ref(), name: 'schedule_id' },
    hospitalId: { ...col.ref(), name: 'hospital_id' },
    departmentId: { ...col.ref(), name: 'department_id' },
    visitDate: { ...col.str(10), name: 'visit_date' },
    period: col.str(10),
    status: col.str(10),
    endReason: { ...col.str(20, true), name: 'end_reason' },
    refusalCode: { ...col.str(40, true), name: 'refusal_code' },
    orderId: { ...col.ref(true), name: 'order_id' },
    channel: col.str(8),
    edition: col.str(8),
    joinedAt: { ...col.instant(), name: 'joined_at' },
    closesAt: { ...col.instant(), name: 'closes_at' },
    endedAt: { ...col.instant(true), name: 'ended_at' },
    live: col.liveFlag(),
    noticeDue: { ...col.liveFlag(), name: 'notice_due' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
    version: col.int(),
  },
});
