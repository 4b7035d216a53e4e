import { Order, OrderEvent, Outbox, SlotEvent } from '../../../db/entities/index.js';
import type { Statement } from '../../../db/sql/bulk-insert.js';
import { placeholders } from '../../../db/sql/execute.js';
import type { SqlTx } from '../../../db/sql/sql-tx.js';
import { insertStatements } from '../../../db/sql/table.js';
import type { BatchDecision, WaitlistChanges } from './decide.js';
import { touchPersonsStatement } from './touch-persons.js';

/** Writes what a batch decided: on MariaDB every statement goes in one round trip. */
export async function writeBatch(
  tx: SqlTx,
  { created, slotEvents, nextSeq, waitlist }: BatchDecision,
  now: number,
): Promise<void> {
  const queueStatements = waitlistStatements(waitlist, now);
  if (!created.length) {
    if (queueStatements.length) await tx.runAll(queueStatements);
    return;
  }
  const statements: Statement[] = [];
  const claimed: number[] = [];
  for (const status of ['busy', 'busy-tentative'] as const) {
    const ids = created.filter((o) => (o.status === 'pending') === (status === 'busy-tentative')).map((o) => o.slotId);
    if (!ids.length) continue;
    statements.push({
      sql: `UPDATE slot SET status = ?, version = version + 1, updated_at = ? WHERE id IN (${placeholders(ids.length)})
        AND status = 'free'`,
      params: [status, now, ...ids],
    });
    claimed.push(ids.length);
  }
  statements.push(
    scheduleCountsStatement(
      created.map((o) => o.scheduleId),
      nextSeq,
      now,
    ),
  );
  statements.push(...insertStatements(Order, created));
  statements.push(
    ...insertStatements(
      OrderEvent,
      created.map((o) => o.history[0]!),
    ),
  );
  statements.push(...insertStatements(SlotEvent, slotEvents));
  statements.push(
    ...insertStatements(
      Outbox,
      created.map((o) => {
        const { id, reason } = o.history[0]!;
        return {
          id,
          hospitalId: o.hospitalId,
          orderId: o.id,
          topic: 'booking.created' as const,
          detail: reason,
          at: now,
        };
      }),
    ),
  );
  statements.push(...queueStatements);
  // The per-identity rules were decided under the persons' row locks, which on Galera hold on this node only.
  if (tx.nodeLocalLocks) statements.push(touchPersonsStatement([...new Set(created.map((o) => o.personId))], now));
  const changed = await tx.runAll(statements);
  // The claimed slots were free under the schedule locks; anything else is a bug: roll it all back.
  claimed.forEach((n, i) => {
    if (changed[i] !== n) throw new Error(`slot claim lost a race: ${changed[i]} of ${n}`);
  });
}

/**
 * The places booked or ended by the batch (locked by it, so each update finds its row waiting),
 * and the sessions' counts of places still waiting. A place ended because a rule refused it is
 * marked for the patient's notice.
 */
function waitlistStatements({ booked, ended, waiting }: WaitlistChanges, now: number): Statement[] {
  const statements: Statement[] = [];
  for (const b of booked)
    statements.push({
      sql: `UPDATE waitlist_entry SET status = 'booked', order_id = ?, live = NULL, updated_at = ?,
        version = version + 1
        WHERE id = ? AND status = 'waiting'`,
      params: [b.orderId, now, b.entryId],
    });
  for (const e of ended)
    statements.push({
      sql: `UPDATE waitlist_entry SET status = 'ended', end_reason = ?, refusal_code = ?, ended_at = ?, live = NULL,
        notice_due = ?, updated_at = ?, version = version + 1 WHERE id = ? AND status = 'waiting'`,
      params: [e.reason, e.refusalCode, now, e.reason === 'refused' ? 1 : null, now, e.entryId],
    });
  for (const [scheduleId, n] of waiting)
    statements.push({
      sql: 'UPDATE schedule SET waiting_count = ? WHERE id = ?',
      params: [Math.max(0, n), scheduleId],
    });
  return statements;
}

/** One UPDATE for every session of the batch: fewer free slots, and the high-water marks that moved. */
function scheduleCountsStatement(bookedScheduleIds: string[], nextSeq: Map<string, number>, now: number): Statement {
  const perSchedule = new Map<string, number>();
  for (const id of bookedScheduleIds) perSchedule.set(id, (perSchedule.get(id) ?? 0) + 1);
  const counts = [...perSchedule];
  const highWater = counts.flatMap(([id]) => (nextSeq.has(id) ? [[id, nextSeq.get(id)!]] : []));
  const marks = highWater.length
    ? `next_seq = CASE id ${highWater.map(() => 'WHEN ? THEN ?').join(' ')} ELSE next_seq END, `
    : '';
  return {
    sql: `UPDATE schedule SET free_count = free_count - CASE id ${counts.map(() => 'WHEN ? THEN ?').join(' ')} END,
      ${marks}version = version + 1,
      updated_at = ? WHERE id IN (${placeholders(counts.length)})`,
    params: [...counts.flat(), ...highWater.flat(), now, ...counts.map(([id]) => id)],
  };
}
