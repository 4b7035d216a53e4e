import type { HospitalOrder } from '@cityhealth/shared-types';
import type { Database } from '../db/database.js';
import { iso } from '../shared/time.js';

interface HospitalOrderRow {
  id: string;
  order_no: string;
  status: HospitalOrder['status'];
  payment_status: HospitalOrder['paymentStatus'];
  schedule_id: string;
  his_schedule_id: string | null;
  department_id: string;
  doctor_id: string | null;
  visit_date: string;
  period: HospitalOrder['period'];
  schedule_type: HospitalOrder['scheduleType'];
  slot_seq: unknown;
  starts_at: unknown;
  ends_at: unknown;
  fee_fen: unknown;
  patient_name: string;
  id_masked: string;
  visit_number: string | null;
  record_id: string | null;
  cancel_reason: string | null;
  created_at: unknown;
  updated_at: unknown;
}

/**
 * A hospital's view of its bookings (the list, and the order inside each event it is pushed or
 * pulls): `where` filters the joined session (s) and order (o) and may order and limit them.
 */
export async function hospitalOrders(db: Database, where: string, params: unknown[]): Promise<HospitalOrder[]> {
  const rows = await db.query<HospitalOrderRow>(
    `SELECT o.id, o.order_no, o.status, o.payment_status, o.schedule_id, o.department_id, o.doctor_id, o.visit_date,
       o.period, s.type AS schedule_type, sl.seq AS slot_seq, o.starts_at, o.ends_at, o.fee_fen,
       p.name AS patient_name, p.id_masked, o.created_at, o.updated_at, o.cancel_reason,
       k.his_code AS his_schedule_id, r.visit_number, r.record_id
     FROM schedule s
       JOIN booking_order o ON o.schedule_id = s.id
       JOIN slot sl ON sl.id = o.slot_id
       JOIN patient p ON p.id = o.patient_id
       LEFT JOIN his_key k ON k.entity_id = s.id AND k.kind = 'schedule'
       LEFT JOIN order_his_ref r ON r.order_id = o.id
     WHERE ${where}`,
    params,
  );
  return rows.map(toHospitalOrder);
}

const toHospitalOrder = (r: HospitalOrderRow): HospitalOrder => ({
  orderId: r.id,
  orderNo: r.order_no,
  status: r.status,
  paymentStatus: r.payment_status,
  scheduleId: r.schedule_id,
  hisScheduleId: r.his_schedule_id,
  departmentId: r.department_id,
  doctorId: r.doctor_id,
  visitDate: r.visit_date,
  period: r.period,
  scheduleType: r.schedule_type,
  slotSeq: Number(r.slot_seq),
  startsAt: iso(Number(r.starts_at)),
  endsAt: iso(Number(r.ends_at)),
  feeFen: Number(r.fee_fen),
  patient: { name: r.patient_name, idNumberMasked: r.id_masked },
  visitNumber: r.visit_number,
  hisRecordId: r.record_id,
  cancelReason: r.cancel_reason,
  createdAt: iso(Number(r.created_at)),
  updatedAt: iso(Number(r.updated_at)),
});
