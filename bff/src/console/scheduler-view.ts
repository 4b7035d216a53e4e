import {
  ORDER_STATUS_LABELS,
  PERIOD_LABELS,
  type AttendanceResult,
  type ConsoleBooking,
  type ConsoleSession,
  type OrderStatus,
  type Page,
  type SessionStateResult,
} from '@cityhealth/shared-types';
import type { AuditLog } from '../audit/audit-log.js';
import type { Actor } from '../core/booking/types.js';
import type { Database } from '../db/database.js';
import type { HospitalOrders } from '../hospital/hospital-orders.js';
import type { HospitalScheduleStates } from '../hospital/schedule-states.js';
import { AppError } from '../shared/errors.js';
import { iso } from '../shared/time.js';
import { type Staff, StaffService } from './staff.js';

interface SessionRow {
  id: string;
  date: string;
  period: ConsoleSession['period'];
  type: ConsoleSession['type'];
  starts_at: unknown;
  ends_at: unknown;
  department_id: string;
  department_name: string;
  doctor_id: string | null;
  doctor_name: string | null;
  fee_fen: unknown;
  capacity: unknown;
  free_count: unknown;
  status: 'open' | 'stopped';
  booked: unknown;
}

interface BookingRow {
  id: string;
  order_no: string;
  status: ConsoleBooking['status'];
  payment_status: ConsoleBooking['paymentStatus'];
  schedule_id: string;
  department_id: string;
  department_name: string;
  doctor_id: string | null;
  doctor_name: string | null;
  period: ConsoleBooking['period'];
  slot_seq: unknown;
  starts_at: unknown;
  ends_at: unknown;
  patient_name: string;
  id_masked: string;
}

