import type { ScheduleBatch, ScheduleUpsert, ScheduleUpsertReport } from '@cityhealth/shared-types';
import type { EntityManager } from 'typeorm';
import type { BookingRules } from '../config/config.js';
import type { BookingCore } from '../core/booking/booking-core.js';
import { closingInstant, publishSchedule, releaseInstant, type ReleaseRule } from '../core/schedule/publish.js';
import { sessionTimes } from '../core/schedule/session-times.js';
import type { Database } from '../db/database.js';
import { forUpdate, placeholders } from '../db/sql/execute.js';
import type { Clock } from '../shared/clock.js';
import { bumpKey, insertKey, knownKeys, type KnownKey, lockHospital, versionSkip } from './his-keys.js';

type Result = ScheduleUpsertReport['results'][number];

interface Existing {
  department_id: string;
  date: string;
  period: string;
}

/** What the batch's codes point at, read once per batch. */
interface BatchKeys {
  schedules: Map<string, KnownKey>;
  departments: Map<string, KnownKey>;
  doctors: Map<string, KnownKey>;
  existing: Map<string, Existing>;
  rule: ReleaseRule;
}

/**
 * A hospital publishes its sessions (出诊排班) by its own schedule ids, versioned like its catalog
 * (see catalog-upserts.ts). A new id publishes a session with its numbered slots; a newer version
 * of a known one reshapes it through the booking core, under the session's row lock, so a lower
 * capacity never takes a slot a patient is booking. Date, period and department name the session
 * patients booked: a change of those is refused (stop it and publish another id).
 */
export class HospitalScheduleUpserts {
  constructor(
    private readonly db: Database,
    private readonly booking: BookingCore,
    private readonly rules: BookingRules,
    private readonly clock: Clock,
  ) {}

  upsert(hospitalId: string, batch: ScheduleBatch): Promise<ScheduleUpsertReport> {
    return this.booking.changeSchedules(async (tx) => {
      const now = this.clock.now();
      await lockHospital(tx, this.db.dialect, hospitalId);
      const keys = await this.readKeys(tx, hospitalId, batch);
      const results: Result[] = [];
      const changed: string[] = [];
      for (const item of batch.items) {
        const r = await this.apply(tx, hospitalId, batch.version, item, keys, now);
        results.push(r);
        if (r.id && (r.outcome === 'created' || r.outcome === 'updated')) changed.push(r.id);
      }
      return { value: { version: batch.version, results }, changed };
    });
  }

  private async readKeys(tx: EntityManager, hospitalId: string, batch: ScheduleBatch): Promise<BatchKeys> {
    const items = batch.items;
    const schedules = await knownKeys(
      tx,
      hospitalId,
      'schedule',
      items.map((s) => s.hisScheduleId),
    );
    const departments = await knownKeys(
      tx,
      hospitalId,
      'department',
      items.map((s) => s.hisDepartmentCode),
    );
    const doctors = await knownKeys(
      tx,
      hospitalId,
      'doctor',
      items.flatMap((s) => (s.hisDoctorCode ? [s.hisDoctorCode] : [])),
    );
    // The sessions this batch may change, locked in one statement: the order booking batches lock them in.
    const ids = items.flatMap((s) => {
      const key = schedules.get(s.hisScheduleId);
      return key && !versionSkip(key, batch.version) ? [key.entityId] : [];
    });
    const rows = ids.length
      ? ((await tx.query(
          `SELECT id, department_id, date, period FROM schedule WHERE id IN (${placeholders(ids.length)})
            ORDER BY id${forUpdate(this.db.dialect)}`,
          ids,
        )) as (Existing & { id: string })[])
      : [];
    const [hospital] = (await tx.query('SELECT release_time, days_ahead FROM hospital WHERE id = ?', [hospitalId])) as {
      release_time: string;
      days_ahead: unknown;
    }[];
    return {
      schedules,
      departments,
      doctors,
      existing: new Map(rows.map((r) => [r.id, r])),
      rule: { releaseTime: String(hospital!.release_time), daysAhead: Number(hospital!.days_ahead) },
    };
  }

  private async apply(
    tx: EntityManager,
    hospitalId: string,
    version: number,
    s: ScheduleUpsert,
    keys: BatchKeys,
    now: number,
  ): Promise<Result> {
    const code = s.hisScheduleId;
    const key = keys.schedules.get(code);
    const skip = versionSkip(key, version);
    if (skip) return { code, outcome: skip, id: key!.entityId };
    const refuse = (message: string): Result => ({ code, outcome: 'refused', id: key?.entityId ?? null, message });
    const department = keys.departments.get(s.hisDepartmentCode);
    if (!department) return refuse(`科室编码 ${s.hisDepartmentCode} 未登记，请先发布科室`);
    const doctor = s.hisDoctorCode ? keys.doctors.get(s.hisDoctorCode) : undefined;
    if (s.hisDoctorCode && !doctor) return refuse(`医生编码 ${s.hisDoctorCode} 未登记，请先发布医生`);
    const times = sessionTimes(s);
    if ('refusal' in times) return refuse(times.refusal);
    const releaseAt = s.releaseAt ? Date.parse(s.releaseAt) : releaseInstant(s.date, keys.rule);
    const closesAt = closingInstant(times.startsAt, times.endsAt, this.rules.bookingClosesBeforeEndMs);
    if (releaseAt >= closesAt) return refuse('放号时间应早于停止预约的时间');
    const doctorId = doctor?.entityId ?? null;

    if (!key) {
      const schedule = await publishSchedule(tx, {
        hospitalId,
        departmentId: department.entityId,
        doctorId,
        date: s.date,
        period: s.period,
        type: s.type,
        feeFen: s.feeFen,
        capacity: s.capacity,
        startTime: s.startTime,
        endTime: s.endTime,
        slotTimes: s.slotTimes,
        releaseAt,
        closesBeforeEndMs: this.rules.bookingClosesBeforeEndMs,
        publishedBy: hospitalId,
        now,
      });
      await insertKey(tx, hospitalId, 'schedule', code, schedule.id, version, now);
      const capacity = { requested: s.capacity, effective: s.capacity, notRemoved: 0 };
      return { code, outcome: 'created', id: schedule.id, capacity };
    }

    const existing = keys.existing.get(key.entityId);
    if (!existing) return refuse('排班不存在');
    if (existing.department_id !== department.entityId || existing.date !== s.date || existing.period !== s.period)
      return refuse('排班的日期、时段和科室不能修改；请停诊后以新的排班号发布');
    const reshaped = await this.booking.within.reshapeSchedule(tx, {
      scheduleId: key.entityId,
      doctorId,
      type: s.type,
      feeFen: s.feeFen,
      startsAt: times.startsAt,
      endsAt: times.endsAt,
      releaseAt,
      closesAt,
      capacity: s.capacity,
      windows: times.slots,
      actor: { type: 'hospital', id: hospitalId },
      now,
    });
    if (!reshaped) return refuse('排班不存在');
    await bumpKey(tx, key, version, now);
    const capacity = {
      requested: s.capacity,
      effective: reshaped.effective,
      notRemoved: reshaped.effective - s.capacity,
    };
    return { code, outcome: 'updated', id: key.entityId, capacity };
  }
}
