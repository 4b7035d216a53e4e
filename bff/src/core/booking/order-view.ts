import type { Order, OrderSummary } from '@cityhealth/shared-types';
import { ORDER_STATUS_LABELS } from '@cityhealth/shared-types';
import { iso, isoOrNull } from '../../shared/time.js';
import type { OrderRecord } from './order-record.js';
import { patientMayCancel } from './rules/index.js';

/** The API view of a booking, as the patient sees it. */
export function toOrderSummary(o: OrderRecord, now: number): OrderSummary {
  const cancellable = patientMayCancel(o, now);
  return {
    id: o.id,
    orderNo: o.orderNo,
    status: o.status,
    statusLabel: ORDER_STATUS_LABELS[o.status],
    patient: { id: o.patientId, name: o.patientName, idNumberMasked: o.patientIdMasked },
    hospital: { id: o.hospitalId, name: o.hospitalName, address: o.hospitalAddress },
    department: { id: o.departmentId, name: o.departmentName },
    doctor: o.doctorId && o.doctorName ? { id: o.doctorId, name: o.doctorName, title: o.doctorTitle ?? '' } : null,
    schedule: {
      id: o.scheduleId,
      date: o.visitDate,
      period: o.period as Order['schedule']['period'],
      type: o.scheduleType as Order['schedule']['type'],
    },
    slot: { id: o.slotId, seq: o.slotSeq, startsAt: iso(o.startsAt), endsAt: iso(o.endsAt) },
    feeFen: o.feeFen,
    visitNumber: o.visitNumber,
    payment: { status: o.paymentStatus, deadline: o.status === 'pending' ? isoOrNull(o.payDeadline) : null },
    cancelDeadline: iso(o.cancelDeadline),
    cancellable,
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
  };
}

export function toOrder(o: OrderRecord, now: number): Order {
  return {
    ...toOrderSummary(o, now),
    history: o.history.map((e) => ({ status: e.toStatus, at: iso(e.at), actor: e.actorType, reason: e.reason })),
  };
}
