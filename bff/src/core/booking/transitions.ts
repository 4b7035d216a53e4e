import type { EntityManager } from 'typeorm';
import type { BookingRules } from '../../config/config.js';
import type { Dialect } from '../../db/database.js';
import { OrderEvent, Outbox, type OrderStatus, type OutboxTopic, type PaymentStatus } from '../../db/entities/index.js';
import { insertRows } from '../../db/sql/table.js';
import { recordSlotEvent } from './slot-events.js';
import { execute, forUpdate } from '../../db/sql/execute.js';
import { newId } from '../../shared/ids.js';
import { checkCancelDeadline, noShowSuspension, noShowWindowStart } from './rules/index.js';
import type { Actor, CancelReason, Refusal } from './types.js';

interface LockedOrder {
  id: string;
  hospital_id: string;
  account_id: string;
  person_id: string;
  schedule_id: string;
  slot_id: string;
  status: OrderStatus;
  payment_status: PaymentStatus;
  cancel_deadline: number;
  pay_deadline: number | null;
}

export type TransitionResult = { ok: true; changed: boolean; scheduleId: string } | { ok: false; refusal: Refusal };

const CANCELLABLE: OrderStatus[] = ['pending', 'booked'];

async function lockOrder(tx: EntityManager, dialect: Dialect, orderId: string): Promise<LockedOrder | undefined> {
  const lock = forUpdate(dialect);
  const [head] = (await tx.query('SELECT schedule_id FROM booking_order WHERE id = ?', [orderId])) as {
    schedule_id: string;
  }[];
  if (!head) return undefined;
  // Same order as booking: the schedule row first, then the order, then its slot.
  await tx.query(`SELECT id FROM schedule WHERE id = ?${lock}`, [head.schedule_id]);
  const [row] = (await tx.query(
    `SELECT id, hospital_id, account_id, person_id, schedule_id, slot_id, status, payment_status, cancel_deadline,
      pay_deadline FROM booking_order WHERE id = ?${lock}`,
    [orderId],
  )) as LockedOrder[];
  return (
    row && {
      ...row,
      cancel_deadline: Number(row.cancel_deadline),
      pay_deadline: row.pay_deadline === null ? null : Number(row.pay_deadline),
    }
  );
}

/**
 * Every change of an order is recorded in its history; one its hospital or patient must hear of
 * also goes into the outbox (same id, same transaction), from which it is relayed.
 */
async function recordOrderEvent(
  tx: EntityManager,
  order: Pick<LockedOrder, 'id' | 'hospital_id'>,
  from: OrderStatus,
  to: OrderStatus,
  actor: Actor,
  reason: string | null,
  now: number,
  topic: OutboxTopic | null,
) {
  const id = newId();
  const orderId = order.id;
  await insertRows(tx, OrderEvent, [
    { id, orderId, fromStatus: from, toStatus: to, actorType: actor.type, actorId: actor.id, reason, at: now },
  ]);
  if (topic)
    await insertRows(tx, Outbox, [{ id, hospitalId: order.hospital_id, orderId, topic, detail: reason, at: now }]);
}

export interface CancelArgs {
  orderId: string;
  /** When set, the order must belong to this account (a patient cancelling). */
  accountId?: string;
  actor: Actor;
  reason: CancelReason;
  note?: string;
  now: number;
}

