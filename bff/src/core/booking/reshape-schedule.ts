import type { EntityManager } from 'typeorm';
import type { Dialect } from '../../db/database.js';
import {
  Slot,
  SlotEvent,
  type ScheduleRow,
  type SlotEventRow,
  type SlotRow,
  type SlotStatus,
} from '../../db/entities/index.js';
import { execute, forUpdate, placeholders } from '../../db/sql/execute.js';
import { insertRows } from '../../db/sql/table.js';
import { newId } from '../../shared/ids.js';
import { slotEventRow } from './slot-events.js';
import type { Actor } from './types.js';

/** What a newer version of a session says it is. */
export interface ScheduleShape {
  scheduleId: string;
  doctorId: string | null;
  type: ScheduleRow['type'];
  feeFen: number;
  startsAt: number;
  endsAt: number;
  releaseAt: number;
  closesAt: number;
  capacity: number;
  /** The visit window of each slot, seq order, one per slot of `capacity`. */
  windows: [number, number][];
  actor: Actor;
  now: number;
}

export interface Reshaped {
  /** The capacity now: above the one asked for when patients hold the slots a lower one would remove. */
  effective: number;
}

interface SlotState {
  id: string;
  seq: number;
  starts_at: number;
  ends_at: number;
  status: SlotStatus;
}

/** A slot no live booking holds (free, or closed by a stop). */
const unheld = (s: SlotState) => s.status === 'free' || s.status === 'busy-unavailable';

/**
 * Applies a newer version of a session under its row lock (the lock every booking batch takes
 * first), so no booking interleaves: capacity, fee, type, doctor and times.
 *
 * A higher capacity first takes back slots it withdrew before, then adds slots after the highest
 * seq. A lower one removes unheld slots, highest seq first: a slot no order ever pointed at is
 * deleted; one that cancelled orders point at (booking_order.slot_id) is withdrawn instead. Held
 * slots stay, and the capacity stays above the one asked for by as many (`notRemoved`).
 *
 * New windows go to unheld slots only: a booked patient's visit time is never moved by an update.
 *
 * Booking keeps its assumptions: `capacity` and `free_count` count the slots that are not
 * withdrawn and the free ones; the high-water mark is lowered to just past the highest seq when
 * slots above it were deleted (a mark may lag, never lead: free slots below it are found by the
 * claim's scan, as after a cancellation).
 */
