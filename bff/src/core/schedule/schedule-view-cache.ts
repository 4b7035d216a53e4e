import type { ResponseOf, ScheduleSummary } from '@cityhealth/shared-types';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { shanghaiDate } from '../../shared/time.js';
import { JsonCache } from '../cache/json-cache.js';
import { resolveRange } from './date-range.js';
import {
  departmentFamily,
  findDepartment,
  findDoctor,
  findSchedule,
  freeSlotsNow,
  schedulesOf,
  schedulesOfDoctor,
  slotsOf,
  type ScheduleViewRow,
} from './schedule-queries.js';
import {
  compareSchedules,
  needsFreeSlotsNow,
  toScheduleDetail,
  toScheduleSummary,
  type ViewClock,
} from './schedule-views.js';
import type { BookingRules, FairReleaseSettings } from '../../config/config.js';
import { cancelDeadline } from '../booking/rules/index.js';
import { fairDrawUntil } from '../booking/draw/draw-window.js';

export interface ScheduleViewCacheOptions {
  db: Database;
  clock: Clock;
  rules: BookingRules;
  /** The release draw's settings: a session drawn shows until when (absent: no draw anywhere). */
  fairRelease?: FairReleaseSettings;
  /** Lifetime of a view; free counts change, so keep it short (≈1 s). */
  ttlMs?: number;
  maxEntries?: number;
}

const scheduleTag = (id: string) => `schedule:${id}`;
const departmentTag = (id: string) => `department:${id}`;
const departmentKey = (id: string, q: { from?: string; to?: string }, today: string) =>
  `dept|${id}|${q.from ?? ''}|${q.to ?? ''}|${today}`;
const doctorKey = (id: string, q: { from?: string; to?: string }, today: string) =>
  `doctor|${id}|${q.from ?? ''}|${q.to ?? ''}|${today}`;

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
      const value: ResponseOf<'departmentSchedules'> = {
        department: {
          id: department.id,
          name: department.name,
          hospitalId: department.hospital_id,
          hospitalName: department.hospital_name,
          releaseRule: { releaseTime: department.release_time, daysAhead: department.days_ahead },
        },
        schedules: await this.summaries(rows),
      };
      return { value, tags: [...family.map(departmentTag), ...rows.map((r) => scheduleTag(r.id))] };
    });
  }

  /** `GET /api/v1/doctors/:id/schedules?from=&to=` as JSON text: the doctor and their sessions. */
  doctorSchedules(doctorId: string, query: { from?: string; to?: string } = {}): Promise<string> {
    const today = shanghaiDate(this.o.clock.now());
    return this.cache.get(doctorKey(doctorId, query, today), async () => {
      const d = await findDoctor(this.o.db, doctorId);
      if (!d) throw new AppError('NOT_FOUND', '医生不存在');
      const range = resolveRange(query, today, d.days_ahead);
      const rows = (await schedulesOfDoctor(this.o.db, doctorId, range.from, range.to)).sort(compareSchedules);
      const value: ResponseOf<'doctorSchedules'> = {
        doctor: {
          id: d.id,
          name: d.name,
          title: d.title,
          specialty: d.specialty,
          intro: d.intro,
          departmentId: d.department_id,
          departmentName: d.department_name,
          hospitalId: d.hospital_id,
          hospitalName: d.hospital_name,
          releaseRule: { releaseTime: d.release_time, daysAhead: d.days_ahead },
        },
        schedules: await this.summaries(rows),
      };
      // A session published or stopped in any of the doctor's departments drops this view.
      const departments = new Set([d.department_id, ...rows.map((r) => r.department_id)]);
      return { value, tags: [...[...departments].map(departmentTag), ...rows.map((r) => scheduleTag(r.id))] };
    });
  }

  peekDoctorSchedules(doctorId: string, query: { from?: string; to?: string }): string | null {
    return this.cache.peek(doctorKey(doctorId, query, shanghaiDate(this.o.clock.now())));
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

  /** The rows as a patient sees them now: sessions under way count only their free slots not yet begun. */
  private async summaries(rows: ScheduleViewRow[]): Promise<ScheduleSummary[]> {
    const at = this.viewClock();
    const underWay = await freeSlotsNow(
      this.o.db,
      rows.filter((r) => needsFreeSlotsNow(r, at.now)).map((r) => r.id),
      at.now,
    );
    return rows.map((r) => toScheduleSummary(r, at, underWay.get(r.id)));
  }

  private viewClock(): ViewClock {
    return {
      now: this.o.clock.now(),
      cancelDeadline: (date) => cancelDeadline(date, this.o.rules),
      fairDrawUntil: (type, releaseAt) => fairDrawUntil(this.o.fairRelease, type, releaseAt),
    };
  }

  clear(): void {
    this.cache.clear();
  }
}
