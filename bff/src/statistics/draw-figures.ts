import type { DrawStatistics } from '@cityhealth/shared-types';
import type { Database } from '../db/database.js';
import { iso } from '../shared/time.js';
import { named, namesOf } from './names.js';
import type { DateRange } from './range.js';

const MAX_DRAWS = 500;

/** The releases with a draw (docs/fair-release.md) released within the range: entered, won, seed. */
export async function drawFigures(db: Database, range: DateRange, hospitalId?: string): Promise<DrawStatistics> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT d.schedule_id, d.release_at, d.window_ends_at, d.state, d.seed, d.won, d.decided_at,
        s.hospital_id, s.department_id, s.date, s.period,
        (SELECT COUNT(*) FROM draw_ticket t WHERE t.schedule_id = d.schedule_id) AS entered
      FROM release_draw d JOIN schedule s ON s.id = d.schedule_id
      WHERE d.release_at >= ? AND d.release_at < ?${hospitalId ? ' AND s.hospital_id = ?' : ''}
      ORDER BY d.release_at DESC LIMIT ${MAX_DRAWS}`,
    hospitalId ? [range.startMs, range.endMs, hospitalId] : [range.startMs, range.endMs],
  );
  const hospitals = await namesOf(
    db,
    'hospital',
    rows.map((r) => String(r.hospital_id)),
  );
  const departments = await namesOf(
    db,
    'department',
    rows.map((r) => String(r.department_id)),
  );
  const draws = rows.map((r) => {
    const decided = r.state === 'decided';
    return {
      scheduleId: String(r.schedule_id),
      hospital: named(hospitals, String(r.hospital_id)),
      department: named(departments, String(r.department_id)),
      date: String(r.date),
      period: String(r.period),
      releaseAt: iso(Number(r.release_at)),
      windowEndsAt: iso(Number(r.window_ends_at)),
      state: String(r.state) as DrawStatistics['draws'][number]['state'],
      entered: Number(r.entered),
      won: decided ? Number(r.won) : 0,
      decidedAt: decided ? iso(Number(r.decided_at)) : null,
      seed: decided ? String(r.seed) : null,
    };
  });
  return {
    from: range.from,
    to: range.to,
    totals: {
      draws: draws.length,
      entered: draws.reduce((n, d) => n + d.entered, 0),
      won: draws.reduce((n, d) => n + d.won, 0),
    },
    draws,
  };
}
