import type { BookingRules } from '../../../config/config.js';
import type { Statement } from '../../../db/sql/bulk-insert.js';
import { forUpdate, placeholders } from '../../../db/sql/execute.js';
import type { SqlTx } from '../../../db/sql/sql-tx.js';
import { DAY_MS } from '../../../shared/time.js';
import type { PersonOrder } from '../rules/index.js';
import {
  idempotencyKeyOf,
  MAX_DEFERRAL_MS,
  type BatchFacts,
  type BookRequest,
  type LockedPatient,
  type LockedSchedule,
  type LockedWaitlistEntry,
  type WaitlistFacts,
} from './batch-types.js';
import { claimCandidates, slotsAboveMarkStatement, type SlotRow } from './claim-slots.js';
import { namesStatement, toNames, type NameRow } from './names.js';

const num = (v: unknown) => Number(v);
const unique = <T>(xs: T[]) => [...new Set(xs)];

/**
 * Reads, and locks, what a batch's decision depends on. Row locks are taken persons first, then
 * schedules (in id order); slots are never locked themselves, because a slot changes status only
 * while its schedule row is locked.
 *
 * On MariaDB the batch skips the schedules another batch (of another BFF process) holds, rather
 * than wait for that batch's commit with all its own locks held; their requests are decided
 * `deferred`. A batch holding a request put off for MAX_DEFERRAL_MS waits for the locks instead.
 */
export async function readBatchFacts(
  tx: SqlTx,
  requests: BookRequest[],
  rules: BookingRules,
  now: number,
): Promise<BatchFacts> {
  const dialect = tx.dialect;
  const lock = forUpdate(dialect);
  const wantedSlotIds = unique(requests.flatMap((r) => (r.cmd.slotId ? [r.cmd.slotId] : [])));
  const patientIds = unique(requests.map((r) => r.cmd.patientId));

  // Round trip 1: the sessions of the slots asked for by id, and the patients with a row lock on
  // each person behind them.
  const [slotSessionRows, patientRows] = await readAll(tx, [
    wantedSlotIds.length
      ? {
          sql: `SELECT id, schedule_id FROM slot WHERE id IN (${placeholders(wantedSlotIds.length)})`,
          params: wantedSlotIds,
        }
      : null,
    {
      sql: `SELECT p.id, p.account_id, p.person_id, p.name, p.id_masked, p.verified_at, p.live, pe.blacklisted_until
        FROM person pe JOIN patient p ON p.person_id = pe.id WHERE p.id IN (${placeholders(patientIds.length)})
        ORDER BY pe.id${lock}`,
      params: patientIds,
    },
  ]);
  const slotSchedule = new Map(
    (slotSessionRows as { id: string; schedule_id: string }[]).map((s) => [s.id, s.schedule_id]),
  );
  const patients = new Map<string, LockedPatient>();
  for (const p of patientRows as LockedPatient[]) {
    patients.set(p.id, { ...p, blacklisted_until: p.blacklisted_until === null ? null : num(p.blacklisted_until) });
  }
  const personIds = unique([...patients.values()].map((p) => p.person_id));
  const scheduleIds = unique(
    requests.flatMap((r) => {
      const id = r.cmd.scheduleId ?? (r.cmd.slotId ? slotSchedule.get(r.cmd.slotId) : undefined);
      return id ? [id] : [];
    }),
  ).sort();
  const demand = new Map<string, number>();
  for (const r of requests) if (r.cmd.scheduleId) demand.set(r.cmd.scheduleId, (demand.get(r.cmd.scheduleId) ?? 0) + 1);

  // Round trip 2, in this order: idempotency keys (read after the person locks, so a concurrent
  // request with the same key has committed by now and replays its order instead of booking
  // twice); the schedules, locked in id order; then, under those locks, the names, the persons'
  // recent bookings, the slots asked for by id and the free slots above each session's mark.
  const pairs = requests.map((r) => [r.cmd.accountId, r.cmd.idempotencyKey]);
  const started = performance.now();
  const skipBusy =
    dialect === 'mysql' &&
    requests.every((r) => r.deferredSince === undefined || started - r.deferredSince < MAX_DEFERRAL_MS);
  const scheduleLock = skipBusy ? `${lock} SKIP LOCKED` : lock;
  const [keyRows, scheduleRows, nameRows, personOrderRows, wantedSlotRows, aboveMarkRows] = await readAll(tx, [
    {
      sql: `SELECT id, account_id, idempotency_key, request_hash FROM booking_order
        WHERE (account_id, idempotency_key) IN (${pairs.map(() => '(?,?)').join(',')})`,
      params: pairs.flat(),
    },
    scheduleIds.length
      ? {
          sql: `SELECT id, hospital_id, department_id, doctor_id, date, period, type, fee_fen, status,
            release_at, closes_at, capacity, free_count, next_seq, waiting_count FROM schedule
            WHERE id IN (${placeholders(scheduleIds.length)}) ORDER BY id${scheduleLock}`,
          params: scheduleIds,
        }
      : null,
    // also tells which sessions exist at all: a skipped one is busy, not missing
    namesStatement(dialect, scheduleIds),
    personIds.length ? personOrdersStatement(personIds, rules, now) : null,
    wantedSlotIds.length
      ? {
          sql: `SELECT id, schedule_id, seq, starts_at, ends_at, status FROM slot
            WHERE id IN (${placeholders(wantedSlotIds.length)})`,
          params: wantedSlotIds,
        }
      : null,
    slotsAboveMarkStatement(dialect, [...demand]),
  ]);

  const priorOrders = new Map<string, { id: string; requestHash: string }>();
  for (const r of keyRows as { id: string; account_id: string; idempotency_key: string; request_hash: string }[]) {
    priorOrders.set(idempotencyKeyOf(r.account_id, r.idempotency_key), { id: r.id, requestHash: r.request_hash });
  }
  const schedules = new Map<string, LockedSchedule>();
  for (const s of scheduleRows as LockedSchedule[]) schedules.set(s.id, toLockedSchedule(s));
  const personOrders = new Map<string, PersonOrder[]>(personIds.map((id) => [id, []]));
  for (const o of personOrderRows as Record<string, unknown>[])
    personOrders.get(String(o.person_id))!.push(toPersonOrder(o));
  const slots = new Map<string, SlotRow>();
  for (const s of wantedSlotRows as SlotRow[]) slots.set(s.id, toSlot(s));

  const claimInputs = [...demand].flatMap(([id, wanted]) =>
    schedules.has(id) ? [{ schedule: schedules.get(id)!, wanted }] : [],
  );
  const claims = await claimCandidates(
    (sql, params) => tx.query(sql, params),
    aboveMarkRows as SlotRow[],
    claimInputs,
    now,
  );
  const waitlist = await readWaitlistFacts(tx, requests, [...schedules.keys()]);
  return {
    priorOrders,
    patients,
    schedules,
    names: toNames(nameRows as NameRow[]),
    personOrders,
    slots,
    ...claims,
    waitlist,
  };
}