export async function reshapeSchedule(tx: EntityManager, dialect: Dialect, s: ScheduleShape): Promise<Reshaped | null> {
  const [row] = (await tx.query(
    `SELECT status, capacity, next_seq, doctor_id FROM schedule WHERE id = ?${forUpdate(dialect)}`,
    [s.scheduleId],
  )) as { status: string; capacity: unknown; next_seq: unknown; doctor_id: string | null }[];
  if (!row) return null;
  const open = row.status === 'open';
  const slots = (
    (await tx.query('SELECT id, seq, starts_at, ends_at, status FROM slot WHERE schedule_id = ? ORDER BY seq', [
      s.scheduleId,
    ])) as SlotState[]
  ).map((r) => ({ ...r, seq: Number(r.seq), starts_at: Number(r.starts_at), ends_at: Number(r.ends_at) }));
  const active = slots.filter((x) => x.status !== 'withdrawn');
  const log: string[] = [];
  // Each slot's change is recorded, all in one statement at the end (the session lock is held meanwhile).
  const events: SlotEventRow[] = [];
  const event = (slotId: string, action: 'added' | 'withdrawn' | 'readmitted') =>
    events.push(slotEventRow({ slotId, scheduleId: s.scheduleId, action, actor: s.actor, at: s.now }));

  if (s.capacity > active.length) {
    const readmit = slots.filter((x) => x.status === 'withdrawn').slice(0, s.capacity - active.length);
    const status: SlotStatus = open ? 'free' : 'busy-unavailable';
    if (readmit.length) {
      await setStatus(tx, readmit, status, s.now);
      for (const x of readmit) {
        x.status = status;
        event(x.id, 'readmitted');
      }
      log.push(`readmitted ${readmit.map((x) => x.seq).join(',')}`);
    }
    const highest = slots.length ? slots[slots.length - 1]!.seq : 0;
    const count = s.capacity - active.length - readmit.length;
    // the new slots come last in seq order, so they take the last windows
    const added: SlotRow[] = Array.from({ length: count }, (_, j) => {
      const [from, to] = s.windows[s.capacity - count + j] ?? [s.startsAt, s.endsAt];
      return {
        id: newId(),
        scheduleId: s.scheduleId,
        seq: highest + j + 1,
        startsAt: from,
        endsAt: to,
        status,
        version: 1,
        updatedAt: s.now,
      };
    });
    await insertRows(tx, Slot, added);
    for (const x of added) event(x.id, 'added');
    if (added.length) log.push(`added ${added.length}`);
    slots.push(...added.map((x) => ({ id: x.id, seq: x.seq, starts_at: x.startsAt, ends_at: x.endsAt, status })));
  }

  let notRemoved = 0;
  if (s.capacity < active.length) {
    const wanted = active.length - s.capacity;
    const removable = active.filter(unheld).reverse().slice(0, wanted);
    notRemoved = wanted - removable.length;
    const referenced = new Set(
      removable.length
        ? (
            (await tx.query(
              `SELECT DISTINCT slot_id FROM booking_order WHERE slot_id IN (${placeholders(removable.length)})`,
              removable.map((x) => x.id),
            )) as { slot_id: string }[]
          ).map((r) => r.slot_id)
        : [],
    );
    const withdraw = removable.filter((x) => referenced.has(x.id));
    const drop = removable.filter((x) => !referenced.has(x.id));
    if (drop.length)
      await execute(
        tx,
        `DELETE FROM slot WHERE id IN (${placeholders(drop.length)})`,
        drop.map((x) => x.id),
      );
    await setStatus(tx, withdraw, 'withdrawn', s.now);
    for (const x of withdraw) {
      x.status = 'withdrawn';
      event(x.id, 'withdrawn');
    }
    if (drop.length) log.push(`deleted ${drop.map((x) => x.seq).join(',')}`);
    if (withdraw.length) log.push(`withdrew ${withdraw.map((x) => x.seq).join(',')}`);
    if (notRemoved) log.push(`${notRemoved} held`);
    const gone = new Set(drop.map((x) => x.id));
    slots.splice(0, slots.length, ...slots.filter((x) => !gone.has(x.id)));
  }

  const final = slots.filter((x) => x.status !== 'withdrawn');
  let retimed = 0;
  for (const [i, x] of final.entries()) {
    const w = s.windows[i];
    if (!w || !unheld(x) || (x.starts_at === w[0] && x.ends_at === w[1])) continue;
    await execute(
      tx,
      'UPDATE slot SET starts_at = ?, ends_at = ?, version = version + 1, updated_at = ? WHERE id = ?',
      [w[0], w[1], s.now, x.id],
    );
    retimed++;
  }
  if (retimed) log.push(`retimed ${retimed}`);

  const effective = final.length;
  const freeCount = open ? final.filter((x) => x.status === 'free').length : 0;
  const highest = slots.length ? slots[slots.length - 1]!.seq : 0;
  await execute(
    tx,
    `UPDATE schedule SET doctor_id = ?, type = ?, fee_fen = ?, starts_at = ?, ends_at = ?, release_at = ?,
      closes_at = ?, capacity = ?, free_count = ?, next_seq = ?, version = version + 1, updated_at = ? WHERE id = ?`,
    [
      s.doctorId,
      s.type,
      s.feeFen,
      s.startsAt,
      s.endsAt,
      s.releaseAt,
      s.closesAt,
      effective,
      freeCount,
      Math.min(Number(row.next_seq), highest + 1),
      s.now,
      s.scheduleId,
    ],
  );
  // the patients of the session see who sees them now
  if (row.doctor_id !== s.doctorId)
    await execute(tx, 'UPDATE booking_order SET doctor_id = ?, updated_at = ? WHERE schedule_id = ? AND live = 1', [
      s.doctorId,
      s.now,
      s.scheduleId,
    ]);
  events.push(
    slotEventRow({
      slotId: null,
      scheduleId: s.scheduleId,
      action: 'reshaped',
      actor: s.actor,
      detail: `capacity ${Number(row.capacity)} -> ${effective}${log.length ? `; ${log.join('; ')}` : ''}`.slice(
        0,
        500,
      ),
      at: s.now,
    }),
  );
  await insertRows(tx, SlotEvent, events);
  return { effective };
}

async function setStatus(tx: EntityManager, slots: SlotState[], status: SlotStatus, now: number): Promise<void> {
  if (!slots.length) return;
  await execute(
    tx,
    `UPDATE slot SET status = ?, version = version + 1, updated_at = ? WHERE id IN (${placeholders(slots.length)})`,
    [status, now, ...slots.map((x) => x.id)],
  );
}