/** A name as the console shows it: its first character, the rest starred. */
export const maskName = (name: string): string =>
  name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(Math.min(name.length - 1, 3))}`;

/** Bookings that hold their slot or held it on the day (everything but cancelled). */
const HELD = "('pending', 'booked', 'arrived', 'fulfilled', 'noshow')";

/**
 * A hospital's scheduler's view in the console (administrators: any hospital's): sessions over a
 * range with what is booked, stopping (停诊) and resuming them, and a day's bookings with their
 * attendance. Every change goes through the hospital interface's own functions (one door into the
 * booking core), with the staff member as the actor.
 */
export class SchedulerView {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly states: HospitalScheduleStates,
    private readonly orders: HospitalOrders,
  ) {}

  async sessions(
    staff: Staff,
    q: { hospitalId?: string; from: string; to: string; departmentId?: string; doctorId?: string },
  ): Promise<ConsoleSession[]> {
    const hospitalId = this.hospitalOf(staff, q.hospitalId);
    const where = ['s.hospital_id = ?', 's.date >= ?', 's.date <= ?'];
    const params: unknown[] = [hospitalId, q.from, q.to];
    if (q.departmentId) {
      where.push('s.department_id = ?');
      params.push(q.departmentId);
    }
    if (q.doctorId) {
      where.push('s.doctor_id = ?');
      params.push(q.doctorId);
    }
    const rows = await this.db.query<SessionRow>(
      `SELECT s.id, s.date, s.period, s.type, s.starts_at, s.ends_at, s.department_id, d.name AS department_name,
         s.doctor_id, doc.name AS doctor_name, s.fee_fen, s.capacity, s.free_count, s.status,
         (SELECT COUNT(*) FROM booking_order o WHERE o.schedule_id = s.id AND o.status IN ${HELD}) AS booked
       FROM schedule s JOIN department d ON d.id = s.department_id LEFT JOIN doctor doc ON doc.id = s.doctor_id
       WHERE ${where.join(' AND ')} ORDER BY s.date, s.starts_at, d.sort, s.id`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      date: String(r.date),
      period: r.period,
      periodLabel: PERIOD_LABELS[r.period],
      type: r.type,
      startsAt: iso(Number(r.starts_at)),
      endsAt: iso(Number(r.ends_at)),
      department: { id: r.department_id, name: r.department_name },
      doctor: r.doctor_id ? { id: r.doctor_id, name: r.doctor_name ?? '' } : null,
      feeFen: Number(r.fee_fen),
      capacity: Number(r.capacity),
      booked: Number(r.booked),
      free: Number(r.free_count),
      status: r.status,
    }));
  }

  /** 停诊, exactly as the hospital's own stop: bookings cancelled, paid ones refunded, each patient told. */
  async stop(staff: Staff, scheduleId: string, reason: string): Promise<SessionStateResult> {
    await this.ownSchedule(staff, scheduleId);
    return this.states.stopSession(scheduleId, reason, actorOf(staff));
  }

  async resume(staff: Staff, scheduleId: string): Promise<SessionStateResult> {
    await this.ownSchedule(staff, scheduleId);
    return this.states.resumeSession(scheduleId, actorOf(staff));
  }

  async bookings(
    staff: Staff,
    q: { hospitalId?: string; date: string; status?: OrderStatus; page: number; pageSize: number },
  ): Promise<Page<ConsoleBooking>> {
    const hospitalId = this.hospitalOf(staff, q.hospitalId);
    const where = `s.hospital_id = ? AND s.date = ?${q.status ? ' AND o.status = ?' : ''}`;
    const params: unknown[] = q.status ? [hospitalId, q.date, q.status] : [hospitalId, q.date];
    const from = `FROM schedule s JOIN booking_order o ON o.schedule_id = s.id`;
    const [count] = await this.db.query<{ n: unknown }>(`SELECT COUNT(*) AS n ${from} WHERE ${where}`, params);
    const rows = await this.db.query<BookingRow>(
      `SELECT o.id, o.order_no, o.status, o.payment_status, o.schedule_id, o.department_id, d.name AS department_name,
         o.doctor_id, doc.name AS doctor_name, o.period, sl.seq AS slot_seq, o.starts_at, o.ends_at,
         p.name AS patient_name, p.id_masked
       ${from} JOIN slot sl ON sl.id = o.slot_id JOIN patient p ON p.id = o.patient_id
         JOIN department d ON d.id = o.department_id LEFT JOIN doctor doc ON doc.id = o.doctor_id
       WHERE ${where} ORDER BY o.starts_at, sl.seq, o.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    return {
      items: rows.map((r) => ({
        orderId: r.id,
        orderNo: r.order_no,
        status: r.status,
        statusLabel: ORDER_STATUS_LABELS[r.status],
        paymentStatus: r.payment_status,
        scheduleId: r.schedule_id,
        department: { id: r.department_id, name: r.department_name },
        doctor: r.doctor_id ? { id: r.doctor_id, name: r.doctor_name ?? '' } : null,
        period: r.period,
        slotSeq: Number(r.slot_seq),
        startsAt: iso(Number(r.starts_at)),
        endsAt: iso(Number(r.ends_at)),
        patient: { name: maskName(r.patient_name), idNumberMasked: r.id_masked },
      })),
      page: q.page,
      pageSize: q.pageSize,
      total: Number(count?.n ?? 0),
    };
  }

  /** 已就诊 or 爽约 through the hospital interface's own marking (a repeat changes nothing), audited. */
  async markAttendance(
    staff: Staff,
    orderId: string,
    status: 'arrived' | 'noshow',
    ip: string,
  ): Promise<AttendanceResult> {
    const [order] = await this.db.query<{ hospital_id: string }>('SELECT hospital_id FROM booking_order WHERE id = ?', [
      orderId,
    ]);
    if (!order) throw new AppError('NOT_FOUND', '预约不存在');
    StaffService.scope(staff, order.hospital_id);
    const r = await this.orders.markAttendance(order.hospital_id, orderId, status, actorOf(staff));
    if (r.changed)
      await this.audit.record({
        actorType: 'staff',
        actorId: staff.id,
        action: 'booking.attendance',
        targetType: 'order',
        targetId: orderId,
        ip,
        detail: { status, hospitalId: order.hospital_id },
      });
    return r;
  }

  /** The hospital a request is about: a scheduler's own; an administrator must name one. */
  private hospitalOf(staff: Staff, requested: string | undefined): string {
    const hospitalId = StaffService.scope(staff, requested);
    if (!hospitalId)
      throw new AppError('VALIDATION_FAILED', '请选择医院', [{ path: 'query.hospitalId', message: '请选择医院' }]);
    return hospitalId;
  }

  private async ownSchedule(staff: Staff, scheduleId: string): Promise<void> {
    const [row] = await this.db.query<{ hospital_id: string }>('SELECT hospital_id FROM schedule WHERE id = ?', [
      scheduleId,
    ]);
    if (!row) throw new AppError('NOT_FOUND', '出诊信息不存在');
    StaffService.scope(staff, row.hospital_id);
  }
}

const actorOf = (staff: Staff): Actor => ({ type: 'staff', id: staff.id });
