import type { EntityManager } from 'typeorm';
import type { DecidedTicket } from '../core/booking/draw/draw-store.js';
import { lostReason } from '../core/booking/draw/lost-reason.js';
import { placeholders } from '../db/sql/execute.js';
import type { NoticeSettings } from './notice-settings.js';
import { loadNoticeOrders } from './notice-order.js';
import { queueNotices, type NoticeCause } from './notice-queue.js';

interface SessionRow {
  id: string;
  hospital: string;
  department: string;
  doctor: string | null;
  starts_at: unknown;
}

/**
 * Queues the notices of the draw's tickets just decided, in the transaction that decided them
 * (a ticket is decided once: its notice is written once, and never lost).
 *
 * - A ticket whose holder was answered 已登记 (DRAW_PENDING): `draw-won` with the booking (and the
 *   payment deadline when a fee applies), or `draw-lost` with the reason.
 * - A won ticket whose holder had the answer in the response: the booking's usual notice
 *   (`booked` / `booked-unpaid`), which the outbox leaves to the draw for the bookings it made.
 * - A lost one whose holder had the answer: nothing.
 *
 * A won ticket whose order was not booked by the draw (a retry of its request booked it after
 * the window) was told by that booking's own notice, and gets none here.
 */
export async function queueDrawDecided(
  tx: EntityManager,
  settings: NoticeSettings,
  tickets: readonly DecidedTicket[],
  now: number,
): Promise<number> {
  const won = tickets.filter((t) => t.outcome === 'won' && t.orderId);
  const lost = tickets.filter((t) => t.outcome === 'lost' && t.toldPending);
  const orderIds = won.map((t) => t.orderId!);
  const orders = await loadNoticeOrders(tx, orderIds);
  const drawn = new Set(
    orderIds.length
      ? (
          (await tx.query(
            `SELECT order_id FROM order_event WHERE order_id IN (${placeholders(orderIds.length)}) AND reason = 'draw'`,
            orderIds,
          )) as { order_id: string }[]
        ).map((r) => r.order_id)
      : [],
  );
  const causes: NoticeCause[] = [];
  for (const t of won) {
    const order = orders.get(t.orderId!);
    if (!order || !drawn.has(order.id)) continue;
    const kind = t.toldPending ? 'draw-won' : order.status === 'pending' ? 'booked-unpaid' : 'booked';
    causes.push({ source: `draw:${t.id}`, kind, order });
  }
  const sessions = await sessionsOf(tx, [...new Set(lost.map((t) => t.scheduleId))]);
  for (const t of lost) {
    const s = sessions.get(t.scheduleId);
    if (!s) continue;
    causes.push({
      source: `draw:${t.id}`,
      kind: 'draw-lost',
      order: {
        id: t.id,
        accountId: t.accountId,
        patientId: t.patientId,
        status: 'cancelled',
        hospital: s.hospital,
        department: s.department,
        doctor: s.doctor,
        startsAt: Number(s.starts_at),
        payDeadline: null,
        feeFen: 0,
      },
      reason: lostReason(t.refusalCode),
    });
  }
  return queueNotices(tx, settings, causes, now);
}

async function sessionsOf(tx: EntityManager, ids: string[]): Promise<Map<string, SessionRow>> {
  if (!ids.length) return new Map();
  const rows = (await tx.query(
    `SELECT s.id, h.name AS hospital, d.name AS department, dr.name AS doctor, s.starts_at
    FROM schedule s
    JOIN hospital h ON h.id = s.hospital_id
    JOIN department d ON d.id = s.department_id
    LEFT JOIN doctor dr ON dr.id = s.doctor_id
    WHERE s.id IN (${placeholders(ids.length)})`,
    ids,
  )) as SessionRow[];
  return new Map(rows.map((r) => [r.id, r]));
}
