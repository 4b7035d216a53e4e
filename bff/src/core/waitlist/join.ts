import type { EntityManager } from 'typeorm';
import type { BookingRules } from '../../config/config.js';
import type { Dialect } from '../../db/database.js';
import { WaitlistEntry, type WaitlistEntryRow } from '../../db/entities/index.js';
import { execute, forUpdate, placeholders } from '../../db/sql/execute.js';
import { insertRows } from '../../db/sql/table.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { personOrdersStatement, toPersonOrder } from '../booking/batch/read-facts.js';
import { touchPersonsStatement } from '../booking/batch/touch-persons.js';
import {
  checkBlacklist,
  checkPatient,
  checkPersonLimits,
  checkSchedule,
  type ScheduleFacts,
} from '../booking/rules/index.js';
import type { BookingOrigin, Refusal } from '../booking/types.js';
import { waitlistClosesAt } from './closing.js';

export interface JoinInput extends BookingOrigin {
  accountId: string;
  patientId: string;
  /** One session, or every session of a department's day. */
  scheduleId?: string;
  departmentId?: string;
  date?: string;
}

interface LockedSession {
  id: string;
  hospital_id: string;
  department_id: string;
  date: string;
  period: string;
  status: string;
  release_at: number;
  closes_at: number;
  free_count: number;
  waiting_count: number;
}

const refuse = (r: Refusal): never => {
  throw new AppError(r.code, r.message, r.details);
};

/**
 * Puts the patient in the queue of a full session, or of every full session of a department's
 * day (one waitlist, booked at most once). Locks like a booking batch: the person first, then the
 * sessions in id order; the places are counted on each session under its lock.
 */
export async function joinWaitlist(
  tx: EntityManager,
  dialect: Dialect,
  input: JoinInput,
  rules: BookingRules,
  now: number,
): Promise<{ groupId: string; scheduleIds: string[] }> {
  const lock = forUpdate(dialect);
  const [patient] = (await tx.query(
    `SELECT p.id, p.account_id, p.person_id, p.verified_at, p.live, pe.blacklisted_until
      FROM person pe JOIN patient p ON p.person_id = pe.id WHERE p.id = ?${lock}`,
    [input.patientId],
  )) as { account_id: string; person_id: string; verified_at: unknown; live: unknown; blacklisted_until: unknown }[];
  const patientRefusal =
    checkPatient(
      patient && {
        accountId: patient.account_id,
        live: Number(patient.live) === 1,
        verifiedAt: patient.verified_at === null ? null : Number(patient.verified_at),
      },
      input.accountId,
    ) ?? checkBlacklist(patient!.blacklisted_until === null ? null : Number(patient!.blacklisted_until), now);
  if (patientRefusal) refuse(patientRefusal);
  const personId = patient!.person_id;

  const sessions = await lockSessions(tx, lock, input);
  if (!sessions.length) refuse({ code: 'NOT_FOUND', message: '出诊信息不存在' });
  const single = input.scheduleId !== undefined;

  const personOrders = personOrdersStatement([personId], rules, now);
  const orders = ((await tx.query(personOrders.sql, personOrders.params)) as Record<string, unknown>[]).map(
    toPersonOrder,
  );
  const waiting = (await tx.query(
    `SELECT group_id, schedule_id FROM waitlist_entry WHERE person_id = ? AND status = 'waiting'`,
    [personId],
  )) as { group_id: string; schedule_id: string }[];

  // Each session is judged on its own; a day's waitlist keeps the sessions that pass, or answers
  // the refusal that stopped the first of them.
  const refusals: Refusal[] = [];
  const joinable = sessions.filter((s) => {
    const facts: ScheduleFacts = {
      status: s.status,
      releaseAt: s.release_at,
      closesAt: s.closes_at,
      departmentId: s.department_id,
      date: s.date,
      period: s.period,
    };
    const refusal =
      checkSchedule(facts, now) ??
      (now >= waitlistClosesAt({ date: s.date, closesAt: s.closes_at }, rules) ? { code: 'WAITLIST_CLOSED' } : null) ??
      (s.free_count - s.waiting_count > 0 ? { code: 'WAITLIST_NOT_FULL' } : null) ??
      alreadyBooked(checkPersonLimits(orders, facts, rules, now, input.accountId)) ??
      (waiting.some((w) => w.schedule_id === s.id) ? { code: 'WAITLIST_DUPLICATE' } : null);
    if (refusal) refusals.push(refusal as Refusal);
    return !refusal;
  });
  // a day with a session still bookable is booked directly, not waited for
  const roomLeft = refusals.find((r) => r.code === 'WAITLIST_NOT_FULL');
  if (!single && roomLeft) refuse(roomLeft);
  if (!joinable.length) refuse(refusals[0]!);
  if (new Set(waiting.map((w) => w.group_id)).size >= rules.waitlistMaxPerPerson)
    refuse({
      code: 'WAITLIST_LIMIT_REACHED',
      message: `同一就诊人最多同时候补 ${rules.waitlistMaxPerPerson} 个，请先取消其他候补`,
    });

  const groupId = newId();
  const rows: WaitlistEntryRow[] = joinable.map((s, i) => ({
    id: i === 0 ? groupId : newId(),
    groupId,
    accountId: input.accountId,
    patientId: input.patientId,
    personId,
    scheduleId: s.id,
    hospitalId: s.hospital_id,
    departmentId: s.department_id,
    visitDate: s.date,
    period: s.period,
    status: 'waiting',
    endReason: null,
    refusalCode: null,
    orderId: null,
    channel: input.channel,
    edition: input.edition ?? 'standard',
    joinedAt: now,
    closesAt: waitlistClosesAt({ date: s.date, closesAt: s.closes_at }, rules),
    endedAt: null,
    live: 1,
    noticeDue: null,
    updatedAt: now,
    version: 1,
  }));
  await insertRows(tx, WaitlistEntry, rows);
  const ids = joinable.map((s) => s.id);
  await execute(
    tx,
    `UPDATE schedule SET waiting_count = waiting_count + 1 WHERE id IN (${placeholders(ids.length)})`,
    ids,
  );
  // The limits were read under the person's row lock, which on Galera holds on this node only.
  const touch = touchPersonsStatement([personId], now);
  await execute(tx, touch.sql, touch.params);
  return { groupId, scheduleIds: ids };
}

async function lockSessions(tx: EntityManager, lock: string, input: JoinInput): Promise<LockedSession[]> {
  const columns =
    'id, hospital_id, department_id, date, period, status, release_at, closes_at, free_count, waiting_count';
  const rows = (
    input.scheduleId
      ? await tx.query(`SELECT ${columns} FROM schedule WHERE id = ?${lock}`, [input.scheduleId])
      : await tx.query(`SELECT ${columns} FROM schedule WHERE department_id = ? AND date = ? ORDER BY id${lock}`, [
          input.departmentId,
          input.date,
        ])
  ) as LockedSession[];
  return rows.map((s) => ({
    ...s,
    release_at: Number(s.release_at),
    closes_at: Number(s.closes_at),
    free_count: Number(s.free_count),
    waiting_count: Number(s.waiting_count),
  }));
}

/** A booking the patient already holds in that department and session makes the waitlist pointless. */
function alreadyBooked(r: Refusal | null): Refusal | null {
  if (r?.code !== 'DUPLICATE_DEPARTMENT_SESSION') return r;
  return { code: 'WAITLIST_ALREADY_BOOKED', details: r.details };
}
