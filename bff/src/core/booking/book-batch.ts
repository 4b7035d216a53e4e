import crypto from 'node:crypto';
import type { BookingRules } from '../../config/config.js';
import type { Dialect } from '../../db/database.js';
import type { OrderEventRow, OrderRow } from '../../db/entities/index.js';
import { bulkInsertStatements, type Statement } from '../../db/sql/bulk-insert.js';
import { forUpdate, placeholders } from '../../db/sql/execute.js';
import type { SqlTx } from '../../db/sql/sql-tx.js';
import { newId } from '../../shared/ids.js';
import { shanghaiDate } from '../../shared/time.js';
import { advanceMark, claimCandidates, slotsAboveMarkStatement, type SlotRow } from './claim-slots.js';
import { cancelDeadline } from './deadlines.js';
import type { OrderRecord } from './order-record.js';
import { checkBlacklist, checkPersonLimits, checkSchedule, overlapsLiveVisit, type PersonOrder } from './rules.js';
import type { BookCommand, Refusal } from './types.js';

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

interface ScheduleLocked {
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
}

interface PatientLocked {
  id: string;
  account_id: string;
  person_id: string;
  name: string;
  id_masked: string;
  verified_at: number | null;
  live: number | null;
}


const num = (v: unknown) => Number(v);
const unique = <T>(xs: T[]) => [...new Set(xs)];

function orderNo(now: number): string {
  const day = shanghaiDate(now).replaceAll('-', '').slice(2);
  return day + crypto.randomInt(0, 1e12).toString().padStart(12, '0');
}

/**
 * Books a batch of requests in ONE transaction (group commit): many bookings share one commit,
 * which is what lifts throughput above the one-commit-per-booking ceiling. Row locks are taken
 * persons first, then schedules (in id order); slots are never locked themselves, because a slot
 * changes status only while its schedule row is locked. A rare deadlock between two batches that
 * share a person is rolled back and retried by the caller. Requests are decided one by one in
 * arrival order, each seeing the bookings accepted before it in the same batch.
 *
 * On MariaDB a batch skips the schedules another batch (of another BFF process) holds, rather
 * than wait for that batch's commit with all its own locks held; their requests come back as
 * `deferred` for a later batch. A request put off for MAX_DEFERRAL_MS waits in its next batch.
 */
