import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

import type { OrderStatus, PaymentStatus } from '@cityhealth/shared-types';

/** The statuses are the contract's (one definition for the API, the app and the rows). */
export type { OrderStatus, PaymentStatus };

export interface OrderRow {
  id: string;
  orderNo: string;
  accountId: string;
  patientId: string;
  personId: string;
  hospitalId: string;
  departmentId: string;
  doctorId: string | null;
  scheduleId: string;
  slotId: string;
  visitDate: string;
  period: string;
  startsAt: number;
  endsAt: number;
  feeFen: number;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  payDeadline: number | null;
  cancelDeadline: number;
  idempotencyKey: string;
  requestHash: string;
  /** 1 while the order holds its slot (pending, booked, arrived); NULL otherwise. */
  live: number | null;
  cancelReason: string | null;
  /** weapp | alipay | swan | h5 | phone (null: booked before channels were recorded). */
  channel: string | null;
  edition: string | null;
  /** The phone agent who booked it (staff id). */
  agentId: string | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export const Order = new EntitySchema<OrderRow>({
  name: 'Order',
  tableName: 'booking_order',
  columns: {
    id: col.id(),
    orderNo: { ...col.str(24), name: 'order_no' },
    accountId: { ...col.ref(), name: 'account_id' },
    patientId: { ...col.ref(), name: 'patient_id' },
    personId: { ...col.ref(), name: 'person_id' },
    hospitalId: { ...col.ref(), name: 'hospital_id' },
    departmentId: { ...col.ref(), name: 'department_id' },
    doctorId: { ...col.ref(true), name: 'doctor_id' },
    scheduleId: { ...col.ref(), name: 'schedule_id' },
    slotId: { ...col.ref(), name: 'slot_id' },
    visitDate: { ...col.str(10), name: 'visit_date' },
    period: col.str(10),
    startsAt: { ...col.instant(), name: 'starts_at' },
    endsAt: { ...col.instant(), name: 'ends_at' },
    feeFen: { ...col.int(), name: 'fee_fen' },
    status: col.str(12),
    paymentStatus: { ...col.str(16), name: 'payment_status' },
    payDeadline: { ...col.instant(true), name: 'pay_deadline' },
    cancelDeadline: { ...col.instant(), name: 'cancel_deadline' },
    idempotencyKey: { ...col.str(64), name: 'idempotency_key' },
    requestHash: { ...col.str(64), name: 'request_hash' },
    live: col.liveFlag(),
    cancelReason: { ...col.str(200, true), name: 'cancel_reason' },
    channel: col.str(8, true),
    edition: col.str(8, true),
    agentId: { ...col.ref(true), name: 'agent_id' },
    createdAt: { ...col.instant(), name: 'created_at' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
    version: col.int(),
  },
});

export interface OrderEventRow {
  id: string;
  orderId: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  actorType: string;
  actorId: string | null;
  reason: string | null;
  at: number;
}

export const OrderEvent = new EntitySchema<OrderEventRow>({
  name: 'OrderEvent',
  tableName: 'order_event',
  columns: {
    id: col.id(),
    orderId: { ...col.ref(), name: 'order_id' },
    fromStatus: { ...col.str(12, true), name: 'from_status' },
    toStatus: { ...col.str(12), name: 'to_status' },
    actorType: { ...col.str(16), name: 'actor_type' },
    actorId: { ...col.str(64, true), name: 'actor_id' },
    reason: col.str(200, true),
    at: col.instant(),
  },
});
