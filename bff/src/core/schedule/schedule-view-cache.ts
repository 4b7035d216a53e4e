import type { ResponseOf } from '@cityhealth/shared-types';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { shanghaiDate } from '../../shared/time.js';
import { JsonCache } from '../cache/json-cache.js';
import { resolveRange } from './date-range.js';
import {
  departmentFamily,
  findDepartment,
  findSchedule,
  freeSlotsNow,
  schedulesOf,
  slotsOf,
} from './schedule-queries.js';
import {
  compareSchedules,
  needsFreeSlotsNow,
  toScheduleDetail,
  toScheduleSummary,
  type ViewClock,
} from './schedule-views.js';
import type { BookingRules } from '../../config/config.js';
import { cancelDeadline } from '../booking/rules/index.js';

export interface ScheduleViewCacheOptions {
  db: Database;
  clock: Clock;
  rules: BookingRules;
  /** Lifetime of a view; free counts change, so keep it short (≈1 s). */
  ttlMs?: number;
  maxEntries?: number;
}

const scheduleTag = (id: string) => `schedule:${id}`;
const departmentTag = (id: string) => `department:${id}`;
const departmentKey = (id: string, q: { from?: string; to?: string }, today: string) =>
  `dept|${id}|${q.from ?? ''}|${q.to ?? ''}|${today}`;

/**
 * The hot read path of the platform: a department's sessions and one session with its slots,
 * served as pre-serialised JSON from a per-process cache with a short lifetime (which also keeps
 * the views' "bookable now" counts and closed states within that lifetime of the clock). The booking core
 * calls `invalidateSchedule(id)` after a booking or cancellation commits, so this process never
 * shows a free count older than its own last write; other processes catch up within the TTL.
 *
 * The methods return JSON text, ready to be written as a response body (also by a raw
 * `node:http` fast path); unknown ids throw AppError NOT_FOUND.
 */
export class ScheduleViewCache {
  readonly cache: JsonCache;

  constructor(private readonly o: ScheduleViewCacheOptions) {
    this.cache = new JsonCache({ ttlMs: o.ttlMs ?? 1_000, maxEntries: o.maxEntries ?? 5_000 });
  }

  /** `GET /api/v1/departments/:id/schedules?from=&to=` as JSON text. */
  departmentSchedules(departmentId: string, query: { from?: string; to?: string } = {}): Promise<string> {
    const today = shanghaiDate(this.o.clock.now());
    return this.cache.get(departmentKey(departmentId, query, today), async () => {
      const department = await findDepartment(this.o.db, departmentId);
      if (!department) throw new AppError('NOT_FOUND', '科室不存在');
      const range = resolveRange(query, today, department.days_ahead);
      const family = await departmentFamily(this.o.db, departmentId);
      const rows = (await schedulesOf(this.o.db, family, range.from, range.to)).sort(compareSchedules);
      const at = this.viewClock();
      const underWay = await freeSlotsNow(
        this.o.db,
        rows.filter((r) => needsFreeSlotsNow(r, at.now)).map((r) => r.id),
        at.now,
      );
      const value: ResponseOf<'departmentSchedules'> = {
        department: {
          id: department.id,
          name: department.name,
          hospitalId: department.hospital_id,
          hospitalName: department.hospital_name,
        },
        schedules: rows.map((r) => toScheduleSummary(r, at, underWay.get(r.id))),
      };
      return { value, tags: [...family.map(departmentTag), ...rows.map((r) => scheduleTag(r.id))] };
    });
  }

  /** Cached texts without loading (for the raw fast path); null on a miss. */
  peekDepartmentSchedules(departmentId: string, query: { from?: string; to?: string }): string | null {
    return this.cache.peek(departmentKey(departmentId, query, shanghaiDate(this.o.clock.now())));
  }

  peekSchedule(scheduleId: string): string | null {
    return this.cache.peek(`schedule|${scheduleId}`);
  }

  /** `GET /api/v1/schedules/:id` (with its slots and free count) as JSON text. */
  schedule(scheduleId: string): Promise<string> {
    return this.cache.get(`schedule|${scheduleId}`, async () => {
      const row = await findSchedule(this.o.db, scheduleId);
      if (!row) throw new AppError('NOT_FOUND', '出诊信息不存在');
      const slots = await slotsOf(this.o.db, scheduleId);
      return {
        value: toScheduleDetail(row, slots, this.viewClock()),
        tags: [scheduleTag(scheduleId), departmentTag(row.department_id)],
      };
    });
  }

  /** Drops every view showing this session (its detail and the department lists that contain it). */
  invalidateSchedule(scheduleId: string): void {
    this.cache.invalidateTag(scheduleTag(scheduleId));
  }

  /** Drops a department's views, e.g. after sessions were published or removed. */
  invalidateDepartment(departmentId: string): void {
    this.cache.invalidateTag(departmentTag(departmentId));
  }

  private viewClock(): ViewClock {
    return { now: this.o.clock.now(), cancelDeadline: (date) => cancelDeadline(date, this.o.rules) };
  }

  clear(): void {
    this.cache.clear();
  }
}