export async function bookBatch(tx: SqlTx, requests: BookRequest[], rules: BookingRules, now: number): Promise<BatchOutcome[]> {
  const dialect = tx.dialect;
  const lock = forUpdate(dialect);
  const q = <T>(sql: string, params: unknown[]) => tx.query<T>(sql, params);
  const out: BatchOutcome[] = new Array(requests.length);

  const wantedSlotIds = unique(requests.flatMap((r) => (r.cmd.slotId ? [r.cmd.slotId] : [])));
  const patientIds = unique(requests.map((r) => r.cmd.patientId));

  // Round trip 1: the sessions of the slots asked for by id, and the patients with a row lock on
  // each person behind them.
  const [slotSessionRows, patientRows] = await readAll(tx, [
    wantedSlotIds.length ? { sql: `SELECT id, schedule_id FROM slot WHERE id IN (${placeholders(wantedSlotIds.length)})`, params: wantedSlotIds } : null,
    {
      sql: `SELECT p.id, p.account_id, p.person_id, p.name, p.id_masked, p.verified_at, p.live, pe.blacklisted_until FROM person pe JOIN patient p ON p.person_id = pe.id WHERE p.id IN (${placeholders(patientIds.length)}) ORDER BY pe.id${lock}`,
      params: patientIds,
    },
  ]);
  const slotSchedule = new Map((slotSessionRows as { id: string; schedule_id: string }[]).map((s) => [s.id, s.schedule_id]));
  const patients = new Map<string, PatientLocked>();
  const persons = new Map<string, number | null>();
  for (const p of patientRows as (PatientLocked & { blacklisted_until: number | null })[]) {
    patients.set(p.id, p);
    persons.set(p.person_id, p.blacklisted_until === null ? null : num(p.blacklisted_until));
  }
  const personIds = [...persons.keys()];
  const scheduleIds = unique(requests.flatMap((r) => {
    const id = r.cmd.scheduleId ?? (r.cmd.slotId ? slotSchedule.get(r.cmd.slotId) : undefined);
    return id ? [id] : [];
  })).sort();
  const demand = new Map<string, number>();
  for (const r of requests) if (r.cmd.scheduleId) demand.set(r.cmd.scheduleId, (demand.get(r.cmd.scheduleId) ?? 0) + 1);

  // Round trip 2, in this order: idempotency keys (read after the person locks, so a concurrent
  // request with the same key has committed by now and replays its order instead of booking
  // twice); the schedules, locked in id order; then, under those locks, the names, the persons'
  // recent bookings, the slots asked for by id and the free slots above each session's mark.
  const keyOf = (accountId: string, key: string) => `${accountId}\u0000${key}`;
  const pairs = requests.map((r) => [r.cmd.accountId, r.cmd.idempotencyKey]);
  const since = now - rules.windowDays * 86_400_000;
  const started = performance.now();
  const skipBusy = dialect === 'mysql' && requests.every((r) => r.deferredSince === undefined || started - r.deferredSince < MAX_DEFERRAL_MS);
  const scheduleLock = skipBusy ? `${lock} SKIP LOCKED` : lock;
  const [keyRows, scheduleRows, nameRows, personOrderRows, wantedSlotRows, aboveMarkRows] = await readAll(tx, [
    { sql: `SELECT id, account_id, idempotency_key, request_hash FROM booking_order WHERE (account_id, idempotency_key) IN (${pairs.map(() => '(?,?)').join(',')})`, params: pairs.flat() },
    scheduleIds.length ? {
      sql: `SELECT id, hospital_id, department_id, doctor_id, date, period, type, fee_fen, status, release_at, closes_at, capacity, free_count, next_seq FROM schedule WHERE id IN (${placeholders(scheduleIds.length)}) ORDER BY id${scheduleLock}`,
      params: scheduleIds,
    } : null,
    // also tells which sessions exist at all: a skipped one is busy, not missing
    namesStatement(dialect, scheduleIds),
    personIds.length ? {
      sql: `SELECT id, account_id, order_no, person_id, department_id, visit_date, period, starts_at, ends_at, live, status, cancel_reason, created_at FROM booking_order WHERE person_id IN (${placeholders(personIds.length)}) AND (live = 1 OR created_at >= ?)`,
      params: [...personIds, since],
    } : null,
    wantedSlotIds.length ? { sql: `SELECT id, schedule_id, seq, starts_at, ends_at, status FROM slot WHERE id IN (${placeholders(wantedSlotIds.length)})`, params: wantedSlotIds } : null,
    slotsAboveMarkStatement(dialect, [...demand]),
  ]);
  const existing = new Map<string, { id: string; request_hash: string }>();
  for (const r of keyRows as { id: string; account_id: string; idempotency_key: string; request_hash: string }[]) existing.set(keyOf(r.account_id, r.idempotency_key), r);
  const schedules = new Map<string, ScheduleLocked>();
  for (const s of scheduleRows as ScheduleLocked[]) {
    schedules.set(s.id, { ...s, fee_fen: num(s.fee_fen), release_at: num(s.release_at), closes_at: num(s.closes_at), capacity: num(s.capacity), free_count: num(s.free_count), next_seq: num(s.next_seq) });
  }
  const names = toNames(nameRows as NameRow[]);
  const personOrders = new Map<string, PersonOrder[]>(personIds.map((id) => [id, []]));
  for (const o of personOrderRows as Record<string, unknown>[]) {
    personOrders.get(String(o.person_id))!.push({
      id: String(o.id),
      accountId: String(o.account_id),
      orderNo: String(o.order_no),
      departmentId: String(o.department_id),
      visitDate: String(o.visit_date),
      period: String(o.period),
      startsAt: num(o.starts_at),
      endsAt: num(o.ends_at),
      live: num(o.live) === 1,
      status: String(o.status),
      cancelReason: o.cancel_reason === null ? null : String(o.cancel_reason),
      createdAt: num(o.created_at),
    });
  }
  const slots = new Map<string, SlotRow>();
  for (const s of wantedSlotRows as SlotRow[]) slots.set(s.id, { ...s, seq: num(s.seq), starts_at: num(s.starts_at), ends_at: num(s.ends_at) });
  const claimInputs = [...demand].flatMap(([id, wanted]) => (schedules.has(id) ? [{ schedule: schedules.get(id)!, wanted }] : []));
  const claims = await claimCandidates(q, aboveMarkRows as SlotRow[], claimInputs, now);
  const candidates = claims.candidates;

  const taken = new Set<string>();
  const seenKeys = new Map<string, number>();
  const created: OrderRecord[] = [];

  for (let i = 0; i < requests.length; i++) {
    const { cmd, requestHash } = requests[i]!;
    const key = keyOf(cmd.accountId, cmd.idempotencyKey);
    const prior = existing.get(key);
    if (prior) {
      out[i] = prior.request_hash === requestHash ? { kind: 'replay', orderId: prior.id } : { kind: 'refused', refusal: { code: 'IDEMPOTENCY_CONFLICT' } };
      continue;
    }
    const earlier = seenKeys.get(key);
    if (earlier !== undefined) {
      const first = out[earlier]!;
      out[i] = requests[earlier]!.requestHash !== requestHash ? { kind: 'refused', refusal: { code: 'IDEMPOTENCY_CONFLICT' } }
        : first.kind === 'created' ? { kind: 'replay', orderId: first.order.id } : first;
      continue;
    }
    seenKeys.set(key, i);

    const refuse = (refusal: Refusal) => {
      out[i] = { kind: 'refused', refusal };
    };
    const patient = patients.get(cmd.patientId);
    if (!patient || patient.account_id !== cmd.accountId || num(patient.live) !== 1) {
      refuse({ code: 'NOT_FOUND', message: '就诊人不存在' });
      continue;
    }
    if (patient.verified_at === null) {
      refuse({ code: 'REAL_NAME_REQUIRED' });
      continue;
    }
    const blacklisted = checkBlacklist(persons.get(patient.person_id) ?? null, now);
    if (blacklisted) {
      refuse(blacklisted);
      continue;
    }
    let slot: SlotRow | undefined;
    if (cmd.slotId) {
      slot = slots.get(cmd.slotId);
      if (!slot) {
        refuse({ code: 'NOT_FOUND', message: '号源不存在' });
        continue;
      }
    }
    const scheduleId = cmd.scheduleId ?? slot?.schedule_id ?? '';
    const schedule = schedules.get(scheduleId);
    if (!schedule) {
      if (names.scheduleIds.has(scheduleId)) out[i] = { kind: 'deferred' };
      else refuse({ code: 'NOT_FOUND', message: '出诊信息不存在' });
      continue;
    }
    const facts = { status: schedule.status, releaseAt: schedule.release_at, closesAt: schedule.closes_at, departmentId: schedule.department_id, date: schedule.date, period: schedule.period };
    const orders = personOrders.get(patient.person_id)!;
    const refusal = checkSchedule(facts, now) ?? checkPersonLimits(orders, facts, rules, now, cmd.accountId);
    if (refusal) {
      refuse(refusal);
      continue;
    }

    if (slot) {
      if (slot.status !== 'free' || taken.has(slot.id)) {
        refuse({ code: 'SLOT_GONE', message: '该号源已被预约，请选择其他号源' });
        continue;
      }
      if (slot.starts_at <= now) {
        refuse({ code: 'BOOKING_WINDOW_CLOSED', message: '该号源的就诊时间已过' });
        continue;
      }
      if (overlapsLiveVisit(orders, slot.starts_at, slot.ends_at)) {
        refuse({ code: 'VISIT_OVERLAP' });
        continue;
      }
    } else {
      const free = (candidates.get(schedule.id) ?? []).filter((s) => !taken.has(s.id));
      slot = free.find((s) => !overlapsLiveVisit(orders, s.starts_at, s.ends_at));
      if (!slot) {
        refuse(free.length ? { code: 'VISIT_OVERLAP' } : { code: 'SLOT_GONE' });
        continue;
      }
    }

    taken.add(slot.id);
    const hospital = names.hospitals.get(schedule.hospital_id);
    const paysOnline = schedule.fee_fen > 0 && !!hospital?.onlinePayment;
    const order: OrderRow = {
      id: newId(),
      orderNo: orderNo(now),
      accountId: cmd.accountId,
      patientId: patient.id,
      personId: patient.person_id,
      hospitalId: schedule.hospital_id,
      departmentId: schedule.department_id,
      doctorId: schedule.doctor_id,
      scheduleId: schedule.id,
      slotId: slot.id,
      visitDate: schedule.date,
      period: schedule.period,
      startsAt: slot.starts_at,
      endsAt: slot.ends_at,
      feeFen: schedule.fee_fen,
      status: paysOnline ? 'pending' : 'booked',
      paymentStatus: schedule.fee_fen === 0 ? 'not-required' : paysOnline ? 'unpaid' : 'pay-at-hospital',
      payDeadline: paysOnline ? now + rules.paymentWindowMs : null,
      cancelDeadline: cancelDeadline(schedule.date, rules),
      idempotencyKey: cmd.idempotencyKey,
      requestHash,
      live: 1,
      cancelReason: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    orders.push({ id: order.id, accountId: order.accountId, orderNo: order.orderNo, departmentId: order.departmentId, visitDate: order.visitDate, period: order.period, startsAt: order.startsAt, endsAt: order.endsAt, live: true, status: order.status, cancelReason: null, createdAt: now });
    const event: OrderEventRow = { id: newId(), orderId: order.id, fromStatus: null, toStatus: order.status, actorType: 'patient', actorId: cmd.accountId, reason: null, at: now };
    const doctor = schedule.doctor_id ? names.doctors.get(schedule.doctor_id) : undefined;
    const record: OrderRecord = {
      ...order,
      patientName: patient.name,
      patientIdMasked: patient.id_masked,
      hospitalName: hospital?.name ?? '',
      hospitalAddress: hospital?.address ?? '',
      departmentName: names.departments.get(schedule.department_id) ?? '',
      doctorName: doctor?.name ?? null,
      doctorTitle: doctor?.title ?? null,
      slotSeq: slot.seq,
      scheduleType: schedule.type,
      history: [event],
    };
    created.push(record);
    out[i] = { kind: 'created', order: record };
  }

  const marks = new Map<string, number>();
  for (const [id, above] of claims.aboveMark) {
    const current = schedules.get(id)!.next_seq;
    const next = advanceMark(current, above, taken, now);
    if (next !== current) marks.set(id, next);
  }
  if (created.length) await persist(tx, created, marks, now);
  return out;
}

/** Writes the batch's bookings: on MariaDB every statement goes in one round trip. */
async function persist(tx: SqlTx, created: OrderRecord[], nextSeq: Map<string, number>, now: number): Promise<void> {
  const statements: Statement[] = [];
  const claimed: number[] = [];
  for (const status of ['busy', 'busy-tentative'] as const) {
    const ids = created.filter((o) => (o.status === 'pending') === (status === 'busy-tentative')).map((o) => o.slotId);
    if (!ids.length) continue;
    statements.push({ sql: `UPDATE slot SET status = ?, version = version + 1, updated_at = ? WHERE id IN (${placeholders(ids.length)}) AND status = 'free'`, params: [status, now, ...ids] });
    claimed.push(ids.length);
  }
  const perSchedule = new Map<string, number>();
  for (const o of created) perSchedule.set(o.scheduleId, (perSchedule.get(o.scheduleId) ?? 0) + 1);
  const counts = [...perSchedule];
  const highWater = counts.flatMap(([id]) => (nextSeq.has(id) ? [[id, nextSeq.get(id)!]] : []));
  statements.push({
    sql: `UPDATE schedule SET free_count = free_count - CASE id ${counts.map(() => 'WHEN ? THEN ?').join(' ')} END, ${highWater.length ? `next_seq = CASE id ${highWater.map(() => 'WHEN ? THEN ?').join(' ')} ELSE next_seq END, ` : ''}version = version + 1, updated_at = ? WHERE id IN (${placeholders(counts.length)})`,
    params: [...counts.flat(), ...highWater.flat(), now, ...counts.map(([id]) => id)],
  });
  statements.push(...bulkInsertStatements('booking_order', ORDER_COLUMNS, created.map(orderValues)));
  statements.push(...bulkInsertStatements('order_event', ['id', 'order_id', 'from_status', 'to_status', 'actor_type', 'actor_id', 'reason', 'at'],
    created.map((o) => { const e = o.history[0]!; return [e.id, e.orderId, e.fromStatus, e.toStatus, e.actorType, e.actorId, e.reason, e.at]; })));
  statements.push(...bulkInsertStatements('slot_event', ['id', 'slot_id', 'schedule_id', 'action', 'order_id', 'actor_type', 'actor_id', 'detail', 'at'],
    created.map((o) => [newId(), o.slotId, o.scheduleId, o.status === 'pending' ? 'held' : 'booked', o.id, 'patient', o.accountId, null, now])));
  const changed = await tx.runAll(statements);
  // The claimed slots were free under the schedule locks; anything else is a bug: roll it all back.
  claimed.forEach((n, i) => {
    if (changed[i] !== n) throw new Error(`slot claim lost a race: ${changed[i]} of ${n}`);
  });
}

const ORDER_COLUMNS = ['id', 'order_no', 'account_id', 'patient_id', 'person_id', 'hospital_id', 'department_id', 'doctor_id', 'schedule_id', 'slot_id', 'visit_date', 'period', 'starts_at', 'ends_at', 'fee_fen', 'status', 'payment_status', 'pay_deadline', 'cancel_deadline', 'idempotency_key', 'request_hash', 'live', 'cancel_reason', 'created_at', 'updated_at', 'version'];
const orderValues = (o: OrderRow): unknown[] => [o.id, o.orderNo, o.accountId, o.patientId, o.personId, o.hospitalId, o.departmentId, o.doctorId, o.scheduleId, o.slotId, o.visitDate, o.period, o.startsAt, o.endsAt, o.feeFen, o.status, o.paymentStatus, o.payDeadline, o.cancelDeadline, o.idempotencyKey, o.requestHash, o.live, o.cancelReason, o.createdAt, o.updatedAt, o.version];

interface NameRow {
  schedule_id: string;
  hospital_id: string;
  hospital_name: string;
  hospital_address: string;
  online_payment: unknown;
  department_id: string;
  department_name: string;
  /** null when the session has no doctor (the doctor is an outer join) */
  doctor_id: string | null;
  doctor_name: string | null;
  doctor_title: string | null;
}

/**
 * Hospital, department and doctor names of the batch's sessions, one row per session that exists
 * (read without locks: names do not change with a session's state). One join, so MariaDB plans
 * it once: a UNION per kind of name cost three optimiser passes and three reads of the schedules.
 */
function namesStatement(dialect: Dialect, scheduleIds: string[]): Statement | null {
  if (!scheduleIds.length) return null;
  // Driven by the schedules' primary key (MariaDB is told so: on small tables it would rather scan them).
  const join = dialect === 'mysql' ? 'STRAIGHT_JOIN' : 'JOIN';
  return {
    sql: `SELECT s.id AS schedule_id, h.id AS hospital_id, h.name AS hospital_name, h.address AS hospital_address, h.online_payment,
        d.id AS department_id, d.name AS department_name, m.id AS doctor_id, m.name AS doctor_name, m.title AS doctor_title
      FROM schedule s ${join} hospital h ON h.id = s.hospital_id ${join} department d ON d.id = s.department_id LEFT JOIN doctor m ON m.id = s.doctor_id
      WHERE s.id IN (${placeholders(scheduleIds.length)})`,
    params: scheduleIds,
  };
}

function toNames(rows: NameRow[]) {
  const hospitals = new Map<string, { name: string; address: string; onlinePayment: boolean }>();
  const departments = new Map<string, string>();
  const doctors = new Map<string, { name: string; title: string }>();
  for (const r of rows) {
    hospitals.set(r.hospital_id, { name: r.hospital_name, address: r.hospital_address, onlinePayment: Number(r.online_payment) === 1 });
    departments.set(r.department_id, r.department_name);
    if (r.doctor_id !== null) doctors.set(r.doctor_id, { name: r.doctor_name ?? '', title: r.doctor_title ?? '' });
  }
  return { hospitals, departments, doctors, scheduleIds: new Set(rows.map((r) => r.schedule_id)) };
}

/** Runs the statements present in one round trip; an absent one reads as no rows. */
async function readAll(tx: SqlTx, statements: (Statement | null)[]): Promise<unknown[][]> {
  const present = statements.filter((s): s is Statement => s !== null);
  const results = await tx.queryAll(present);
  let next = 0;
  return statements.map((s) => (s ? results[next++]! : []));
}
