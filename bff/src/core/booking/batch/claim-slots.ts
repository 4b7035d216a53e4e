import type { Dialect } from '../../../db/database.js';
import type { Statement } from '../../../db/sql/bulk-insert.js';
import { placeholders } from '../../../db/sql/execute.js';

export interface SlotRow {
  id: string;
  schedule_id: string;
  seq: number;
  starts_at: number;
  ends_at: number;
  status: string;
}

export interface ClaimInput {
  schedule: { id: string; capacity: number; free_count: number; next_seq: number };
  wanted: number;
}

export interface Claims {
  /** Usable free slots per schedule, in seq order. */
  candidates: Map<string, SlotRow[]>;
  /** Every slot read at or above each schedule's high-water mark, in seq order. */
  aboveMark: Map<string, SlotRow[]>;
}

type Query = <T>(sql: string, params: unknown[]) => Promise<T[]>;

/** Extra slots looked at beyond the demand, for visits that must be skipped (overlap, time passed). */
const SLACK = 2;

const SLOT_COLUMNS = 'sl.id, sl.schedule_id, sl.seq, sl.starts_at, sl.ends_at, sl.status';

const toSlot = (r: SlotRow): SlotRow => ({
  ...r,
  seq: Number(r.seq),
  starts_at: Number(r.starts_at),
  ends_at: Number(r.ends_at),
});

/**
 * Slots are handed out in seq order, so each schedule keeps a high-water mark (`next_seq`):
 * everything from it up has never been taken. This statement reads, for every session asked for,
 * the slots from its mark up to the demand (plus slack), bounded by the schedule row itself, so
 * it can travel in the same round trip as the statement that locks the schedules (and must come
 * after it).
 *
 * One join for all sessions: each schedule row is paired with the offsets 0..window-1 (a small
 * recursive table) and each pair finds its slot through the unique (schedule_id, seq) key. A
 * UNION of one range per session cost MariaDB a whole optimiser pass per session, about twice
 * the CPU for the same rows.
 *
 * Bounded by `capacity`, which counts the slots not withdrawn (core/booking/reshape-schedule): after a
 * session's capacity was lowered around held slots, seqs may run past it; the free slots there are
 * found by the scan below, since `free_count` still counts them.
 */
export function slotsAboveMarkStatement(
  dialect: Dialect,
  demand: [scheduleId: string, wanted: number][],
): Statement | null {
  if (!demand.length) return null;
  const windows = demand.map(([id, wanted]) => [id, wanted + SLACK] as const);
  const widest = Math.max(...windows.map(([, window]) => window));
  // joined in the order written: schedules by primary key, then offsets, then slots
  const join = dialect === 'mysql' ? 'STRAIGHT_JOIN' : 'CROSS JOIN';
  const sql = `WITH RECURSIVE o(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM o WHERE n < ?)
    SELECT ${SLOT_COLUMNS} FROM schedule sc ${join} o ${join} slot sl ON sl.schedule_id = sc.id
    AND sl.seq = sc.next_seq + o.n
    WHERE sc.id IN (${placeholders(windows.length)}) AND sc.free_count > 0 AND sc.next_seq + o.n <= sc.capacity
      AND o.n < CASE sc.id ${windows.map(() => 'WHEN ? THEN ?').join(' ')} END`;
  return { sql, params: [widest - 1, ...windows.map(([id]) => id), ...windows.flat()] };
}

/**
 * Finds free slots for the sessions of a batch from the rows of `slotsAboveMarkStatement`. Only
 * when that range runs short (sold past the mark, or slots freed again by cancellations) is a
 * schedule scanned for free slots, one query each.
 *
 * Runs while the batch holds the schedules' row locks. Every change of a slot's status happens
 * under its schedule's lock, so what is read here stays true until the batch commits.
 */
export async function claimCandidates(
  q: Query,
  aboveMarkRows: SlotRow[],
  inputs: ClaimInput[],
  now: number,
): Promise<Claims> {
  const candidates = new Map<string, SlotRow[]>(inputs.map((i) => [i.schedule.id, []]));
  const aboveMark = new Map<string, SlotRow[]>();
  for (const r of aboveMarkRows.map(toSlot)) {
    if (!candidates.has(r.schedule_id)) continue;
    (aboveMark.get(r.schedule_id) ?? aboveMark.set(r.schedule_id, []).get(r.schedule_id)!).push(r);
    if (r.status === 'free' && r.starts_at > now) candidates.get(r.schedule_id)!.push(r);
  }
  for (const { schedule, wanted } of inputs) {
    const found = candidates.get(schedule.id)!;
    if (found.length >= wanted + SLACK || schedule.free_count <= found.length) continue;
    const seen = new Set(found.map((s) => s.id));
    const more = await q<SlotRow>(
      `SELECT id, schedule_id, seq, starts_at, ends_at, status FROM slot WHERE schedule_id = ? AND status = 'free'
        AND starts_at > ? ORDER BY seq LIMIT ${wanted + SLACK}`,
      [schedule.id, now],
    );
    for (const r of more.map(toSlot)) if (!seen.has(r.id)) found.push(r);
  }
  for (const list of [...candidates.values(), ...aboveMark.values()]) list.sort((a, b) => a.seq - b.seq);
  return { candidates, aboveMark };
}

/**
 * The new high-water mark of a schedule after a batch: it moves up over the run of slots that
 * are now taken (or whose time has passed) and stops at the first slot still free.
 */
export function advanceMark(current: number, aboveMark: SlotRow[], taken: Set<string>, now: number): number {
  let mark = current;
  for (const slot of aboveMark) {
    if (slot.seq !== mark) break;
    if (slot.status === 'free' && !taken.has(slot.id) && slot.starts_at > now) break;
    mark++;
  }
  return mark;
}
