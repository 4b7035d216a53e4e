import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

export interface ScheduleRow {
  id: string;
  hospitalId: string;
  departmentId: string;
  doctorId: string | null;
  /** Calendar date of the session in Asia/Shanghai. */
  date: string;
  period: 'morning' | 'afternoon' | 'evening';
  type: 'general' | 'expert' | 'special';
  feeFen: number;
  capacity: number;
  freeCount: number;
  /** High-water mark: slots from this seq up have never been taken (see core/booking/claim-slots). */
  nextSeq: number;
  /** The places waiting in the session's queue (候补): its free slots go to them before anyone booking directly. */
  waitingCount: number;
  status: 'open' | 'stopped';
  startsAt: number;
  endsAt: number;
  releaseAt: number;
  closesAt: number;
  publishedBy: string;
  publishedAt: number;
  updatedAt: number;
  version: number;
}

export const Schedule = new EntitySchema<ScheduleRow>({
  name: 'Schedule',
  tableName: 'schedule',
  columns: {
    id: col.id(),
    hospitalId: { ...col.ref(), name: 'hospital_id' },
    departmentId: { ...col.ref(), name: 'department_id' },
    doctorId: { ...col.ref(true), name: 'doctor_id' },
    date: col.str(10),
    period: col.str(10),
    type: col.str(10),
    feeFen: { ...col.int(), name: 'fee_fen' },
    capacity: col.int(),
    freeCount: { ...col.int(), name: 'free_count' },
    nextSeq: { ...col.int(), name: 'next_seq' },
    waitingCount: { ...col.int(), name: 'waiting_count' },
    status: col.str(10),
    startsAt: { ...col.instant(), name: 'starts_at' },
    endsAt: { ...col.instant(), name: 'ends_at' },
    releaseAt: { ...col.instant(), name: 'release_at' },
    closesAt: { ...col.instant(), name: 'closes_at' },
    publishedBy: { ...col.str(64), name: 'published_by' },
    publishedAt: { ...col.instant(), name: 'published_at' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
    version: col.int(),
  },
});

/**
 * FHIR Slot words: free, busy-tentative (held for payment), busy, busy-unavailable (stopped); and
 * withdrawn: taken out of the session by a lower capacity but kept, since cancelled orders point at it.
 */
export type SlotStatus = 'free' | 'busy-tentative' | 'busy' | 'busy-unavailable' | 'withdrawn';

export interface SlotRow {
  id: string;
  scheduleId: string;
  seq: number;
  startsAt: number;
  endsAt: number;
  status: SlotStatus;
  version: number;
  updatedAt: number;
}

export const Slot = new EntitySchema<SlotRow>({
  name: 'Slot',
  tableName: 'slot',
  columns: {
    id: col.id(),
    scheduleId: { ...col.ref(), name: 'schedule_id' },
    seq: col.int(),
    startsAt: { ...col.instant(), name: 'starts_at' },
    endsAt: { ...col.instant(), name: 'ends_at' },
    status: col.str(20),
    version: col.int(),
    updatedAt: { ...col.instant(), name: 'updated_at' },
  },
});

export interface SlotEventRow {
  id: string;
  slotId: string | null;
  scheduleId: string;
  action: string;
  orderId: string | null;
  actorType: string;
  actorId: string | null;
  detail: string | null;
  at: number;
}

/** Every change of a slot (or of a whole schedule, with slotId null): who, when, what. */
export const SlotEvent = new EntitySchema<SlotEventRow>({
  name: 'SlotEvent',
  tableName: 'slot_event',
  columns: {
    id: col.id(),
    slotId: { ...col.ref(true), name: 'slot_id' },
    scheduleId: { ...col.ref(), name: 'schedule_id' },
    action: col.str(20),
    orderId: { ...col.ref(true), name: 'order_id' },
    actorType: { ...col.str(16), name: 'actor_type' },
    actorId: { ...col.str(64, true), name: 'actor_id' },
    detail: col.str(500, true),
    at: col.instant(),
  },
});
