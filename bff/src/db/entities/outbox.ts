import { EntitySchema } from 'typeorm';
import type { HospitalEventType } from '@cityhealth/shared-types';
import { col } from '../columns.js';

/** What happened to a booking, as relayed to its hospital and to the patient's notifications. */
export type OutboxTopic = HospitalEventType;

/**
 * An event written in the same transaction as the change it tells of; deleted once relayed.
 * Its id is the order event's.
 */
export interface OutboxRow {
  id: string;
  hospitalId: string;
  orderId: string;
  topic: OutboxTopic;
  /** The order event's reason, e.g. "stop-clinic: 专家临时出差". */
  detail: string | null;
  at: number;
}

export const Outbox = new EntitySchema<OutboxRow>({
  name: 'Outbox',
  tableName: 'outbox',
  columns: {
    id: col.id(),
    hospitalId: { ...col.ref(), name: 'hospital_id' },
    orderId: { ...col.ref(), name: 'order_id' },
    topic: col.str(24),
    detail: col.str(200, true),
    at: col.instant(),
  },
});

/** An event in a hospital's numbered stream: pushed to its webhook until it answers, and readable by pull. */
export interface HospitalEventRow {
  id: string;
  hospitalId: string;
  seq: number;
  topic: OutboxTopic;
  orderId: string;
  detail: string | null;
  at: number;
  /** 1 until the hospital's system has taken it; NULL after. */
  pending: number | null;
  attempts: number;
  deliveredAt: number | null;
  lastError: string | null;
}

export const HospitalEventEntity = new EntitySchema<HospitalEventRow>({
  name: 'HospitalEvent',
  tableName: 'hospital_event',
  columns: {
    id: col.id(),
    hospitalId: { ...col.ref(), name: 'hospital_id' },
    seq: col.instant(),
    topic: col.str(24),
    orderId: { ...col.ref(), name: 'order_id' },
    detail: col.str(200, true),
    at: col.instant(),
    pending: col.liveFlag(),
    attempts: col.int(),
    deliveredAt: { ...col.instant(true), name: 'delivered_at' },
    lastError: { ...col.str(200, true), name: 'last_error' },
  },
});

/** A hospital's stream: its last number, who pushes it now (a lease), its back-off while the hospital is down. */
export interface HospitalStreamRow {
  hospitalId: string;
  lastSeq: number;
  failures: number;
  nextAttemptAt: number;
  leaseOwner: string | null;
  leaseUntil: number;
  lastError: string | null;
  updatedAt: number;
}

export const HospitalStream = new EntitySchema<HospitalStreamRow>({
  name: 'HospitalStream',
  tableName: 'hospital_stream',
  columns: {
    hospitalId: { ...col.ref(), primary: true, name: 'hospital_id' },
    lastSeq: { ...col.instant(), name: 'last_seq' },
    failures: col.int(),
    nextAttemptAt: { ...col.instant(), name: 'next_attempt_at' },
    leaseOwner: { ...col.str(36, true), name: 'lease_owner' },
    leaseUntil: { ...col.instant(), name: 'lease_until' },
    lastError: { ...col.str(200, true), name: 'last_error' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
  },
});

/** What the hospital's system answered for a booking: its visit number (就诊号) and record id. */
export interface OrderHisRefRow {
  orderId: string;
  visitNumber: string | null;
  recordId: string | null;
  updatedAt: number;
}

export const OrderHisRef = new EntitySchema<OrderHisRefRow>({
  name: 'OrderHisRef',
  tableName: 'order_his_ref',
  columns: {
    orderId: { ...col.ref(), primary: true, name: 'order_id' },
    visitNumber: { ...col.str(32, true), name: 'visit_number' },
    recordId: { ...col.str(64, true), name: 'record_id' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
  },
});

/** A job only one process runs at a time: whoever holds the lease until it runs out. */
export interface JobLeaseRow {
  name: string;
  owner: string | null;
  until: number;
}

export const JobLease = new EntitySchema<JobLeaseRow>({
  name: 'JobLease',
  tableName: 'job_lease',
  columns: {
    name: { ...col.str(64), primary: true },
    owner: col.str(36, true),
    until: col.instant(),
  },
});

/** A failed push of a hospital's stream (its webhook did not take it), kept a week for the console's health figures. */
export interface HospitalPushFailureRow {
  id: string;
  hospitalId: string;
  at: number;
  error: string;
}

export const HospitalPushFailure = new EntitySchema<HospitalPushFailureRow>({
  name: 'HospitalPushFailure',
  tableName: 'hospital_push_failure',
  columns: {
    id: col.id(),
    hospitalId: { ...col.ref(), name: 'hospital_id' },
    at: col.instant(),
    error: col.str(200),
  },
});
