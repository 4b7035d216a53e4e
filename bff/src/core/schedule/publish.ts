import type { EntityManager } from 'typeorm';
import type { Period, ScheduleType } from '@cityhealth/shared-types';
import { Schedule, Slot, type ScheduleRow, type SlotRow } from '../../db/entities/index.js';
import { insertRows } from '../../db/sql/table.js';
import { recordSlotEvent } from '../booking/slot-events.js';
import { newId } from '../../shared/ids.js';
import { DAY_MS, shanghaiInstant } from '../../shared/time.js';
import { type ClockWindow, sessionTimes } from './session-times.js';

export interface ReleaseRule {
  releaseTime: string;
  daysAhead: number;
}

export interface PublishScheduleInput {
  hospitalId: string;
  departmentId: string;
  doctorId?: string | null;
  date: string;
  period: Period;
  type: ScheduleType;
  feeFen: number;
  capacity: number;
  /** Wall-clock start/end (HH:MM, Asia/Shanghai); default: the period's clinic hours. */
  startTime?: string;
  endTime?: string;
  /** Each slot's visit window (HH:MM), seq 1 first; default: the session split evenly. */
  slotTimes?: ClockWindow[];
  /** When booking opens; default: the hospital's release rule. */
  releaseAt?: number;
  releaseRule?: ReleaseRule;
  /** How long before the session's end booking closes. */
  closesBeforeEndMs: number;
  publishedBy: string;
  now: number;
}

/** When booking a session closes: `closesBeforeEndMs` before its end, never before it starts. */
export const closingInstant = (startsAt: number, endsAt: number, closesBeforeEndMs: number): number =>
  Math.max(startsAt, endsAt - closesBeforeEndMs);

/** The instant a date's slots open under a hospital's release rule. */
export function releaseInstant(date: string, rule: ReleaseRule): number {
  return shanghaiInstant(date, rule.releaseTime) - rule.daysAhead * DAY_MS;
}

/**
 * Publishes one half-day session with one row per numbered slot (挂号序号), each with its visit
 * window, and records who published it. Slot windows are the given ones, or split the session evenly.
 */
export async function publishSchedule(tx: EntityManager, input: PublishScheduleInput): Promise<ScheduleRow> {
  if (!Number.isInteger(input.capacity) || input.capacity < 1)
    throw new RangeError('capacity must be a positive integer');
  if (!Number.isInteger(input.feeFen) || input.feeFen < 0)
    throw new RangeError('feeFen must be a non-negative integer (fen)');
  const times = sessionTimes(input);
  if ('refusal' in times) throw new RangeError(times.refusal);
  const { startsAt, endsAt } = times;
  const releaseAt = input.releaseAt ?? (input.releaseRule ? releaseInstant(input.date, input.releaseRule) : input.now);

  const schedule: ScheduleRow = {
    id: newId(),
    hospitalId: input.hospitalId,
    departmentId: input.departmentId,
    doctorId: input.doctorId ?? null,
    date: input.date,
    period: input.period,
    type: input.type,
    feeFen: input.feeFen,
    capacity: input.capacity,
    freeCount: input.capacity,
    nextSeq: 1,
    waitingCount: 0,
    status: 'open',
    startsAt,
    endsAt,
    releaseAt,
    closesAt: closingInstant(startsAt, endsAt, input.closesBeforeEndMs),
    publishedBy: input.publishedBy,
    publishedAt: input.now,
    updatedAt: input.now,
    version: 1,
  };
  await tx.insert(Schedule, schedule);

  const slots: SlotRow[] = times.slots.map(([from, to], i) => ({
    id: newId(),
    scheduleId: schedule.id,
    seq: i + 1,
    startsAt: from,
    endsAt: to,
    status: 'free',
    version: 1,
    updatedAt: input.now,
  }));
  await insertRows(tx, Slot, slots);
  await recordSlotEvent(tx, {
    slotId: null,
    scheduleId: schedule.id,
    action: 'published',
    actor: { type: 'hospital', id: input.publishedBy },
    detail: `${input.capacity} slots, release ${new Date(releaseAt).toISOString()}`,
    at: input.now,
  });
  return schedule;
}
