import type { EntityManager } from 'typeorm';
import { placeholders } from '../db/sql/execute.js';
import type { OrderStatus } from '../db/entities/index.js';

/** What a notice says about an order: the names a patient knows it by, its times and fee. */
export interface NoticeOrder {
  id: string;
  accountId: string;
  patientId: string;
  status: OrderStatus;
  hospital: string;
  department: string;
  doctor: string | null;
  startsAt: number;
  payDeadline: number | null;
  feeFen: number;
}

/** A row of NOTICE_ORDER_SELECT. */
export interface NoticeOrderRow {
  id: string;
  account_id: string;
  patient_id: string;
  status: OrderStatus;
  hospital: string;
  department: string;
  doctor: string | null;
  starts_at: number | string;
  pay_deadline: number | string | null;
  fee_fen: number | string;
}

export const NOTICE_ORDER_SELECT = `
  SELECT o.id, o.account_id, o.patient_id, o.status, h.name AS hospital, d.name AS department,
         dr.name AS doctor, o.starts_at, o.pay_deadline, o.fee_fen
  FROM booking_order o
  JOIN hospital h ON h.id = o.hospital_id
  JOIN department d ON d.id = o.department_id
  LEFT JOIN doctor dr ON dr.id = o.doctor_id`;

export function noticeOrderOf(r: NoticeOrderRow): NoticeOrder {
  return {
    id: r.id,
    accountId: r.account_id,
    patientId: r.patient_id,
    status: r.status,
    hospital: r.hospital,
    department: r.department,
    doctor: r.doctor,
    startsAt: Number(r.starts_at),
    payDeadline: r.pay_deadline === null ? null : Number(r.pay_deadline),
    feeFen: Number(r.fee_fen),
  };
}

/** The orders of these ids, by id (missing ones are left out). */
export async function loadNoticeOrders(tx: EntityManager, ids: readonly string[]): Promise<Map<string, NoticeOrder>> {
  if (!ids.length) return new Map();
  const rows = (await tx.query(`${NOTICE_ORDER_SELECT} WHERE o.id IN (${placeholders(ids.length)})`, [
    ...ids,
  ])) as NoticeOrderRow[];
  return new Map(rows.map((r) => [r.id, noticeOrderOf(r)]));
}