/** Cancels a booking and returns its slot to the pool (or keeps it closed when the session is stopped). */
export async function cancelOrder(tx: EntityManager, dialect: Dialect, a: CancelArgs): Promise<TransitionResult> {
  const order = await lockOrder(tx, dialect, a.orderId);
  if (!order || (a.accountId !== undefined && order.account_id !== a.accountId))
    return { ok: false, refusal: { code: 'NOT_FOUND', message: '预约不存在' } };
  if (!CANCELLABLE.includes(order.status)) {
    if (a.reason !== 'patient') return { ok: true, changed: false, scheduleId: order.schedule_id };
    return { ok: false, refusal: { code: 'ORDER_NOT_CANCELLABLE' } };
  }
  if (a.reason === 'payment-timeout' && (order.status !== 'pending' || (order.pay_deadline ?? Infinity) > a.now)) {
    return { ok: true, changed: false, scheduleId: order.schedule_id };
  }
  const late =
    a.reason === 'patient'
      ? checkCancelDeadline({ status: order.status, cancelDeadline: order.cancel_deadline }, a.now)
      : null;
  if (late) return { ok: false, refusal: late };

  const payment: PaymentStatus =
    order.payment_status === 'unpaid' ? 'closed' : order.payment_status === 'paid' ? 'refunding' : order.payment_status;
  await execute(
    tx,
    `UPDATE booking_order SET status = ?, live = NULL, payment_status = ?, cancel_reason = ?, updated_at = ?,
      version = version + 1 WHERE id = ?`,
    ['cancelled', payment, a.reason, a.now, order.id],
  );
  const [schedule] = (await tx.query('SELECT status FROM schedule WHERE id = ?', [order.schedule_id])) as {
    status: string;
  }[];
  const reopen = schedule?.status === 'open';
  await execute(
    tx,
    `UPDATE slot SET status = ?, version = version + 1, updated_at = ? WHERE id = ?
      AND status IN ('busy', 'busy-tentative')`,
    [reopen ? 'free' : 'busy-unavailable', a.now, order.slot_id],
  );
  if (reopen)
    await execute(
      tx,
      'UPDATE schedule SET free_count = free_count + 1, version = version + 1, updated_at = ? WHERE id = ?',
      [a.now, order.schedule_id],
    );
  await recordOrderEvent(
    tx,
    order,
    order.status,
    'cancelled',
    a.actor,
    a.note ? `${a.reason}: ${a.note}`.slice(0, 200) : a.reason,
    a.now,
    'booking.cancelled',
  );
  await recordSlotEvent(tx, {
    slotId: order.slot_id,
    scheduleId: order.schedule_id,
    action: reopen ? 'released' : 'closed',
    orderId: order.id,
    actor: a.actor,
    detail: a.reason,
    at: a.now,
  });
  return { ok: true, changed: true, scheduleId: order.schedule_id };
}

/** The hospital marks a booked patient as arrived (checked in) or as a no-show. */
export async function recordAttendance(
  tx: EntityManager,
  dialect: Dialect,
  orderId: string,
  outcome: 'arrived' | 'noshow',
  actor: Actor,
  rules: BookingRules,
  now: number,
): Promise<TransitionResult & { blacklistedUntil?: number }> {
  const order = await lockOrder(tx, dialect, orderId);
  if (!order) return { ok: false, refusal: { code: 'NOT_FOUND', message: '预约不存在' } };
  if (order.status === outcome) return { ok: true, changed: false, scheduleId: order.schedule_id };
  if (order.status !== 'booked')
    return { ok: false, refusal: { code: 'ORDER_NOT_CANCELLABLE', message: '该预约当前状态不能办理此操作' } };
  await execute(
    tx,
    `UPDATE booking_order SET status = ?, live = ${outcome === 'arrived' ? '1' : 'NULL'}, updated_at = ?,
      version = version + 1 WHERE id = ?`,
    [outcome, now, order.id],
  );
  await recordOrderEvent(tx, order, order.status, outcome, actor, null, now, 'attendance.recorded');
  if (outcome === 'arrived') return { ok: true, changed: true, scheduleId: order.schedule_id };

  const [person] = (await tx.query(`SELECT blacklist_lifted_at FROM person WHERE id = ?${forUpdate(dialect)}`, [
    order.person_id,
  ])) as { blacklist_lifted_at: unknown }[];
  // A lifted suspension forgives the no-shows marked before it.
  const [{ n }] = (await tx.query(
    `SELECT COUNT(*) AS n FROM booking_order o WHERE o.person_id = ? AND o.status = 'noshow' AND o.starts_at >= ?
      AND NOT EXISTS (SELECT 1 FROM order_event e WHERE e.order_id = o.id AND e.to_status = 'noshow' AND e.at < ?)`,
    [order.person_id, noShowWindowStart(rules, now), Number(person?.blacklist_lifted_at ?? 0)],
  )) as [{ n: number }];
  const until = noShowSuspension(Number(n), rules, now);
  if (until === null) return { ok: true, changed: true, scheduleId: order.schedule_id };
  await execute(
    tx,
    `UPDATE person SET blacklisted_until = ?, updated_at = ? WHERE id = ? AND (blacklisted_until IS NULL
      OR blacklisted_until < ?)`,
    [until, now, order.person_id, until],
  );
  return { ok: true, changed: true, scheduleId: order.schedule_id, blacklistedUntil: until };
}