/**
 * For the waitlist's turns only (a batch of patients' own requests reads nothing more): every
 * place of the turns' waitlists, locked in id order after the sessions (a place changes only
 * under those locks, or under this lock when a sibling session booked it), and the places
 * waiting in the turns' sessions.
 */
async function readWaitlistFacts(tx: SqlTx, requests: BookRequest[], lockedScheduleIds: string[]) {
  const waitlist: WaitlistFacts = { entries: new Map(), waiting: new Map() };
  const turns = requests.flatMap((r) => (r.cmd.waitlist ? [{ ...r.cmd.waitlist, scheduleId: r.cmd.scheduleId }] : []));
  if (!turns.length) return waitlist;
  const groupIds = unique(turns.map((t) => t.groupId));
  const locked = new Set(lockedScheduleIds);
  const scheduleIds = unique(turns.flatMap((t) => (t.scheduleId && locked.has(t.scheduleId) ? [t.scheduleId] : [])));
  const [entryRows, waitingRows] = await readAll(tx, [
    {
      sql: `SELECT id, group_id, schedule_id, status FROM waitlist_entry
        WHERE group_id IN (${placeholders(groupIds.length)})
        ORDER BY id${forUpdate(tx.dialect)}`,
      params: groupIds,
    },
    scheduleIds.length
      ? {
          sql: `SELECT schedule_id, COUNT(*) AS n FROM waitlist_entry
            WHERE schedule_id IN (${placeholders(scheduleIds.length)})
            AND status = 'waiting' GROUP BY schedule_id`,
          params: scheduleIds,
        }
      : null,
  ]);
  for (const e of entryRows as LockedWaitlistEntry[]) waitlist.entries.set(e.id, e);
  for (const id of scheduleIds) waitlist.waiting.set(id, 0);
  for (const w of waitingRows as { schedule_id: string; n: unknown }[]) waitlist.waiting.set(w.schedule_id, num(w.n));
  return waitlist;
}

const toLockedSchedule = (s: LockedSchedule): LockedSchedule => ({
  ...s,
  fee_fen: num(s.fee_fen),
  release_at: num(s.release_at),
  closes_at: num(s.closes_at),
  capacity: num(s.capacity),
  free_count: num(s.free_count),
  next_seq: num(s.next_seq),
  waiting_count: num(s.waiting_count),
});

const toSlot = (s: SlotRow): SlotRow => ({
  ...s,
  seq: num(s.seq),
  starts_at: num(s.starts_at),
  ends_at: num(s.ends_at),
});

/** The persons' live bookings and those made within the limit window: what the per-identity rules count. */
export function personOrdersStatement(personIds: string[], rules: BookingRules, now: number): Statement {
  return {
    sql: `SELECT id, account_id, order_no, person_id, department_id, visit_date, period, starts_at, ends_at,
      live, status, cancel_reason, created_at FROM booking_order
      WHERE person_id IN (${placeholders(personIds.length)}) AND (live = 1 OR created_at >= ?)`,
    params: [...personIds, now - rules.windowDays * DAY_MS],
  };
}

export const toPersonOrder = (o: Record<string, unknown>): PersonOrder => ({
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

/** Runs the statements present in one round trip; an absent one reads as no rows. */
async function readAll(tx: SqlTx, statements: (Statement | null)[]): Promise<unknown[][]> {
  const present = statements.filter((s): s is Statement => s !== null);
  const results = await tx.queryAll(present);
  let next = 0;
  return statements.map((s) => (s ? results[next++]! : []));
}
