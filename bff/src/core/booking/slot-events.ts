import { SlotEvent, type SlotEventRow } from '../../db/entities/index.js';
import type { Queryable } from '../../db/sql/bulk-insert.js';
import { insertRows } from '../../db/sql/table.js';
import { newId } from '../../shared/ids.js';
import type { Actor } from './types.js';

export interface SlotChange {
  id?: string;
  /** null when the change is of the whole session (published, stopped). */
  slotId: string | null;
  scheduleId: string;
  action:
    | 'published'
    | 'held'
    | 'booked'
    | 'released'
    | 'closed'
    | 'stopped'
    | 'resumed'
    | 'reshaped'
    | 'added'
    | 'withdrawn'
    | 'readmitted';
  orderId?: string | null;
  actor: Actor;
  detail?: string | null;
  at: number;
}

export function slotEventRow(c: SlotChange): SlotEventRow {
  return {
    id: c.id ?? newId(),
    slotId: c.slotId,
    scheduleId: c.scheduleId,
    action: c.action,
    orderId: c.orderId ?? null,
    actorType: c.actor.type,
    actorId: c.actor.id,
    detail: c.detail ?? null,
    at: c.at,
  };
}

/** Every change of a slot (or of a whole session) is kept: who, when, what. */
export async function recordSlotEvent(tx: Queryable, c: SlotChange): Promise<void> {
  await insertRows(tx, SlotEvent, [slotEventRow(c)]);
}