export interface Stopped {
  /** false when the session was stopped already (a repeated stop changes nothing). */
  changed: boolean;
  cancelled: string[];
  /** Of those, the paid ones: their payment is now refunding. */
  refunding: number;
}

/** 停诊: the hospital stops a session; every live booking on it is cancelled. Null when there is no such session. */
export async function stopSchedule(
  tx: EntityManager,
  dialect: Dialect,
  scheduleId: string,
  actor: Actor,
  note: string,
  now: number,
): Promise<Stopped | null> {
  const [schedule] = (await tx.query(`SELECT id, status FROM schedule WHERE id = ?${forUpdate(dialect)}`, [
    scheduleId,
  ])) as { id: string; status: string }[];
  if (!schedule) return null;
  if (schedule.status === 'stopped') return { changed: false, cancelled: [], refunding: 0 };
  await execute(
    tx,
    "UPDATE schedule SET status = 'stopped', free_count = 0, version = version + 1, updated_at = ? WHERE id = ?",
    [now, scheduleId],
  );
  const orders = (await tx.query(
    `SELECT id, payment_status FROM booking_order WHERE schedule_id = ? AND live = 1
      AND status IN ('pending', 'booked')${forUpdate(dialect)}`,
    [scheduleId],
  )) as { id: string; payment_status: PaymentStatus }[];
  for (const o of orders) await cancelOrder(tx, dialect, { orderId: o.id, actor, reason: 'stop-clinic', note, now });
  await execute(
    tx,
    `UPDATE slot SET status = 'busy-unavailable', version = version + 1, updated_at = ? WHERE schedule_id = ?
      AND status = 'free'`,
    [now, scheduleId],
  );
  await recordSlotEvent(tx, {
    slotId: null,
    scheduleId,
    action: 'stopped',
    actor,
    detail: note.slice(0, 500),
    at: now,
  });
  return {
    changed: true,
    cancelled: orders.map((o) => o.id),
    refunding: orders.filter((o) => o.payment_status === 'paid').length,
  };
}

/**
 * The hospital resumes a stopped session: the slots a stop closed become free again (no live
 * booking holds any: the stop cancelled them all); slots withdrawn by a lower capacity stay out.
 * Null when there is no such session; `changed` false when it was open already.
 */
export async function resumeSchedule(
  tx: EntityManager,
  dialect: Dialect,
  scheduleId: string,
  actor: Actor,
  now: number,
): Promise<{ changed: boolean; freeCount: number } | null> {
  const [schedule] = (await tx.query(`SELECT status, free_count FROM schedule WHERE id = ?${forUpdate(dialect)}`, [
    scheduleId,
  ])) as { status: string; free_count: unknown }[];
  if (!schedule) return null;
  if (schedule.status === 'open') return { changed: false, freeCount: Number(schedule.free_count) };
  await execute(
    tx,
    `UPDATE slot SET status = 'free', version = version + 1, updated_at = ? WHERE schedule_id = ?
      AND status = 'busy-unavailable'`,
    [now, scheduleId],
  );
  const [{ n }] = (await tx.query("SELECT COUNT(*) AS n FROM slot WHERE schedule_id = ? AND status = 'free'", [
    scheduleId,
  ])) as [{ n: unknown }];
  await execute(
    tx,
    "UPDATE schedule SET status = 'open', free_count = ?, version = version + 1, updated_at = ? WHERE id = ?",
    [Number(n), now, scheduleId],
  );
  await recordSlotEvent(tx, { slotId: null, scheduleId, action: 'resumed', actor, detail: `${n} free`, at: now });
  return { changed: true, freeCount: Number(n) };
}

