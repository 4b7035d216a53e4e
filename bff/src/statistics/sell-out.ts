import type { Statistics } from '@cityhealth/shared-types';
import type { Database, Dialect } from '../db/database.js';
import { iso } from '../shared/time.js';
import { namesOf, named } from './names.js';
import { num } from './order-filter.js';
import type { DateRange } from './range.js';

type SellOut = Statistics['sellOut'];

const MINUTE = 60_000;
/** The buckets of the sell-out time distribution: up to each bound (exclusive of the one before). */
export const SELL_OUT_BUCKETS: { label: string; upToMs: number | null }[] = [
  { label: '1分钟内', upToMs: MINUTE },
  { label: '1–5分钟', upToMs: 5 * MINUTE },
  { label: '5–30分钟', upToMs: 30 * MINUTE },
  { label: '30分钟–2小时', upToMs: 120 * MINUTE },
  { label: '2–24小时', upToMs: 24 * 60 * MINUTE },
  { label: '超过1天', upToMs: null },
];

export interface SessionFilter {
  hospitalId?: string;
  departmentId?: string;
}

/**
 * One row per session released within the range (ix_schedule_release), with the time from its
 * release to its last place taken when it is sold out: an open session without a free slot, whose
 * latest booking still holding a place (ix_booking_order_schedule_live) took the last one. A place
 * freed again by a cancellation and taken later counts at that later time; a stopped session is
 * not sold out.
 */
function sessionsSql(dialect: Dialect, filter: SessionFilter): string {
  // A correlated subquery, not a join with GROUP BY: grouping by the session's id made the planner
  // walk every session by its primary key instead of the release-time range. No session is
  // released after its day, so its date bounds a hospital's sessions in ix_schedule_hospital_date.
  // The session's own bookings by its index: by the status alone a planner may walk every live booking.
  const bySession =
    dialect === 'mysql' ? 'FORCE INDEX (ix_booking_order_schedule_live)' : 'INDEXED BY ix_booking_order_schedule_live';
  return `SELECT s.id, s.hospital_id, s.department_id, s.date, s.period, s.capacity, s.release_at,
      CASE WHEN s.status = 'open' AND s.free_count = 0 THEN
        (SELECT MAX(o.created_at) FROM booking_order o ${bySession}
          WHERE o.schedule_id = s.id AND o.status <> 'cancelled')
        - s.release_at END AS sold_after
    FROM schedule s
    WHERE s.release_at >= ? AND s.release_at < ? AND s.date >= ?${filter.hospitalId ? ' AND s.hospital_id = ?' : ''}${
      filter.departmentId ? ' AND s.department_id = ?' : ''
    }`;
}

interface SessionRow {
  id: string;
  hospital_id: string;
  department_id: string;
  date: string;
  period: string;
  capacity: unknown;
  release_at: unknown;
  sold_after: unknown;
}

/** Percentiles by nearest rank, each read with ORDER BY … LIMIT 1 OFFSET in SQL (no list of sessions in memory). */
export async function sellOutFigures(
  db: Database,
  range: DateRange,
  filter: SessionFilter,
  now: number,
): Promise<SellOut> {
  const sessions = sessionsSql(db.dialect, filter);
  const params = [
    range.startMs,
    Math.min(range.endMs, now + 1),
    range.from,
    ...(filter.hospitalId ? [filter.hospitalId] : []),
    ...(filter.departmentId ? [filter.departmentId] : []),
  ];
  const buckets = SELL_OUT_BUCKETS.map((b, i) => {
    const after = i === 0 ? null : SELL_OUT_BUCKETS[i - 1]!.upToMs;
    const conditions = ['ss.sold_after IS NOT NULL'];
    if (after !== null) conditions.push(`ss.sold_after > ${after}`);
    if (b.upToMs !== null) conditions.push(`ss.sold_after <= ${b.upToMs}`);
    return `SUM(CASE WHEN ${conditions.join(' AND ')} THEN 1 ELSE 0 END) AS b${i}`;
  });
  const [summary] = await db.query<Record<string, unknown>>(
    `SELECT COUNT(*) AS released, COUNT(ss.sold_after) AS sold, ${buckets.join(', ')} FROM (${sessions}) ss`,
    params,
  );
  const released = num(summary?.released);
  const soldOut = num(summary?.sold);

  const atRank = async (rank: number): Promise<SessionRow | undefined> =>
    (
      await db.query<SessionRow>(
        `SELECT ss.* FROM (${sessions}) ss WHERE ss.sold_after IS NOT NULL ORDER BY ss.sold_after, ss.id
          LIMIT 1 OFFSET ${Math.max(0, rank - 1)}`,
        params,
      )
    )[0];
  const [fastest, p50, p90, slowest] =
    soldOut === 0
      ? []
      : await Promise.all([1, Math.ceil(0.5 * soldOut), Math.ceil(0.9 * soldOut), soldOut].map(atRank));

  const perHospital = await db.query<{
    hospital_id: string;
    released: unknown;
    sold: unknown;
    average: unknown;
    fastest: unknown;
    slowest: unknown;
  }>(
    `SELECT ss.hospital_id, COUNT(*) AS released, COUNT(ss.sold_after) AS sold, AVG(ss.sold_after) AS average,
        MIN(ss.sold_after) AS fastest, MAX(ss.sold_after) AS slowest
      FROM (${sessions}) ss GROUP BY ss.hospital_id ORDER BY released DESC, ss.hospital_id`,
    params,
  );

  const ends = [fastest, slowest].filter((s): s is SessionRow => !!s);
  const hospitalNames = await namesOf(db, 'hospital', [
    ...perHospital.map((h) => h.hospital_id),
    ...ends.map((s) => s.hospital_id),
  ]);
  const departmentNames = await namesOf(
    db,
    'department',
    ends.map((s) => s.department_id),
  );
  const session = (s: SessionRow | undefined) =>
    s
      ? {
          scheduleId: s.id,
          hospital: named(hospitalNames, s.hospital_id),
          department: named(departmentNames, s.department_id),
          date: s.date,
          period: s.period,
          capacity: num(s.capacity),
          releaseAt: iso(num(s.release_at)),
          soldOutAfterMs: num(s.sold_after),
        }
      : null;
  const msOrNull = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));

  return {
    released,
    soldOut,
    soldOutShare: released === 0 ? null : soldOut / released,
    p50Ms: p50 ? num(p50.sold_after) : null,
    p90Ms: p90 ? num(p90.sold_after) : null,
    fastest: session(fastest),
    slowest: session(slowest),
    distribution: SELL_OUT_BUCKETS.map((b, i) => ({ ...b, sessions: num(summary?.[`b${i}`]) })),
    byHospital: perHospital.map((h) => ({
      hospital: named(hospitalNames, h.hospital_id),
      released: num(h.released),
      soldOut: num(h.sold),
      averageMs: msOrNull(h.average),
      fastestMs: msOrNull(h.fastest),
      slowestMs: msOrNull(h.slowest),
    })),
  };
}
