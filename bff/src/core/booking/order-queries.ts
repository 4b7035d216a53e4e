import type { Database } from '../../db/database.js';
import type { OrderEventRow } from '../../db/entities/index.js';
import { placeholders } from '../../db/sql/execute.js';
import type { OrderRecord } from './order-record.js';

const SELECT_RECORD = `
SELECT o.*, p.name AS patient_name, p.id_masked AS patient_id_masked,
       h.name AS hospital_name, h.address AS hospital_address,
       d.name AS department_name, doc.name AS doctor_name, doc.title AS doctor_title,
       sl.seq AS slot_seq, s.type AS schedule_type, r.visit_number
FROM booking_order o
JOIN patient p ON p.id = o.patient_id
JOIN hospital h ON h.id = o.hospital_id
JOIN department d ON d.id = o.department_id
JOIN schedule s ON s.id = o.schedule_id
JOIN slot sl ON sl.id = o.slot_id
LEFT JOIN doctor doc ON doc.id = o.doctor_id
LEFT JOIN order_his_ref r ON r.order_id = o.id`;

const n = (v: unknown) => Number(v);
const nn = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toRecord(r: Record<string, unknown>, history: OrderEventRow[]): OrderRecord {
  return {
    id: String(r.id),
    orderNo: String(r.order_no),
    accountId: String(r.account_id),
    patientId: String(r.patient_id),
    personId: String(r.person_id),
    hospitalId: String(r.hospital_id),
    departmentId: String(r.department_id),
    doctorId: r.doctor_id === null ? null : String(r.doctor_id),
    scheduleId: String(r.schedule_id),
    slotId: String(r.slot_id),
    visitDate: String(r.visit_date),
    period: String(r.period),
    startsAt: n(r.starts_at),
    endsAt: n(r.ends_at),
    feeFen: n(r.fee_fen),
    status: r.status as OrderRecord['status'],
    paymentStatus: r.payment_status as OrderRecord['paymentStatus'],
    payDeadline: nn(r.pay_deadline),
    cancelDeadline: n(r.cancel_deadline),
    idempotencyKey: String(r.idempotency_key),
    requestHash: String(r.request_hash),
    live: nn(r.live),
    cancelReason: r.cancel_reason === null ? null : String(r.cancel_reason),
    channel: (r.channel as string | null) ?? null,
    edition: (r.edition as string | null) ?? null,
    agentId: (r.agent_id as string | null) ?? null,
    createdAt: n(r.created_at),
    updatedAt: n(r.updated_at),
    version: n(r.version),
    patientName: String(r.patient_name),
    patientIdMasked: String(r.patient_id_masked),
    hospitalName: String(r.hospital_name),
    hospitalAddress: String(r.hospital_address),
    departmentName: String(r.department_name),
    doctorName: r.doctor_name == null ? null : String(r.doctor_name),
    doctorTitle: r.doctor_title == null ? null : String(r.doctor_title),
    slotSeq: n(r.slot_seq),
    scheduleType: String(r.schedule_type),
    visitNumber: r.visit_number == null ? null : String(r.visit_number),
    history,
  };
}

async function historyOf(db: Database, ids: string[]): Promise<Map<string, OrderEventRow[]>> {
  const map = new Map<string, OrderEventRow[]>(ids.map((id) => [id, []]));
  if (!ids.length) return map;
  const rows = await db.query<Record<string, unknown>>(
    `SELECT * FROM order_event WHERE order_id IN (${placeholders(ids.length)}) ORDER BY at, id`,
    ids,
  );
  for (const e of rows) {
    map.get(String(e.order_id))!.push({
      id: String(e.id),
      orderId: String(e.order_id),
      fromStatus: (e.from_status ?? null) as OrderEventRow['fromStatus'],
      toStatus: e.to_status as OrderEventRow['toStatus'],
      actorType: String(e.actor_type),
      actorId: e.actor_id == null ? null : String(e.actor_id),
      reason: e.reason == null ? null : String(e.reason),
      at: n(e.at),
    });
  }
  return map;
}

export async function findOrder(db: Database, orderId: string, accountId?: string): Promise<OrderRecord | undefined> {
  const rows = await db.query<Record<string, unknown>>(
    `${SELECT_RECORD} WHERE o.id = ?${accountId ? ' AND o.account_id = ?' : ''}`,
    accountId ? [orderId, accountId] : [orderId],
  );
  if (!rows[0]) return undefined;
  const history = await historyOf(db, [orderId]);
  return toRecord(rows[0], history.get(orderId)!);
}

export type OrderFilter = 'active' | 'history' | OrderRecord['status'] | undefined;

export async function listOrders(
  db: Database,
  accountId: string,
  filter: OrderFilter,
  page: number,
  pageSize: number,
): Promise<{ items: OrderRecord[]; total: number }> {
  const where = ['o.account_id = ?'];
  const params: unknown[] = [accountId];
  if (filter === 'active') where.push("o.status IN ('pending', 'booked', 'arrived')");
  else if (filter === 'history') where.push("o.status IN ('fulfilled', 'cancelled', 'noshow')");
  else if (filter) {
    where.push('o.status = ?');
    params.push(filter);
  }
  const clause = where.join(' AND ');
  const [{ total }] = (await db.query<{ total: number }>(
    `SELECT COUNT(*) AS total FROM booking_order o WHERE ${clause}`,
    params,
  )) as [{ total: number }];
  const rows = await db.query<Record<string, unknown>>(
    `${SELECT_RECORD} WHERE ${clause} ORDER BY o.created_at DESC, o.id DESC LIMIT ${pageSize}
      OFFSET ${(page - 1) * pageSize}`,
    params,
  );
  return { items: rows.map((r) => toRecord(r, [])), total: Number(total) };
}