/** Pending orders whose payment window has passed (oldest first). */
export async function overdueUnpaid(tx: EntityManager, now: number, limit: number): Promise<string[]> {
  const rows = (await tx.query(
    `SELECT id FROM booking_order WHERE status = 'pending' AND pay_deadline <= ? ORDER BY pay_deadline
      LIMIT ${Math.floor(limit)}`,
    [now],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

export type PaidOutcome =
  /** The pending booking is now booked. */
  | 'booked'
  /** The booking was already confirmed by this same payment (a repeated notify). */
  | 'unchanged'
  /** The booking cannot take this money (window passed, cancelled, or paid by another payment): refund it. */
  | 'refund';

/**
 * A channel reports a payment of `orderId` as paid. Locks schedule → order like every other
 * transition. A pending booking becomes booked and its held slot busy; anything else means the
 * money has no booking to pay for any more and must go back.
 */
export async function confirmPaid(
  tx: EntityManager,
  dialect: Dialect,
  orderId: string,
  alreadyApplied: boolean,
  now: number,
): Promise<TransitionResult & { outcome?: PaidOutcome }> {
  const order = await lockOrder(tx, dialect, orderId);
  if (!order) return { ok: false, refusal: { code: 'NOT_FOUND', message: '预约不存在' } };
  if (alreadyApplied) return { ok: true, changed: false, scheduleId: order.schedule_id, outcome: 'unchanged' };
  if (order.status !== 'pending' || order.payment_status !== 'unpaid')
    return { ok: true, changed: false, scheduleId: order.schedule_id, outcome: 'refund' };
  await execute(
    tx,
    `UPDATE booking_order SET status = 'booked', payment_status = 'paid', updated_at = ?, version = version + 1
      WHERE id = ?`,
    [now, order.id],
  );
  await execute(
    tx,
    "UPDATE slot SET status = 'busy', version = version + 1, updated_at = ? WHERE id = ? AND status = 'busy-tentative'",
    [now, order.slot_id],
  );
  await recordOrderEvent(
    tx,
    order,
    'pending',
    'booked',
    { type: 'system', id: null },
    'paid',
    now,
    'payment.succeeded',
  );
  await recordSlotEvent(tx, {
    slotId: order.slot_id,
    scheduleId: order.schedule_id,
    action: 'booked',
    orderId: order.id,
    actor: { type: 'system', id: null },
    detail: 'paid',
    at: now,
  });
  return { ok: true, changed: true, scheduleId: order.schedule_id, outcome: 'booked' };
}

/** Records a money step on an order (refund started / refunded) and moves its payment status. */
export async function recordPaymentStep(
  tx: EntityManager,
  dialect: Dialect,
  orderId: string,
  payment: 'refunding' | 'refunded',
  reason: string,
  now: number,
): Promise<void> {
  const order = await lockOrder(tx, dialect, orderId);
  if (!order) return;
  await execute(tx, 'UPDATE booking_order SET payment_status = ?, updated_at = ?, version = version + 1 WHERE id = ?', [
    payment,
    now,
    order.id,
  ]);
  const topic = payment === 'refunded' ? 'refund.succeeded' : null;
  await recordOrderEvent(tx, order, order.status, order.status, { type: 'system', id: null }, reason, now, topic);
}

/**
 * Records in an order's history something the patient must know
 * that changes no status (e.g. a payment that could not be taken).
 */
export async function recordOrderNote(
  tx: EntityManager,
  dialect: Dialect,
  orderId: string,
  reason: string,
  now: number,
): Promise<void> {
  const order = await lockOrder(tx, dialect, orderId);
  if (!order) return;
  await execute(tx, 'UPDATE booking_order SET updated_at = ?, version = version + 1 WHERE id = ?', [now, order.id]);
  await recordOrderEvent(tx, order, order.status, order.status, { type: 'system', id: null }, reason, now, null);
}
